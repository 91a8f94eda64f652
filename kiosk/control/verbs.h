// The control socket's verb registry. Each area of the kiosk registers its own verbs with
// a typed request (parsed and checked from the Request before the handler sees it) and a
// typed reply (turned into JSON by the reply type's to_json), so no handler reads raw
// JSON. dispatch() is the whole server-side protocol for one line, and never throws: a
// handler that throws is answered with an `internal` error and logged.
//
// Wire format (docs/cli.md): request {"verb": "<name>", …fields}; reply a JSON object,
// or {"error": {"code": "<Errc>", "message": "…"}}.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kiosk/control/peer.h"
#include "kiosk/control/request.h"
#include "kiosk/core/result.h"

namespace kiosk::control {

enum class Access { Read, Change };

struct VerbInfo {
  std::string name;
  Access access = Access::Read;
  // How long the verb may take on the server; past it the client is answered `timeout`.
  // Clients wait longer than this (client_timeout).
  std::chrono::milliseconds budget{1000};
  std::string summary;
};

// The client's wait for a verb of this budget: the budget plus the server's read and
// scheduling allowance, so the server's own timeout answer always arrives first.
std::chrono::milliseconds client_timeout(std::chrono::milliseconds budget);

nlohmann::json error_reply(const Error& error);
// One line of JSON; invalid UTF-8 from a peer is replaced, never thrown on.
std::string to_line(const nlohmann::json& reply);

class VerbRegistry {
 public:
  using Handler = std::function<Result<nlohmann::json>(const Request&, const Peer&)>;

  // Typed registration: Parse is Result<Req>(const Request&), Handle is
  // Result<Rep>(const Req&, const Peer&), and to_json(const Rep&) is found by ADL.
  template <class Parse, class Handle>
  void add(VerbInfo info, Parse parse, Handle handle) {
    add_raw(std::move(info),
            [parse, handle](const Request& request, const Peer& peer) -> Result<nlohmann::json> {
              auto typed = parse(request);
              if (!typed) return std::unexpected(typed.error());
              auto reply = handle(*typed, peer);
              if (!reply) return std::unexpected(reply.error());
              return to_json(*reply);
            });
  }

  const VerbInfo* find(std::string_view verb) const;
  std::vector<VerbInfo> verbs() const;

  // The answer to one request line from `peer`. Never throws.
  nlohmann::json dispatch(std::string_view line, const Peer& peer,
                          const AccessPolicy& policy) const noexcept;
  // The answer to a parsed request (the server parses on its I/O thread). Never throws.
  nlohmann::json answer(const Request& request, const Peer& peer,
                        const AccessPolicy& policy) const noexcept;

 private:
  void add_raw(VerbInfo info, Handler handler);
  nlohmann::json run(const Request& request, const Peer& peer, const AccessPolicy& policy) const;

  struct Entry {
    VerbInfo info;
    Handler handler;
  };
  std::map<std::string, Entry, std::less<>> verbs_;
};

// A request that takes no fields (devices, health).
struct NoFields {};
Result<NoFields> parse_no_fields(const Request& request);

}  // namespace kiosk::control

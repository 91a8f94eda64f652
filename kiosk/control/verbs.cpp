#include "kiosk/control/verbs.h"

#include <fmt/format.h>

#include "kiosk/core/log.h"

namespace kiosk::control {

using nlohmann::json;

std::chrono::milliseconds client_timeout(std::chrono::milliseconds budget) {
  return budget + std::chrono::milliseconds(3000);
}

json error_reply(const Error& error) {
  return {{"error", {{"code", to_string(error.code)}, {"message", error.message}}}};
}

std::string to_line(const json& reply) {
  return reply.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

void VerbRegistry::add_raw(VerbInfo info, Handler handler) {
  const std::string name = info.name;
  verbs_.insert_or_assign(name, Entry{std::move(info), std::move(handler)});
}

const VerbInfo* VerbRegistry::find(std::string_view verb) const {
  const auto it = verbs_.find(verb);
  return it == verbs_.end() ? nullptr : &it->second.info;
}

std::vector<VerbInfo> VerbRegistry::verbs() const {
  std::vector<VerbInfo> out;
  for (const auto& [name, entry] : verbs_) out.push_back(entry.info);
  return out;
}

json VerbRegistry::run(const Request& request, const Peer& peer, const AccessPolicy& policy) const {
  const auto it = verbs_.find(request.verb());
  if (it == verbs_.end()) {
    return error_reply(
        {Errc::InvalidInput, fmt::format("unknown verb \"{}\"", request.verb().substr(0, 64))});
  }
  const auto& [info, handler] = it->second;
  if (info.access == Access::Change) {
    if (!policy.may_change(peer)) {
      log::warn("control", "refused \"{}\" to uid {} (pid {}): change verbs are for {}", info.name,
                peer.uid, peer.pid, policy.describe());
      return error_reply({Errc::Access, fmt::format("\"{}\" changes the kiosk: only {} may ask",
                                                    info.name, policy.describe())});
    }
    log::info("control", "\"{}\" asked by uid {} (pid {})", info.name, peer.uid, peer.pid);
  }
  auto reply = handler(request, peer);
  return reply ? std::move(*reply) : error_reply(reply.error());
}

json VerbRegistry::dispatch(std::string_view line, const Peer& peer,
                            const AccessPolicy& policy) const noexcept {
  try {
    auto request = parse_request(line);
    if (!request) return error_reply(request.error());
    return answer(*request, peer, policy);
  } catch (const std::exception& e) {  // bad_alloc: parsing asks nlohmann not to throw
    log::error("control", "a request could not be read: {}", e.what());
    return error_reply({Errc::Internal, "the kiosk failed to read the request"});
  }
}

json VerbRegistry::answer(const Request& request, const Peer& peer,
                          const AccessPolicy& policy) const noexcept {
  try {
    return run(request, peer, policy);
  } catch (const std::exception& e) {
    log::error("control", "verb \"{}\" threw: {}", request.verb().substr(0, 64), e.what());
  } catch (...) {
    log::error("control", "verb \"{}\" threw a non-standard exception",
               request.verb().substr(0, 64));
  }
  return error_reply({Errc::Internal, "the kiosk failed to answer; its log says why"});
}

Result<NoFields> parse_no_fields(const Request& request) {
  if (auto only = request.only_fields({}); !only) return std::unexpected(only.error());
  return NoFields{};
}

}  // namespace kiosk::control

// The kiosk's client of the vendor's RD Service on 127.0.0.1 (india.md §2): it speaks
// HTTP, so it lives in kiosk/, not drivers/. One request at a time per client (its
// HttpClient is not thread-safe): the reader monitor and the capture worker each have one.
//
//   [X] discovery: the custom method RDSERVICE on "/" of each port in the configured
//       range; plain HTTP first, HTTPS on a port that answers but not in HTTP; a READY
//       service wins over one that answered NOTREADY or USED
//   [X] HTTPS with the vendor's self-signed certificate, on 127.0.0.1 only
//   [X] DEVICEINFO (or INFO): provider, model, serial, certificate expiry
//   [X] CAPTURE with PidOptions; the PidData goes straight into a Secret, and only its
//       Resp attributes are read (rd_xml.h)
//   [X] every failure as an RdErrorMeaning: the citizen's words and the operator's action
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/biometric/rd_errors.h"
#include "kiosk/biometric/rd_xml.h"
#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/net/http_client.h"

namespace kiosk::biometric {

struct RdClientOptions {
  std::string host = "127.0.0.1";  // loopback only: the RD Service is local by design
  int first_port = 11100;
  int last_port = 11120;
  std::chrono::milliseconds probe_timeout{800};  // one port's RDSERVICE answer
  std::chrono::milliseconds info_timeout{3000};
  std::chrono::milliseconds capture_margin{10'000};  // beyond PidOptions' own timeout
  PidOptions pid;
  std::string user_agent;
};

// Where the RD Service answered, and what it said there.
struct RdEndpoint {
  int port = 0;
  bool https = false;
  RdServiceInfo service;
  std::string url(std::string_view path) const;  // "http://127.0.0.1:11100/rd/capture"
};

struct DeviceFacts {
  DeviceInfo info;
  std::optional<std::chrono::system_clock::time_point> certificate_expiry;
};

// A capture that came back: the summary, and (only when usable) the PID block exactly as
// the RD Service sent it, in locked memory.
struct Capture {
  CaptureSummary summary;
  Secret pid_block;
};

// A failed step: what it means, and the detail for the operator's log (no PID content).
struct RdFailure {
  RdErrorMeaning meaning;
  std::string detail;
};

template <class T>
using RdResult = std::expected<T, RdFailure>;

class RdClient {
 public:
  explicit RdClient(RdClientOptions options);

  // The first READY service in the port range, else the first that answered at all.
  RdResult<RdEndpoint> discover();
  // Asks the service found last again (its status changes: NOTREADY after a replug).
  RdResult<RdEndpoint> refresh(const RdEndpoint& endpoint);
  RdResult<DeviceFacts> device_info(const RdEndpoint& endpoint);
  // One capture. `wadh` comes with an eKYC request, never from the configuration.
  RdResult<Capture> capture(const RdEndpoint& endpoint, std::string_view wadh = {});

  const RdClientOptions& options() const { return options_; }

 private:
  struct Probe {
    std::optional<RdEndpoint> endpoint;
    bool refused = false;  // nothing listens on the port
  };
  Probe probe(int port, bool https);
  net::HttpResult ask(const RdEndpoint& endpoint, std::string method, std::string_view path,
                      std::chrono::milliseconds timeout, std::string body = {},
                      Secret* answer = nullptr);
  RdClientOptions options_;
  net::HttpClient http_;
};

}  // namespace kiosk::biometric

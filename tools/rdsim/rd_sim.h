// A simulated UIDAI RD Service (the fingerprint reader vendor's local HTTP service) for the
// kiosk's client tests and the demo: RDSERVICE, DEVICEINFO and CAPTURE on 127.0.0.1, plain
// HTTP or HTTPS, with the device status, the capture outcome and delays switchable while it
// runs. Plain POSIX sockets, because Debian's cpp-httplib answers 400 to custom methods.
//
//   kiosk::rdsim::RdSim sim({.port = 0});
//   auto port = sim.start();            // the bound port, or why not
//   sim.set_status(DeviceStatus::NotReady);
//   ... the client under test talks to 127.0.0.1:*port ...
//   sim.stop();                         // also done by the destructor
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::rdsim {

enum class DeviceStatus { Ready, NotReady, Used };
// What a CAPTURE with valid PidOptions on a READY device answers. The errors are the RD
// Service specification's codes; NoData is errCode 0 without a <Data> element (seen in the
// field from broken drivers).
enum class CaptureOutcome { Ok, Timeout700, Busy710, NotReady720, Failed730, Reinit740, NoData };
// Where the interfaces live: Mantra's /rd/info and /rd/capture, or Morpho's
// /127.0.0.1:PORT/getDeviceInfo and /127.0.0.1:PORT/capture with its own device identity.
enum class PathStyle { Mantra, Morpho };

struct RdSimOptions {
  int port = 0;  // 0: any free port (what tests want); the program's default is 11100
  PathStyle paths = PathStyle::Mantra;
  bool https = false;  // TLS with a self-signed certificate generated at start()
  DeviceStatus status = DeviceStatus::Ready;
  CaptureOutcome capture = CaptureOutcome::Ok;
  int delay_ms = 0;          // before every answer
  int capture_delay_ms = 0;  // also before a capture the device attempts (READY, valid options)
  int cert_days = 365;       // the device certificate (`mc`) expires now + this; may be < 0
  std::string serial = "SIM0001";
  // When not empty, every captured <Data>'s base64 text begins with it (base64 alphabet
  // only, at most 256 characters) so that privacy tests can grep logs and files for it.
  std::string data_marker = {};
  int qscore = 87;
  int nmpoints = 49;
  int io_timeout_ms = 5000;  // each socket read/write; a request must arrive within twice this
  int max_connections = 16;  // served at once; more wait in the listen backlog
  bool log_requests = true;  // one line per answer on stderr, never a body
};

class RdSim {
 public:
  explicit RdSim(RdSimOptions options);
  ~RdSim();
  RdSim(const RdSim&) = delete;
  RdSim& operator=(const RdSim&) = delete;

  // Validates the options, generates the certificates, binds 127.0.0.1 and starts serving.
  std::expected<int, std::string> start();
  // Stops accepting, cuts open connections and waits for every thread. Idempotent.
  void stop();
  int port() const;  // 0 before start()

  // Thread-safe; the next request sees the new value.
  void set_status(DeviceStatus status);
  void set_capture_error(CaptureOutcome outcome);  // CaptureOutcome::Ok clears the error
  void set_delay_ms(int ms);
  void set_capture_delay_ms(int ms);
  DeviceStatus status() const;
  CaptureOutcome capture_outcome() const;

  std::uint64_t requests() const;  // HTTP answers sent, whatever their code
  std::uint64_t captures() const;  // CAPTURE requests on the capture path, whatever the outcome

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::optional<DeviceStatus> parse_status(std::string_view text);  // READY, NOTREADY, USED
// ok, 700, 710, 720, 730, 740, no-data
std::optional<CaptureOutcome> parse_capture_outcome(std::string_view text);
std::optional<PathStyle> parse_path_style(std::string_view text);  // mantra, morpho
std::string_view to_string(DeviceStatus status);
std::string_view to_string(CaptureOutcome outcome);

// One control line (the program's FIFO):
//   status READY|NOTREADY|USED | capture ok|700|710|720|730|740|no-data | delay MS |
//   capture-delay MS | quit
// Quit is left to the caller; anything else is applied to `sim`.
enum class ControlResult { Applied, Quit };
std::expected<ControlResult, std::string> apply_control_line(RdSim& sim, std::string_view line);

// The errCode a CAPTURE request body earns before the device is involved: 0 when the
// PidOptions are acceptable, else 100, 120, 110, 150 or 210 (checked in that order).
int check_pid_options(std::string_view body);

}  // namespace kiosk::rdsim

// Fuzz target: one line on the kiosk's control socket, through the real verb registry and
// the handlers behind it (devices, reset, health, fault), as a root peer and as a stranger.
// Whatever arrives, the answer is one JSON object line with either a result or an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/config/config.h"
#include "kiosk/control/system_verbs.h"
#include "kiosk/control/verbs.h"
#include "kiosk/devices/device_service.h"

namespace {

using namespace kiosk;

config::Config fuzz_config() {
  config::Layers layers;
  layers.local = {{"devices",
                   {{"receipt_printer", {{"kind", "printer"}, {"simulated", true}}},
                    {"qr_scanner", {{"kind", "scanner"}, {"usb", "1eab:1303"}}}}}};
  return *config::resolve(layers);
}

struct AcceptingPort final : devices::DevicePort {
  std::vector<drivers::model::DeviceState> states() const override { return {}; }
  Status reset(const std::string&) override { return {}; }
  Status print(const std::string&, devices::PrintImage) override { return {}; }
  bool withdraw(const std::string&, std::int64_t) override { return false; }
  void on_scan(std::function<void(const devices::ScanEvent&)>) override {}
  void on_printed(std::function<void(const devices::PrintReport&)>) override {}
};

struct Target {
  AcceptingPort port;
  devices::DeviceService devices{fuzz_config()};
  control::VerbRegistry verbs;
  Target() {
    log::set_level(log::Level::Error);
    devices.set_port(&port);
    devices.register_verbs(verbs);
    control::register_system_verbs(verbs);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Target target;
  static const control::AccessPolicy policy(1500, 1600);
  if (size == 0) return 0;
  // The first byte picks the peer, so both sides of the access check are explored.
  const control::Peer peer =
      data[0] & 1 ? control::Peer{1, 0, 0, {}}
                  : control::Peer{2, 65534, 65534, {static_cast<gid_t>(1600 + (data[0] & 2))}};
  const std::string_view line(reinterpret_cast<const char*>(data) + 1, size - 1);
  const nlohmann::json reply = target.verbs.dispatch(line, peer, policy);
  if (!reply.is_object()) __builtin_trap();
  const bool error = reply.contains("error");
  if (error && !reply["error"].contains("code")) __builtin_trap();
  const std::string wire = control::to_line(reply);
  if (wire.empty() || wire.back() != '\n' || wire.find('\n') != wire.size() - 1) __builtin_trap();
  return 0;
}

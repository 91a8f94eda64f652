// `kioskctl scan-test [--timeout S] [--json]`: waits for one scan from any scanner and
// says what it was (kiosk/ctl/scan_test.h): the scanner, the payload's kind, its fields
// masked, and the raw text only for kinds that carry no Aadhaar data. Through the running
// kiosk when it runs (it owns the scanners); otherwise kioskctl opens them itself with the
// same USB layer and drivers. Exit 0 on a scan it understood, 1 on one it did not, 4 with
// no scanner, 75 when none came in time.
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "apps/kioskctl/verbs.h"
#include "apps/usb_device_port.h"
#include "kiosk/control/client.h"
#include "kiosk/ctl/scan_test.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using namespace std::chrono_literals;

std::optional<std::filesystem::path> cert_of(const kiosk::config::Config& c) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(c.uidai_cert_path, ec)) return c.uidai_cert_path;
  return std::nullopt;
}

bool any_online(const drivers::usb::UsbDeviceManager& manager, const kiosk::config::Config& c) {
  for (const auto& e : c.devices) {
    if (e.kind != drivers::model::DeviceKind::Scanner) continue;
    auto s = manager.state(e.name);
    if (s && s->status == drivers::model::Status::Online) return true;
  }
  return false;
}

// The manager's passes on this thread until a scan comes, the scanners never appear, or
// the time is up.
kiosk::Result<nlohmann::json> scan_locally(const kiosk::config::Config& c,
                                           std::chrono::seconds timeout) {
  apps::ScanRelay relay;
  std::mutex mutex;
  std::optional<kiosk::devices::ScanEvent> scan;
  relay.listen([&](const kiosk::devices::ScanEvent& e) {
    std::lock_guard lock(mutex);
    if (e.text && !scan) scan = e;
  });
  drivers::usb::ManagerOptions options;
  options.settle_delay = 0ms;
  options.ignored = kiosk::devices::ignored_matches(c);
  drivers::usb::UsbDeviceManager manager(
      kiosk::devices::device_specs(c),
      apps::kiosk_drivers(
          nullptr, &relay,
          [&c](const std::string& n) { return kiosk::devices::scanner_config(c, n); }),
      options);
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    manager.step();
    {
      std::lock_guard lock(mutex);
      if (scan) return kiosk::ctl::scan_report(scan->device, *scan->text, cert_of(c));
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    if (waited > 3s && !any_online(manager, c))
      return kiosk::fail(kiosk::Errc::NoDevice, "no scanner is connected");
    if (waited > timeout)
      return kiosk::fail(kiosk::Errc::Timeout,
                         "no scan came in " + std::to_string(timeout.count()) + " s");
    std::this_thread::sleep_for(5ms);
  }
}

bool has_scanner(const kiosk::config::Config& c) {
  return std::ranges::any_of(
      c.devices, [](const auto& e) { return e.kind == drivers::model::DeviceKind::Scanner; });
}

kiosk::Result<nlohmann::json> scan_test(const kiosk::config::Config& c,
                                        std::chrono::seconds timeout, std::string& source) {
  const nlohmann::json request{{"verb", "scan-test"}, {"timeout_s", timeout.count()}};
  auto answer = kiosk::control::exchange(c.control_socket, request,
                                         kiosk::control::client_timeout(timeout + 2s));
  if (answer) {
    source = "app";
    if (answer->refused) return std::unexpected(std::move(*answer->refused));
    return answer->body;
  }
  if (answer.error().code == kiosk::Errc::Access) return std::unexpected(answer.error());
  if (kiosk::devices::InstanceLock::held(kiosk::devices::lock_file(c)))
    return kiosk::fail(kiosk::Errc::Busy, "csc-kiosk is running but does not answer");
  source = "local";
  if (!has_scanner(c))
    return kiosk::fail(kiosk::Errc::NoDevice, "no scanner is configured (devices, kind scanner)");
  return scan_locally(c, timeout);
}

std::string summary(const nlohmann::json& r) {
  std::string out = "scan from " + r.value("scanner", "?") + ": " + r.value("kind", "unknown") +
                    (r.value("recognised", false) ? "" : " (not understood)") + ", " +
                    std::to_string(r.value("length", 0)) + " characters\n";
  if (r.contains("fields"))
    for (const auto& [k, v] : r["fields"].items())
      out += "  " + k + ": " + (v.is_string() ? v.get<std::string>() : v.dump()) + "\n";
  if (r.contains("error")) out += "  " + r["error"].get<std::string>() + "\n";
  if (r.contains("text")) out += "  text: " + r["text"].get<std::string>() + "\n";
  return out;
}

}  // namespace

void register_scan_test_verb(CLI::App& app, const Globals& g, int& exit_code) {
  static int timeout_s = static_cast<int>(kiosk::ctl::kScanTestDefault.count());
  CLI::App* verb = app.add_subcommand(
      "scan-test", "Wait for one scan from any scanner: its kind and masked fields");
  verb->add_option("--timeout", timeout_s, "Seconds to wait (1-300)")
      ->check(CLI::Range(1, static_cast<int>(kiosk::ctl::kScanTestMax.count())));
  verb->callback([&g, &exit_code] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    std::string source;
    auto reply = scan_test(*config, std::chrono::seconds(timeout_s), source);
    if (!reply) return print_error(g, reply.error(), exit_code);
    if (g.json) {
      auto j = *reply;
      j["source"] = source;
      print(j.dump(2) + "\n");
    } else {
      print(summary(*reply));
    }
    exit_code =
        static_cast<int>(reply->value("recognised", false) ? ExitCode::Ok : ExitCode::Failed);
  });
}

}  // namespace kioskctl

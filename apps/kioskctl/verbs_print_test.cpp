// `kioskctl print-test [--json]`: prints the test receipt (kiosk/receipt/test_receipt.h)
// and says whether the printer confirmed it. Through the running kiosk's control socket
// when it runs (it owns the printer); otherwise kioskctl claims the printer itself with
// the same USB layer and drivers. Exit 0 only when the printer confirmed the receipt, 1
// with the reason (paper out, cover open, not confirmed), 4 when there is no printer.
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "apps/kioskctl/verbs.h"
#include "apps/usb_device_port.h"
#include "kiosk/control/client.h"
#include "kiosk/core/clock.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"
#include "kiosk/receipt/print_test_verb.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/receipt/test_receipt.h"
#include "kiosk/text/engine.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using kiosk::receipt::PrintTestReply;
using namespace std::chrono_literals;

constexpr std::int64_t kTestJob = -1;  // never a stored job's id
constexpr auto kLocalWait = 60s;       // the print worker's job timeout

// Runs the manager's passes on this thread until the printer reports the job.
std::optional<kiosk::devices::PrintReport> wait_for_report(
    drivers::usb::UsbDeviceManager& manager, std::future<kiosk::devices::PrintReport>& report) {
  const auto deadline = std::chrono::steady_clock::now() + kLocalWait;
  while (report.wait_for(10ms) != std::future_status::ready) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    manager.step();
  }
  return report.get();
}

kiosk::Result<PrintTestReply> print_locally(const kiosk::config::Config& c) {
  const auto printer = kiosk::devices::receipt_printer(c);
  if (printer.empty())
    return kiosk::fail(kiosk::Errc::NoDevice, "no receipt printer is configured");
  auto engine = kiosk::text::Engine::create({c.font_latin, c.font_devanagari, c.font_icons});
  if (!engine) return std::unexpected(engine.error());
  const kiosk::SystemClock clock;
  const auto receipt = kiosk::receipt::test_receipt(c.csc_id, c.kiosk_id, clock.wall_now());
  auto image =
      kiosk::receipt::receipt_image(**engine, receipt, kiosk::devices::receipt_width_dots(c),
                                    kiosk::devices::receipt_native_qr(c), kTestJob);
  if (!image) return std::unexpected(image.error());

  const apps::PrintQueues queues({printer});
  drivers::usb::ManagerOptions options;
  options.settle_delay = 0ms;
  options.ignored = kiosk::devices::ignored_matches(c);
  drivers::usb::UsbDeviceManager manager(kiosk::devices::device_specs(c),
                                         apps::kiosk_drivers(&queues), options);
  apps::UsbDevicePort port(manager, queues);
  manager.step();
  if (auto there = kiosk::receipt::printer_connected(port.states(), printer); !there)
    return std::unexpected(there.error());
  std::promise<kiosk::devices::PrintReport> reported;
  auto report = reported.get_future();
  bool told = false;  // the manager runs on this thread: no lock
  port.on_printed([&reported, &told](const kiosk::devices::PrintReport& r) {
    if (r.job_id != kTestJob || std::exchange(told, true)) return;
    reported.set_value(r);
  });
  if (auto queued = port.print(printer, std::move(*image)); !queued)
    return std::unexpected(queued.error());
  return PrintTestReply{printer, receipt.receipt_no, wait_for_report(manager, report)};
}

// Through the kiosk when it runs; alone when it does not; never beside a kiosk that holds
// the printer but does not answer.
kiosk::Result<PrintTestReply> print_test(const kiosk::config::Config& c, std::string& source) {
  auto answer =
      kiosk::control::exchange(c.control_socket, {{"verb", "print-test"}},
                               kiosk::control::client_timeout(kiosk::receipt::kPrintTestBudget));
  if (answer) {
    source = "app";
    if (answer->refused) return std::unexpected(std::move(*answer->refused));
    return kiosk::receipt::print_test_reply_from_json(answer->body);
  }
  if (answer.error().code == kiosk::Errc::Access) return std::unexpected(answer.error());
  if (kiosk::devices::InstanceLock::held(kiosk::devices::lock_file(c)))
    return kiosk::fail(kiosk::Errc::Busy, "csc-kiosk is running but does not answer");
  source = "local";
  return print_locally(c);
}

std::string summary(const PrintTestReply& r) {
  if (r.confirmed()) return "test receipt " + r.receipt_no + " printed on " + r.printer + "\n";
  const auto why = r.report ? std::string(kiosk::receipt::to_string(r.report->outcome)) +
                                  (r.report->reason.empty() ? "" : " (" + r.report->reason + ")")
                            : "unknown (" + std::string(kiosk::receipt::kNoAnswer) + ")";
  return "test receipt " + r.receipt_no + " not confirmed by " + r.printer + ": " + why + "\n";
}

}  // namespace

void register_print_test_verb(CLI::App& app, const Globals& g, int& exit_code) {
  CLI::App* verb = app.add_subcommand(
      "print-test", "Print a test receipt (Hindi, English, QR); exit 0 only when confirmed");
  verb->callback([&g, &exit_code] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    std::string source;
    auto reply = print_test(*config, source);
    if (!reply) return print_error(g, reply.error(), exit_code);
    if (g.json) {
      auto j = kiosk::receipt::to_json(*reply);
      j["source"] = source;
      print(j.dump(2) + "\n");
    } else {
      print(summary(*reply));
    }
    exit_code = static_cast<int>(reply->confirmed() ? ExitCode::Ok : ExitCode::Failed);
  });
}

}  // namespace kioskctl

#include "apps/csc-kiosk/operator_desk.h"

#include <signal.h>
#include <unistd.h>

#include "kiosk/biometric/rd_client.h"
#include "kiosk/biometric/reader_config.h"
#include "kiosk/core/log.h"
#include "kiosk/ctl/capture_test.h"
#include "kiosk/qr/payload.h"
#include "kiosk/receipt/print_test_verb.h"
#include "kiosk/receipt/test_receipt.h"
#include "kiosk/sync/settings.h"

namespace apps {

namespace {

using kiosk::op::DeviceAnswer;

constexpr std::chrono::seconds kScanTestWait{20};

DeviceAnswer print_answer(kiosk::Result<std::optional<kiosk::devices::PrintReport>> report) {
  if (!report) return std::unexpected(report.error());
  if (!*report) return kiosk::fail(kiosk::Errc::Timeout, "the printer did not answer in time");
  if ((*report)->outcome != kiosk::devices::PrintOutcome::Done)
    return kiosk::fail(kiosk::Errc::Io, (*report)->reason);
  return std::string("done");
}

void wire_devices(kiosk::op::DeskSources& s, const DeskParts& p) {
  if (p.printer != nullptr) {
    auto* printer = p.printer;
    const auto& c = p.config;
    const auto* clock = &p.clock;
    s.test_print = [printer, &c, clock](const std::string&) {
      return print_answer(
          printer->print_test(kiosk::receipt::test_receipt(c.csc_id, c.kiosk_id, clock->wall_now()),
                              kiosk::receipt::kPrintTestBudget));
    };
    s.print_lines = [printer](const std::vector<std::string>& lines) {
      return print_answer(printer->print_lines(lines, kiosk::receipt::kPrintTestBudget));
    };
  }
  if (p.scans != nullptr) {
    auto* scans = p.scans;
    s.test_scan = [scans](const std::string&) -> DeviceAnswer {
      auto scan = scans->wait_next(kScanTestWait);
      if (!scan || !scan->text) return kiosk::fail(kiosk::Errc::Timeout, "no scan in 20 s");
      return std::string(kiosk::qr::to_string(kiosk::qr::detect_payload(*scan->text)));
    };
  }
  if (auto reader = kiosk::biometric::reader_settings(p.config)) {
    s.test_capture = [client_settings = reader->client](const std::string&) -> DeviceAnswer {
      kiosk::biometric::RdClient client(client_settings);
      const auto report = kiosk::ctl::capture_test(client);  // the PID block is dropped there
      if (report.exit != kiosk::ExitCode::Ok)
        return kiosk::fail(kiosk::Errc::NoDevice, kiosk::ctl::capture_test_text(report.json));
      return kiosk::ctl::capture_test_text(report.json);
    };
  }
}

}  // namespace

std::unique_ptr<kiosk::op::Desk> start_desk(const DeskParts& p) {
  kiosk::op::DeskSources s;
  s.store = p.store;
  s.outbox = kiosk::sync::outbox_options(p.config);
  if (p.alerts != nullptr) s.alerts = [a = p.alerts] { return a->alerts(); };
  auto* delivery = &p.delivery;
  s.delivery_state = [delivery] {
    const auto st = delivery->status();
    return std::pair{std::string(kiosk::sync::to_string(st.state)), st.reason};
  };
  s.nudge_delivery = [delivery] { delivery->nudge(); };
  if (p.config_service != nullptr)
    s.config_status = [cs = p.config_service] { return cs->status(); };
  wire_devices(s, p);
  s.log_dir = p.config.log_dir;
  s.kiosk_id = p.config.kiosk_id;
  // The same clean stop as SIGTERM (QuitSignals takes it): main sees the flag and exits
  // with ExitCode::Restart, on which the service unit restarts the kiosk.
  s.restart = [] {
    kiosk::log::info("operator", "the operator asked for a restart");
    g_restart_requested = true;
    ::kill(::getpid(), SIGTERM);
  };
  auto desk = std::make_unique<kiosk::op::Desk>(std::move(s), p.clock, p.core);
  p.core.set_operator_desk(desk.get());
  return desk;
}

std::function<std::optional<kiosk::store::ReceiptRequest>(const std::string&)> late_receipts(
    const kiosk::config::Config& config, const kiosk::app::AppCore& core, std::string printer) {
  return [&config, &core,
          printer](const std::string& service_id) -> std::optional<kiosk::store::ReceiptRequest> {
    if (printer.empty()) return std::nullopt;
    const auto snapshot = core.snapshot();
    for (const auto& s : snapshot->services) {
      if (s.id != service_id) continue;
      return kiosk::store::ReceiptRequest{printer, config.csc_id, config.kiosk_id,
                                          std::string(kiosk::services::pick(s.title, "hi")),
                                          std::string(kiosk::services::pick(s.title, "en"))};
    }
    return kiosk::store::ReceiptRequest{printer, config.csc_id, config.kiosk_id, service_id,
                                        service_id};
  };
}

}  // namespace apps

#include "kiosk/receipt/print_test_verb.h"

#include "kiosk/receipt/test_receipt.h"

namespace kiosk::receipt {

void register_print_test_verb(control::VerbRegistry& verbs, PrintWorker& worker, const Clock& clock,
                              std::string csc_id, std::string kiosk_id) {
  // The worker's wait ends a second before the server's budget, so its answer, not the
  // server's timeout, reaches kioskctl.
  constexpr auto kWait = kPrintTestBudget - std::chrono::seconds(1);
  verbs.add({"print-test", control::Access::Change, kPrintTestBudget,
             "print a test receipt (Hindi, English, QR) and wait for the printer"},
            control::parse_no_fields,
            [&worker, &clock, csc = std::move(csc_id), kiosk = std::move(kiosk_id)](
                const control::NoFields&, const control::Peer&) -> Result<PrintTestReply> {
              const auto receipt = test_receipt(csc, kiosk, clock.wall_now());
              auto report = worker.print_test(receipt, kWait);
              if (!report) return std::unexpected(report.error());
              return PrintTestReply{worker.printer(), receipt.receipt_no, *report};
            });
}

}  // namespace kiosk::receipt

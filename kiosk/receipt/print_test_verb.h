// The control socket's `print-test` verb (change: it uses paper): the running kiosk prints
// the test receipt (test_receipt.h) between its jobs and answers with the printer's
// outcome. kioskctl print-test uses it, and prints locally when no kiosk runs (docs/cli.md).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/control/verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/devices/device_port.h"
#include "kiosk/receipt/print_worker.h"

namespace kiosk::receipt {

// The printer's own limit (its job timeout) plus a queued receipt ahead of the test one.
inline constexpr std::chrono::milliseconds kPrintTestBudget{75'000};

struct PrintTestReply {
  std::string printer;
  std::string receipt_no;
  // The driver's report; nullopt when no outcome came in time (as the job's `unknown`).
  std::optional<devices::PrintReport> report;
  bool confirmed() const { return report && report->outcome == devices::PrintOutcome::Done; }
};
inline constexpr std::string_view kNoAnswer = "the printer did not answer in time";

// {"printer", "receipt_no", "outcome": "done|failed|unknown", "confirmed", "reason"}, and
// back (kioskctl reading the kiosk's answer; InvalidInput for anything else).
nlohmann::json to_json(const PrintTestReply& reply);
Result<PrintTestReply> print_test_reply_from_json(const nlohmann::json& j);
std::string_view to_string(devices::PrintOutcome outcome);

void register_print_test_verb(control::VerbRegistry& verbs, PrintWorker& worker, const Clock& clock,
                              std::string csc_id, std::string kiosk_id);

}  // namespace kiosk::receipt

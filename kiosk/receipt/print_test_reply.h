// The answer of the `print-test` verb (print_test_verb.h) as values, and its JSON both ways:
// the kiosk writes it, kioskctl reads it back. Pure: no printer, no socket.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/devices/device_port.h"

namespace kiosk::receipt {

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

}  // namespace kiosk::receipt

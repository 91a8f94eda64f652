#include "kiosk/receipt/print_test_reply.h"

namespace kiosk::receipt {

using nlohmann::json;

std::string_view to_string(devices::PrintOutcome outcome) {
  switch (outcome) {
    case devices::PrintOutcome::Done:
      return "done";
    case devices::PrintOutcome::Failed:
      return "failed";
    case devices::PrintOutcome::Unknown:
      return "unknown";
  }
  return "unknown";
}

json to_json(const PrintTestReply& reply) {
  const std::string reason = reply.report ? reply.report->reason : std::string(kNoAnswer);
  return {{"printer", reply.printer},
          {"receipt_no", reply.receipt_no},
          {"outcome", reply.report ? to_string(reply.report->outcome) : "unknown"},
          {"confirmed", reply.confirmed()},
          {"reason", reason.empty() ? json(nullptr) : json(reason)}};
}

Result<PrintTestReply> print_test_reply_from_json(const json& j) {
  if (!j.is_object() || !j.contains("printer") || !j["printer"].is_string() ||
      !j.contains("receipt_no") || !j["receipt_no"].is_string() || !j.contains("outcome") ||
      !j["outcome"].is_string())
    return fail(Errc::InvalidInput, "not a print-test answer");
  PrintTestReply reply{j["printer"].get<std::string>(), j["receipt_no"].get<std::string>(), {}};
  const auto outcome = j["outcome"].get<std::string>();
  const auto& r = j.value("reason", json(nullptr));
  const std::string reason = r.is_string() ? r.get<std::string>() : "";
  if (outcome == "unknown" && reason == kNoAnswer) return reply;  // no outcome in time
  for (const auto o : {devices::PrintOutcome::Done, devices::PrintOutcome::Failed,
                       devices::PrintOutcome::Unknown}) {
    if (to_string(o) == outcome) {
      reply.report = devices::PrintReport{0, o, reason};
      return reply;
    }
  }
  return fail(Errc::InvalidInput, "unknown print outcome \"" + outcome + "\"");
}

}  // namespace kiosk::receipt

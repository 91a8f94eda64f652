// The day-end report (on screen, on paper, as a CSV under paths.log_dir) and the payment
// intents the operator may still settle, read through the desk's own outbox connection.
#include <fmt/format.h>

#include <filesystem>

#include "kiosk/core/file.h"
#include "kiosk/operator/desk.h"
#include "kiosk/receipt/day_report_print.h"
#include "kiosk/receipt/receipt.h"

namespace kiosk::op {

namespace {

using app::OperatorPage;
using app::OperatorPageData;

std::string figures(std::int64_t count, std::int64_t paise) {
  return fmt::format("{} · {}", count, receipt::rupees(paise));
}

OperatorPageData report_rows(const store::DayReport& r) {
  OperatorPageData data{OperatorPage::Report, {}, {}};
  data.rows.push_back({.label_key = "operator.report.day", .value = r.day});
  for (const auto& row : r.rows)
    data.rows.push_back({.label_key = "operator.report.status." + row.status,
                         .label = row.service_id + " · " + row.payment_mode,
                         .value = figures(row.count, row.amount_paise + row.fee_paise),
                         .problem = row.status != "completed"});
  data.rows.push_back({.label_key = "operator.report.completed",
                       .value = figures(r.completed_count, r.completed_paise)});
  data.rows.push_back({.label_key = "operator.report.failed_paid",
                       .value = figures(r.failed_count, r.failed_paid_paise),
                       .advice_key = r.failed_paid_paise > 0 ? "operator.report.refund" : "",
                       .problem = r.failed_paid_paise > 0});
  data.rows.push_back({.label_key = "operator.report.print", .action = "print-report"});
  data.rows.push_back({.label_key = "operator.report.export", .action = "export-report"});
  return data;
}

}  // namespace

OperatorPageData Desk::report_page() {
  auto box = outbox();
  if (!box) return {OperatorPage::Report, {}, "operator.page.unavailable"};
  auto report = (*box)->day_report(store::ist_day(clock_.wall_now()));
  if (!report) return {OperatorPage::Report, {}, "operator.page.unavailable"};
  return report_rows(*report);
}

app::OperatorActionDone Desk::report_action(const std::string& action) {
  auto box = outbox();
  if (!box) return action_result(false, "operator.result.failed", box.error().message);
  auto report = (*box)->day_report(store::ist_day(clock_.wall_now()));
  if (!report) return action_result(false, "operator.result.failed", report.error().message);
  if (action == "print-report") {
    if (!sources_.print_lines)
      return action_result(false, "operator.result.print_failed", "no printer");
    auto printed = sources_.print_lines(receipt::day_report_lines(*report, sources_.kiosk_id));
    return printed ? action_result(true, "operator.result.printed", *printed)
                   : action_result(false, "operator.result.print_failed", printed.error().message);
  }
  if (sources_.log_dir.empty())
    return action_result(false, "operator.result.failed", "no paths.log_dir");
  std::error_code ec;
  std::filesystem::create_directories(sources_.log_dir, ec);
  const auto file = sources_.log_dir / ("day-end-" + report->day + ".csv");
  if (auto s = write_file_atomic(file, store::day_report_csv(*report), 0640); !s)
    return action_result(false, "operator.result.failed", s.error().message);
  return action_result(true, "operator.result.exported", file.string());
}

// Intents of the last two days that were never confirmed: a citizen who paid and left is
// among them. They are settled with `kioskctl payment confirm` (docs/operator.md).
OperatorPageData Desk::intents_page() {
  OperatorPageData data{OperatorPage::Payment, {}, {}};
  auto box = outbox();
  if (!box) return {OperatorPage::Payment, {}, "operator.page.unavailable"};
  const auto since = clock_.wall_now() - std::chrono::hours(48);
  auto intents = (*box)->intake().intents(store::unix_ms(since));
  if (!intents) return {OperatorPage::Payment, {}, "operator.page.unavailable"};
  for (const auto& i : *intents) {
    if (i.state == store::IntentState::Confirmed) continue;
    data.rows.push_back(
        {.label_key = "operator.payment.intent",
         .label = i.service_id + " · " + receipt::rupees(i.amount_paise + i.fee_paise),
         .value = i.txn_id,
         .value_key = "operator.payment.state." + std::string(store::to_string(i.state)),
         .advice_key = "operator.payment.late.action"});
  }
  return data;
}

}  // namespace kiosk::op

#include "kiosk/receipt/day_report_print.h"

#include <fmt/format.h>

#include "kiosk/receipt/receipt.h"

namespace kiosk::receipt {
namespace {

std::string mode_words(const std::string& mode) {
  if (mode == "UPI") return "UPI";
  if (mode == "CASH") return "नकद / Cash";
  if (mode == "NONE") return "निःशुल्क / Free";
  return "अज्ञात / Unknown";  // rows from before the mode was kept beside the sealed body
}

std::string status_words(const std::string& status) {
  if (status == "completed") return "पूर्ण / Completed";
  if (status == "failed") return "असफल / Failed";
  return "अज्ञात / Unknown";
}

// "2026-12-07" as Indians write it: "07-12-2026".
std::string day_words(const std::string& day) {
  if (day.size() != 10) return day;
  return fmt::format("{}-{}-{}", day.substr(8, 2), day.substr(5, 2), day.substr(0, 4));
}

void add_row(std::vector<std::string>& lines, const store::DayReportRow& row) {
  lines.push_back(row.service_id);
  lines.push_back(fmt::format("  {}, {}: {}", mode_words(row.payment_mode),
                              status_words(row.status), row.count));
  lines.push_back(fmt::format("  राशि / Amount {} + शुल्क / Fee {}", rupees(row.amount_paise),
                              rupees(row.fee_paise)));
}

void add_totals(std::vector<std::string>& lines, const store::DayReport& r) {
  lines.push_back("पूर्ण लेन-देन (राशि + शुल्क)");
  lines.push_back(fmt::format("Completed (amount + fee): {}  {}", r.completed_count,
                              rupees(r.completed_paise)));
  lines.push_back("असफल: लिया गया पैसा लौटाना पड़ सकता है");
  lines.push_back(fmt::format("Failed: {}, money taken (may be owed back): {}", r.failed_count,
                              rupees(r.failed_paid_paise)));
}

}  // namespace

std::vector<std::string> day_report_lines(const store::DayReport& report,
                                          const std::string& kiosk_id) {
  std::vector<std::string> lines{
      "दिन का हिसाब",
      "Day-end report",
      fmt::format("Kiosk {}", kiosk_id),
      fmt::format("दिनांक / Date: {} (IST)", day_words(report.day)),
  };
  if (report.rows.empty()) lines.push_back("कोई लेन-देन नहीं / No transactions");
  for (const auto& row : report.rows) add_row(lines, row);
  add_totals(lines, report);
  return lines;
}

}  // namespace kiosk::receipt

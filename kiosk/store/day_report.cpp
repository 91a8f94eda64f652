#include "kiosk/store/day_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>

#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"

namespace kiosk::store {
namespace {

// India has one offset all year (no daylight saving).
constexpr auto kIst = std::chrono::hours(5) + std::chrono::minutes(30);

bool digits(std::string_view s, int& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

// "2026-12-07" → that date; InvalidInput for anything else ("2026-2-7", "2026-02-30").
Result<std::chrono::sys_days> parse_day(std::string_view day) {
  int y = 0, m = 0, d = 0;
  const bool shaped = day.size() == 10 && day[4] == '-' && day[7] == '-' &&
                      digits(day.substr(0, 4), y) && digits(day.substr(5, 2), m) &&
                      digits(day.substr(8, 2), d);
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!shaped || !ymd.ok())
    return fail(Errc::InvalidInput, fmt::format("not a date (YYYY-MM-DD): \"{}\"", day));
  return std::chrono::sys_days{ymd};
}

Result<std::vector<DayReportRow>> read_rows(OutboxConnection& c, std::int64_t from_ms,
                                            std::int64_t to_ms) {
  auto q = sql::Query::make(c.db,
                            "SELECT service_id, coalesce(payment_mode,'UNKNOWN'), "
                            "coalesce(status,'unknown'), count(*), sum(amount_paise), "
                            "sum(fee_paise) FROM outbox WHERE test=0 AND created_ms >= ?1 AND "
                            "created_ms < ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                            from_ms, to_ms);
  if (!q) return std::unexpected(q.error());
  std::vector<DayReportRow> rows;
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return rows;
    rows.push_back(
        {q->text(0), q->text(1), q->text(2), q->integer(3), q->integer(4), q->integer(5)});
  }
}

void add_totals(DayReport& r) {
  for (const auto& row : r.rows) {
    const auto paise = row.amount_paise + row.fee_paise;
    if (row.status == "completed") {
      r.completed_count += row.count;
      r.completed_paise += paise;
    } else if (row.status == "failed") {
      r.failed_count += row.count;
      // Money changed hands only by UPI or cash; a free (NONE) failure owes nothing back.
      if (row.payment_mode == "UPI" || row.payment_mode == "CASH") r.failed_paid_paise += paise;
    }
  }
}

// Service ids are plain ("cg.edistrict.income_certificate"), but a CSV field must never
// split a line whatever it holds.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string quoted = "\"";
  for (char ch : s) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

}  // namespace

std::string ist_day(Clock::WallTime at) {
  return fmt::format("{:%Y-%m-%d}", std::chrono::floor<std::chrono::seconds>(at) + kIst);
}

Result<DayReport> day_report(OutboxConnection& c, std::string_view day_text) {
  auto day = parse_day(day_text);
  if (!day) return std::unexpected(day.error());
  const auto from = *day - kIst;  // 00:00 IST is 18:30 UTC the day before
  const auto from_ms = unix_ms(from);
  const auto to_ms = unix_ms(from + std::chrono::days(1));
  auto rows = read_rows(c, from_ms, to_ms);
  if (!rows) return std::unexpected(rows.error());
  DayReport r;
  r.day = std::string(day_text);
  r.rows = std::move(*rows);
  add_totals(r);
  return r;
}

nlohmann::json to_json(const DayReport& r) {
  auto rows = nlohmann::json::array();
  for (const auto& row : r.rows)
    rows.push_back({{"service_id", row.service_id},
                    {"payment_mode", row.payment_mode},
                    {"status", row.status},
                    {"count", row.count},
                    {"amount_paise", row.amount_paise},
                    {"fee_paise", row.fee_paise}});
  return {{"day", r.day},
          {"rows", std::move(rows)},
          {"totals",
           {{"completed_count", r.completed_count},
            {"completed_paise", r.completed_paise},
            {"failed_count", r.failed_count},
            {"failed_paid_paise", r.failed_paid_paise}}}};
}

std::string day_report_csv(const DayReport& r) {
  std::string out = "service_id,payment_mode,status,count,amount_paise,fee_paise\n";
  for (const auto& row : r.rows)
    out +=
        fmt::format("{},{},{},{},{},{}\n", csv_field(row.service_id), csv_field(row.payment_mode),
                    csv_field(row.status), row.count, row.amount_paise, row.fee_paise);
  out += fmt::format("TOTAL,completed,{},{},failed,{},{}\n", r.completed_count, r.completed_paise,
                     r.failed_count, r.failed_paid_paise);
  return out;
}

}  // namespace kiosk::store

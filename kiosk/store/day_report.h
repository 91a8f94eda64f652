// The operator's day-end report: what the kiosk took in one IST calendar day, per service,
// payment mode and outcome, from the outbox's index columns (never the sealed bodies).
//
//  [X] The IST day runs 00:00 to 24:00 +05:30, by created_ms (Unix ms)
//  [X] Test items (commissioning) are left out
//  [X] Rows from before schema v4 have no mode or outcome column: "UNKNOWN" / "unknown"
//  [X] Totals: completed (amount + fee), and failed rows paid by UPI or cash, whose money
//      may be owed back to the citizen
//  [X] JSON (control socket, kioskctl) and CSV (a spreadsheet); the printed lines are in
//      kiosk/receipt/day_report_print.h
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"

namespace kiosk::store {

struct DayReportRow {
  std::string service_id;
  std::string payment_mode;  // "UPI", "CASH", "NONE", or "UNKNOWN" (NULL: before schema v4)
  std::string status;        // "completed", "failed", or "unknown" (NULL: before schema v4)
  std::int64_t count = 0, amount_paise = 0, fee_paise = 0;
  bool operator==(const DayReportRow&) const = default;
};

struct DayReport {
  std::string day;                 // "2026-12-07", an IST calendar day
  std::vector<DayReportRow> rows;  // ordered by service_id, payment_mode, status
  std::int64_t completed_count = 0, completed_paise = 0;  // amount + fee of completed rows
  // Failed rows, and the amount + fee of those paid by UPI or cash: money taken that may be
  // owed back. Rows of unknown outcome count in neither total.
  std::int64_t failed_count = 0, failed_paid_paise = 0;
  bool operator==(const DayReport&) const = default;
};

// The report of `ist_day` ("YYYY-MM-DD"); InvalidInput when that is not a calendar date.
Result<DayReport> day_report(OutboxConnection& c, std::string_view ist_day);

// The IST calendar day ("YYYY-MM-DD") that `at` falls in.
std::string ist_day(Clock::WallTime at);

// {"day", "rows": [{service_id, payment_mode, status, count, amount_paise, fee_paise}],
//  "totals": {completed_count, completed_paise, failed_count, failed_paid_paise}}
nlohmann::json to_json(const DayReport& r);

// A header line, one line per row (the header's columns), then the totals line
// "TOTAL,completed,<count>,<paise>,failed,<count>,<paid paise>". Lines end with "\n".
std::string day_report_csv(const DayReport& r);

}  // namespace kiosk::store

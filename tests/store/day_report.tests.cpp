// The day-end report on a real SQLite file: IST day edges, modes and outcomes, test items
// left out, the totals, the CSV and JSON forms; and schema v4, which keeps the mode and
// outcome beside the sealed body, migrating a v3 file with its rows.
#include "kiosk/store/day_report.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "kiosk/store/outbox.h"
#include "kiosk/store/outbox_schema.h"
#include "kiosk/store/sql.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace std::chrono;

namespace {

OutboxOptions options_in(const std::string& name) {
  const auto dir = testing::scratch_dir(name);
  return {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
}

// `hh:mm` IST on 2026-12-<dd>.
Clock::WallTime ist(unsigned dd, int hh, int mm) {
  return sys_days{year{2026} / 12 / dd} + hours(hh) + minutes(mm) - hours(5) - minutes(30);
}

constexpr auto kIncome = "cg.edistrict.income_certificate";
constexpr auto kCaste = "cg.edistrict.caste_certificate";

struct Sale {
  Clock::WallTime at;
  const char* service;
  const char* mode;
  bool completed;
  std::int64_t amount, fee;
  bool test = false;
};

NewTransaction transaction(const Sale& s) {
  auto t = testing::sample_transaction();
  t.service_id = s.service;
  t.payment_mode = s.mode;
  if (t.payment_mode != "UPI") t.payment_ref.clear();
  t.completed = s.completed;
  if (!s.completed) t.failure_reason = "the department's site did not answer";
  t.amount_paise = s.amount;
  t.fee_paise = s.fee;
  t.test = s.test;
  return t;
}

// Commits each sale at its own time (in time order: the clock only moves forward).
void commit_all(Outbox& outbox, ManualClock& clock, const std::vector<Sale>& sales) {
  for (const auto& s : sales) {
    clock.advance(s.at - clock.wall_now());
    REQUIRE(outbox.intake().insert_transaction(transaction(s)));
  }
}

std::string column_text(Database& db, const std::string& sql) {
  auto q = sql::Query::make(db, sql);
  REQUIRE(q);
  REQUIRE(*q->step());
  return q->is_null(0) ? "NULL" : q->text(0);
}

}  // namespace

TEST_CASE("The IST day of a moment turns over at midnight India time, not UTC", "[store][report]") {
  CHECK(ist_day(ist(6, 23, 59)) == "2026-12-06");
  CHECK(ist_day(ist(7, 0, 0)) == "2026-12-07");
  CHECK(ist_day(ist(7, 0, 0) - milliseconds(1)) == "2026-12-06");
  // 2026-12-07 20:00 UTC is already 8 December in India.
  CHECK(ist_day(sys_days{year{2026} / 12 / 7} + hours(20)) == "2026-12-08");
}

TEST_CASE("A day report counts each service, mode and outcome of that IST day and no other",
          "[store][report]") {
  const auto opts = options_in("day-report");
  ManualClock clock(ist(6, 12, 0));
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  commit_all(*outbox, clock,
             {
                 {ist(6, 23, 59), kIncome, "UPI", true, 9000, 1000},  // the day before
                 {ist(7, 0, 0), kIncome, "UPI", true, 3000, 1000},    // the first moment
                 {ist(7, 10, 0), kIncome, "UPI", true, 3001, 1000},
                 {ist(7, 11, 0), kIncome, "UPI", true, 3002, 1000},
                 {ist(7, 12, 0), kIncome, "CASH", false, 3500, 1000},
                 {ist(7, 13, 0), kCaste, "NONE", true, 0, 500},
                 {ist(7, 14, 0), kCaste, "UPI", false, 2000, 500},
                 {ist(7, 15, 0), kIncome, "UPI", true, 7000, 1000, /*test=*/true},
                 {ist(7, 16, 0), kCaste, "NONE", false, 0, 700},
                 {ist(7, 23, 59), kIncome, "CASH", true, 4000, 1000},
                 {ist(8, 0, 0), kCaste, "UPI", true, 100, 0},  // the day after begins
                 {ist(8, 0, 1), kIncome, "UPI", true, 8000, 1000},
             });

  auto report = outbox->day_report("2026-12-07");
  REQUIRE(report);
  CHECK(report->day == "2026-12-07");
  const std::vector<DayReportRow> rows{
      {kCaste, "NONE", "completed", 1, 0, 500},
      {kCaste, "NONE", "failed", 1, 0, 700},
      {kCaste, "UPI", "failed", 1, 2000, 500},
      {kIncome, "CASH", "completed", 1, 4000, 1000},
      {kIncome, "CASH", "failed", 1, 3500, 1000},
      {kIncome, "UPI", "completed", 3, 3000 + 3001 + 3002, 3000},
  };
  CHECK(report->rows == rows);
  CHECK(report->completed_count == 5);
  CHECK(report->completed_paise == 500 + 5000 + 9003 + 3000);
  CHECK(report->failed_count == 3);
  // UPI and cash failures took money; the free one (NONE) took none.
  CHECK(report->failed_paid_paise == 2500 + 4500);

  auto before = outbox->day_report("2026-12-06");
  REQUIRE(before);
  CHECK(before->rows == std::vector<DayReportRow>{{kIncome, "UPI", "completed", 1, 9000, 1000}});
  auto after = outbox->day_report("2026-12-08");
  REQUIRE(after);
  CHECK(after->rows == std::vector<DayReportRow>{{kCaste, "UPI", "completed", 1, 100, 0},
                                                 {kIncome, "UPI", "completed", 1, 8000, 1000}});
  CHECK(after->completed_paise == 9100);
  CHECK(after->failed_count == 0);
}

TEST_CASE("A day with nothing sold reports no rows and zero totals", "[store][report]") {
  ManualClock clock(ist(7, 9, 0));
  auto outbox = Outbox::open(options_in("day-report-empty"), clock);
  REQUIRE(outbox);
  REQUIRE(outbox->intake().insert_transaction(
      transaction({ist(7, 9, 0), kIncome, "UPI", true, 3000, 1000, /*test=*/true})));
  auto report = outbox->day_report("2026-12-07");
  REQUIRE(report);
  DayReport empty;
  empty.day = "2026-12-07";
  CHECK(*report == empty);  // the test item is not a sale
}

TEST_CASE("A day that is not a calendar date is refused as invalid input", "[store][report]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("day-report-bad-day"), clock);
  REQUIRE(outbox);
  for (const auto* bad :
       {"2026-02-30", "2026-2-07", "07-12-2026", "2026-12-07x", "", "2026-13-01"}) {
    INFO(bad);
    auto report = outbox->day_report(bad);
    REQUIRE_FALSE(report);
    CHECK(report.error().code == Errc::InvalidInput);
  }
  CHECK(outbox->day_report("2028-02-29"));  // a leap day is a day
}

TEST_CASE("The day report's CSV has a header, one line per row and a totals line",
          "[store][report][csv]") {
  DayReport r;
  r.day = "2026-12-07";
  r.rows = {{kCaste, "UPI", "failed", 1, 2000, 500}, {kIncome, "UPI", "completed", 3, 9003, 3000}};
  r.completed_count = 3;
  r.completed_paise = 12003;
  r.failed_count = 1;
  r.failed_paid_paise = 2500;
  CHECK(day_report_csv(r) ==
        "service_id,payment_mode,status,count,amount_paise,fee_paise\n"
        "cg.edistrict.caste_certificate,UPI,failed,1,2000,500\n"
        "cg.edistrict.income_certificate,UPI,completed,3,9003,3000\n"
        "TOTAL,completed,3,12003,failed,1,2500\n");
  r.rows[0].service_id = "odd,\"id\"";
  CHECK(day_report_csv(r).find("\n\"odd,\"\"id\"\"\",UPI,failed,") != std::string::npos);
}

TEST_CASE("The day report's JSON carries every row and total", "[store][report][json]") {
  DayReport r;
  r.day = "2026-12-07";
  r.rows = {{kIncome, "UNKNOWN", "unknown", 2, 6000, 2000}};
  r.failed_count = 4;
  r.failed_paid_paise = 123;
  const auto j = to_json(r);
  CHECK(j["day"] == "2026-12-07");
  REQUIRE(j["rows"].size() == 1);
  CHECK(j["rows"][0] == nlohmann::json{{"service_id", kIncome},
                                       {"payment_mode", "UNKNOWN"},
                                       {"status", "unknown"},
                                       {"count", 2},
                                       {"amount_paise", 6000},
                                       {"fee_paise", 2000}});
  CHECK(j["totals"] == nlohmann::json{{"completed_count", 0},
                                      {"completed_paise", 0},
                                      {"failed_count", 4},
                                      {"failed_paid_paise", 123}});
}

TEST_CASE("A v3 outbox migrates to v4 with its rows, and new rows get their mode and status",
          "[store][report][migrations]") {
  const auto opts = options_in("outbox-v3-to-v4");
  ManualClock clock(ist(7, 10, 0));
  {
    auto db = Database::open(opts.database);
    REQUIRE(db);
    REQUIRE(db->migrate(outbox_migrations().first(3)));
    REQUIRE(db->exec(fmt::format(
        "INSERT INTO outbox(idem_key, receipt_no, txn_id, service_id, amount_paise, fee_paise, "
        "created_at, created_ms, body, body_size) VALUES('k1', 'CG-RPR-0042-20261207-000001', "
        "'t1', '{}', 3000, 1000, '2026-12-07T09:00:00+05:30', {}, NULL, 10)",
        kIncome, unix_ms(ist(7, 9, 0)))));
    REQUIRE(db->exec("INSERT INTO receipt_days(day, last_seq) VALUES('20261207', 1)"));
  }
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  CHECK(*outbox->database().user_version() == 4);
  CHECK(column_text(outbox->database(), "SELECT count(*) FROM outbox") == "1");
  CHECK(column_text(outbox->database(), "SELECT payment_mode FROM outbox WHERE idem_key='k1'") ==
        "NULL");
  auto t = transaction({ist(7, 10, 0), kIncome, "CASH", false, 3000, 1000});
  auto c = outbox->intake().insert_transaction(t);
  INFO((c ? std::string() : c.error().message));
  REQUIRE(c);
  CHECK(c->receipt_no == "CG-RPR-0042-20261207-000002");  // the v3 counter goes on
  CHECK(column_text(outbox->database(),
                    fmt::format("SELECT payment_mode || '/' || status FROM outbox WHERE id={}",
                                c->id)) == "CASH/failed");
  // The constraints hold for later writers too.
  CHECK_FALSE(outbox->database().exec("UPDATE outbox SET payment_mode='CARD' WHERE idem_key='k1'"));
  CHECK_FALSE(outbox->database().exec("UPDATE outbox SET status='done' WHERE idem_key='k1'"));

  auto report = outbox->day_report("2026-12-07");
  REQUIRE(report);
  CHECK(report->rows == std::vector<DayReportRow>{{kIncome, "CASH", "failed", 1, 3000, 1000},
                                                  {kIncome, "UNKNOWN", "unknown", 1, 3000, 1000}});
  CHECK(report->completed_count == 0);
  CHECK(report->failed_count == 1);
  CHECK(report->failed_paid_paise == 4000);
}

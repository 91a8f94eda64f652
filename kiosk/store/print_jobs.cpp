#include "kiosk/store/print_jobs.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>

#include "kiosk/store/sql.h"
#include "kiosk/store/transaction.h"

namespace kiosk::store {

namespace {

constexpr std::array<std::string_view, 5> kNames{"queued", "sending", "done", "failed", "unknown"};
constexpr std::string_view kColumns =
    "id, receipt_no, printer, fields, state, coalesce(reason,''), created_ms";

PrintJob job_of(const sql::Query& q) {
  return {q.integer(0),
          q.text(1),
          q.text(2),
          q.text(3),
          job_state_from(q.text(4)).value_or(JobState::Unknown),
          q.text(5),
          q.integer(6)};
}

Result<std::optional<PrintJob>> one(sql::Query& q) {
  auto row = q.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<PrintJob>{};
  return std::optional<PrintJob>{job_of(q)};
}

bool allowed(JobState from, JobState to) {
  if (from == JobState::Queued) return to == JobState::Sending;
  if (from == JobState::Sending)
    return to == JobState::Done || to == JobState::Failed || to == JobState::Unknown;
  return false;  // done, failed and unknown are final; a reprint is a new job
}

}  // namespace

std::string_view to_string(JobState state) {
  return kNames[static_cast<std::size_t>(state)];
}

std::optional<JobState> job_state_from(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == text) return static_cast<JobState>(i);
  }
  return std::nullopt;
}

Result<std::int64_t> PrintJobs::insert(std::string_view receipt_no, std::string_view printer,
                                       std::string_view fields_json) {
  const auto now = unix_ms(c_.clock->wall_now());
  auto done =
      sql::run(c_.db,
               "INSERT INTO print_jobs(receipt_no, printer, fields, created_ms, updated_ms) "
               "VALUES(?,?,?,?,?)",
               std::string(receipt_no), std::string(printer), std::string(fields_json), now, now);
  if (!done) return std::unexpected(done.error());
  return sqlite3_last_insert_rowid(c_.db.raw());
}

Result<std::optional<PrintJob>> PrintJobs::next_queued(std::string_view printer) {
  auto q = sql::Query::make(
      c_.db,
      fmt::format("SELECT {} FROM print_jobs WHERE printer = ? AND state = 'queued' ORDER BY id "
                  "LIMIT 1",
                  kColumns),
      std::string(printer));
  if (!q) return std::unexpected(q.error());
  return one(*q);
}

// One UPDATE guarded by the state it leaves, so that two writers (the print worker and a
// kioskctl) can never both move the same job.
Status PrintJobs::set_state(std::int64_t id, JobState state, std::string_view reason) {
  std::string from_states;
  for (auto from : {JobState::Queued, JobState::Sending}) {
    if (allowed(from, state))
      from_states += fmt::format("{}'{}'", from_states.empty() ? "" : ",", to_string(from));
  }
  if (from_states.empty())
    return fail(Errc::InvalidInput, fmt::format("no print job goes to {}", to_string(state)));
  auto changed = sql::run(
      c_.db,
      fmt::format("UPDATE print_jobs SET state = ?, reason = ?, updated_ms = ? WHERE id = ? AND "
                  "state IN ({})",
                  from_states),
      std::string(to_string(state)),
      reason.empty() ? std::optional<std::string>() : std::string(reason),
      unix_ms(c_.clock->wall_now()), id);
  if (!changed) return std::unexpected(changed.error());
  if (*changed == 1) return {};
  auto q = sql::Query::make(c_.db, "SELECT state FROM print_jobs WHERE id = ?", id);
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(Errc::NotFound, fmt::format("no print job {}", id));
  return fail(Errc::InvalidInput, fmt::format("print job {} cannot go from {} to {}", id,
                                              q->text(0), to_string(state)));
}

Result<int> PrintJobs::recover_interrupted() {
  return sql::run(c_.db,
                  "UPDATE print_jobs SET state = 'unknown', reason = 'the kiosk stopped while "
                  "printing; whether it printed is not known', updated_ms = ? WHERE state = "
                  "'sending'",
                  unix_ms(c_.clock->wall_now()));
}

Result<std::optional<PrintJob>> PrintJobs::latest(std::string_view receipt_no) {
  auto q = sql::Query::make(
      c_.db,
      fmt::format("SELECT {} FROM print_jobs WHERE receipt_no = ? ORDER BY id DESC LIMIT 1",
                  kColumns),
      std::string(receipt_no));
  if (!q) return std::unexpected(q.error());
  return one(*q);
}

// One INSERT … SELECT, so that two requests at once (the citizen's "print again" and an
// operator's kioskctl) queue one copy: the second finds the first queued.
Result<std::int64_t> PrintJobs::reprint(std::string_view receipt_no) {
  const auto now = unix_ms(c_.clock->wall_now());
  auto added =
      sql::run(c_.db,
               "INSERT INTO print_jobs(receipt_no, printer, fields, created_ms, updated_ms) "
               "SELECT receipt_no, printer, fields, ?, ? FROM print_jobs WHERE id = "
               "(SELECT max(id) FROM print_jobs WHERE receipt_no = ?) AND state NOT IN ('queued', "
               "'sending')",
               now, now, std::string(receipt_no));
  if (!added) return std::unexpected(added.error());
  if (*added == 1) return sqlite3_last_insert_rowid(c_.db.raw());
  auto last = latest(receipt_no);
  if (!last) return std::unexpected(last.error());
  if (!*last) return fail(Errc::NotFound, fmt::format("no receipt {} to print", receipt_no));
  return fail(Errc::Busy, fmt::format("receipt {} is already being printed", receipt_no));
}

}  // namespace kiosk::store

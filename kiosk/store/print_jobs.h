// Durable print jobs: a receipt to print is a row written in the same SQL transaction that
// commits the citizen's transaction (Intake::insert_transaction), so a crash between the
// two cannot leave a receipt nobody prints. The job keeps the masked printable fields
// itself (kiosk/receipt/receipt_data.h): retention later drops transaction bodies.
//
//   queued --> sending --> done | failed | unknown
//   sending, found at start-up (a crash mid-job) --> unknown
//
// A failed or unknown receipt is printed again only when someone asks (reprint): a paper
// refill never reprints by itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/store/connection.h"

namespace kiosk::store {

enum class JobState { Queued, Sending, Done, Failed, Unknown };
std::string_view to_string(JobState state);
std::optional<JobState> job_state_from(std::string_view text);

struct PrintJob {
  std::int64_t id = 0;
  std::string receipt_no;
  std::string printer;      // the devices entry that prints it
  std::string fields_json;  // receipt::ReceiptData as JSON, masked
  JobState state = JobState::Queued;
  std::string reason;  // why failed or unknown, operator-facing
  std::int64_t created_ms = 0;
};

class PrintJobs {
 public:
  explicit PrintJobs(OutboxConnection& c) : c_(c) {}

  // Inside the caller's transaction.
  Result<std::int64_t> insert(std::string_view receipt_no, std::string_view printer,
                              std::string_view fields_json);
  // The oldest queued job of `printer`, if any.
  Result<std::optional<PrintJob>> next_queued(std::string_view printer);
  // Only the transitions above; InvalidInput for any other (done is never left).
  Status set_state(std::int64_t id, JobState state, std::string_view reason = {});
  // Every job still `sending` becomes `unknown` ("the kiosk stopped mid-job"): at start-up.
  Result<int> recover_interrupted();
  // The newest job for a receipt number.
  Result<std::optional<PrintJob>> latest(std::string_view receipt_no);
  // A new queued job with the same fields, when the newest one failed, is unknown, or was
  // printed and the citizen wants another copy. Busy while one is queued or sending.
  Result<std::int64_t> reprint(std::string_view receipt_no);

 private:
  OutboxConnection& c_;
};

}  // namespace kiosk::store

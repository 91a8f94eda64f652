// Group commit (shared/research/queue.md §1): callers on any thread hand their write to
// ONE writer thread, which takes every write waiting at that moment into a single
// BEGIN IMMEDIATE … COMMIT and answers each caller only after that COMMIT returned.
// On flash where a sync costs milliseconds, 16 waiting callers cost one sync, not 16.
//
//  [X] Each write runs under its own SAVEPOINT: one bad item fails alone
//  [X] Items over 1 MiB (or malformed) are refused in the caller's thread, before queueing
//  [X] Clock behind the backend's floor → every write refused with "set the clock"
//  [X] Disk full / I/O error → the whole group rolls back, nobody is acknowledged, intake
//      reports stopped until a later write succeeds; free space below the threshold warns
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/core/thread_guard.h"
#include "kiosk/store/outbox.h"

namespace kiosk::store {

struct WriterOptions {
  std::uint64_t low_disk_bytes = 200ull << 20;  // operator alert below this much free space
  std::function<void()> on_committed;           // nudges the sync worker; called on the writer
};

struct IntakeStatus {
  bool accepting = true;
  std::string stopped_reason;  // why intake stopped, for the operator (empty when accepting)
  bool low_disk = false;
  std::uint64_t free_bytes = 0;
};

class OutboxWriter {
 public:
  static Result<std::unique_ptr<OutboxWriter>> start(const OutboxOptions& options,
                                                     const Clock& clock, WriterOptions writer);
  ~OutboxWriter();  // finishes queued writes, then joins
  OutboxWriter(const OutboxWriter&) = delete;
  OutboxWriter& operator=(const OutboxWriter&) = delete;

  // Each blocks until its write is committed (or refused); thread-safe.
  Result<Committed> commit(const NewTransaction& t);
  Result<PaymentIntent> create_intent(std::string service_id, std::int64_t amount_paise,
                                      std::int64_t fee_paise);
  Status set_intent_state(std::string txn_id, IntentState state);
  // Confirms the awaiting intent and commits its transaction in the same SQL transaction.
  Result<Committed> confirm_and_commit(std::string txn_id, const NewTransaction& t);
  // The operator settles a payment late (the citizen left; the intent is expired or
  // cancelled, or still awaiting): confirms it and commits its transaction in the same SQL
  // transaction, so a confirmed intent always has its transaction. Intake::settle_intent
  // says which refusals there are; a refused settle inserts nothing.
  Result<Committed> settle_and_commit(std::string txn_id, const NewTransaction& t);
  // The operator found no payment: an awaiting or expired intent becomes cancelled.
  Status reject_intent(std::string txn_id);

  IntakeStatus intake() const;
  // While intake is stopped, a harmless write through the group commit; success resumes it.
  Status probe();
  std::uint64_t commits() const;  // SQL transactions committed (for benches)

 private:
  struct Job {
    std::function<Status(Outbox&)> run;
    std::promise<Status> done;
  };
  OutboxWriter(Outbox outbox, std::filesystem::path dir, WriterOptions writer);
  template <class T>
  Result<T> submit(std::function<Result<T>(Outbox&)> fn);
  void loop();
  void run_group(std::deque<Job>& group);
  void run_group_guarded(std::deque<Job>& group);
  Status write_group(std::deque<Job>& group, std::vector<Status>& outcomes);
  void note_failure(const Error& error);
  void note_success();

  Outbox outbox_;
  std::filesystem::path dir_;
  WriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  bool interrupted_ = false;  // the fault verb wants the loop to reach its checkpoint
  IntakeStatus intake_;
  std::uint64_t commits_ = 0;
  std::optional<threads::Registration> registration_;  // reset before the rest goes
  std::thread thread_;
};

}  // namespace kiosk::store

#include "kiosk/store/outbox_writer.h"

#include <fmt/format.h>
#include <pthread.h>

#include "kiosk/core/log.h"
#include "kiosk/store/disk.h"

namespace kiosk::store {
namespace {

// Errors that belong to one write (bad input, no such intent); anything else came from the
// database or the disk and fails the whole group.
bool per_item(const Error& e) {
  return e.code == Errc::InvalidInput || e.code == Errc::NotFound;
}

// The bytes are checked in the caller's thread, so a 2 MiB item never reaches the queue.
Status precheck(const NewTransaction& t) {
  const Committed placeholder{0, std::string(36, 'f'), std::string(40, 'X'), std::string(36, 'f'),
                              "2026-01-01T00:00:00+05:30"};
  auto body = serialise(t, placeholder);
  if (!body) return std::unexpected(body.error());
  return {};
}

// The intent's transaction carries the intent's id (the UPI `tr`), whatever `t` says.
Result<Committed> insert_with_id(Outbox& o, const std::string& txn_id, const NewTransaction& t) {
  NewTransaction with_id = t;
  with_id.txn_id = txn_id;
  return o.intake().insert_transaction(with_id);
}

}  // namespace

Result<std::unique_ptr<OutboxWriter>> OutboxWriter::start(const OutboxOptions& options,
                                                          const Clock& clock,
                                                          WriterOptions writer) {
  auto outbox = Outbox::open(options, clock);
  if (!outbox) return std::unexpected(outbox.error());
  return std::unique_ptr<OutboxWriter>(
      new OutboxWriter(std::move(*outbox), options.database.parent_path(), std::move(writer)));
}

OutboxWriter::OutboxWriter(Outbox outbox, std::filesystem::path dir, WriterOptions writer)
    : outbox_(std::move(outbox)), dir_(std::move(dir)), options_(std::move(writer)) {
  registration_.emplace("outbox", [this] {
    {
      std::lock_guard lock(mutex_);
      interrupted_ = true;
    }
    wake_.notify_all();
  });
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-outbox");
    threads::run_guarded("outbox", threads::OnFault::Restart, [this] { loop(); });
  });
}

OutboxWriter::~OutboxWriter() {
  registration_.reset();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

template <class T>
Result<T> OutboxWriter::submit(std::function<Result<T>(Outbox&)> fn) {
  auto result = std::make_shared<std::optional<Result<T>>>();
  Job job;
  job.run = [fn = std::move(fn), result](Outbox& outbox) -> Status {
    *result = fn(outbox);
    if (!result->value()) return std::unexpected(result->value().error());
    return {};
  };
  auto done = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return fail(Errc::Unavailable, "the outbox is shutting down");
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  if (auto status = done.get(); !status) return std::unexpected(status.error());
  return std::move(**result);
}

Result<Committed> OutboxWriter::commit(const NewTransaction& t) {
  if (auto ok = precheck(t); !ok) return std::unexpected(ok.error());
  return submit<Committed>([&t](Outbox& o) { return o.intake().insert_transaction(t); });
}

Result<PaymentIntent> OutboxWriter::create_intent(std::string service_id, std::int64_t amount_paise,
                                                  std::int64_t fee_paise) {
  return submit<PaymentIntent>(
      [&](Outbox& o) { return o.intake().insert_intent(service_id, amount_paise, fee_paise); });
}

Status OutboxWriter::set_intent_state(std::string txn_id, IntentState state) {
  auto done = submit<bool>([&](Outbox& o) -> Result<bool> {
    if (auto s = o.intake().set_intent_state(txn_id, state); !s) return std::unexpected(s.error());
    return true;
  });
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<Committed> OutboxWriter::confirm_and_commit(std::string txn_id, const NewTransaction& t) {
  if (auto ok = precheck(t); !ok) return std::unexpected(ok.error());
  return submit<Committed>([&](Outbox& o) -> Result<Committed> {
    if (auto s = o.intake().set_intent_state(txn_id, IntentState::Confirmed); !s)
      return std::unexpected(s.error());
    return insert_with_id(o, txn_id, t);
  });
}

Result<Committed> OutboxWriter::settle_and_commit(std::string txn_id, const NewTransaction& t) {
  if (auto ok = precheck(t); !ok) return std::unexpected(ok.error());
  return submit<Committed>([&](Outbox& o) -> Result<Committed> {
    if (auto s = o.intake().settle_intent(txn_id); !s) return std::unexpected(s.error());
    return insert_with_id(o, txn_id, t);
  });
}

Status OutboxWriter::reject_intent(std::string txn_id) {
  auto done = submit<bool>([&](Outbox& o) -> Result<bool> {
    if (auto s = o.intake().reject_intent(txn_id); !s) return std::unexpected(s.error());
    return true;
  });
  if (!done) return std::unexpected(done.error());
  return {};
}

Status OutboxWriter::probe() {
  auto done = submit<bool>([](Outbox& o) -> Result<bool> {
    if (auto s = o.intake().write_probe(); !s) return std::unexpected(s.error());
    return true;
  });
  if (!done) return std::unexpected(done.error());
  return {};
}

IntakeStatus OutboxWriter::intake() const {
  std::lock_guard lock(mutex_);
  return intake_;
}

std::uint64_t OutboxWriter::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

void OutboxWriter::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || interrupted_ || !queue_.empty(); });
      interrupted_ = false;
      if (stopping_ && queue_.empty()) return;  // every queued write was answered
    }
    registration_->checkpoint();  // before taking the jobs: an injected fault loses none
    std::deque<Job> group;
    {
      std::lock_guard lock(mutex_);
      group.swap(queue_);
    }
    if (!group.empty()) run_group_guarded(group);
  }
}

// Whatever a write throws (bad_alloc, a library's exception), every caller of the group is
// answered, nobody is told "committed", and the writer goes on with the next group.
void OutboxWriter::run_group_guarded(std::deque<Job>& group) {
  try {
    run_group(group);
    return;
  } catch (const std::exception& e) {
    threads::record_fault("outbox", e.what());
  } catch (...) {
    threads::record_fault("outbox", "a non-standard exception");
  }
  note_failure({Errc::Internal, "a write failed unexpectedly"});
  for (auto& job : group) {
    try {
      job.done.set_value(fail(Errc::Internal, "the write failed unexpectedly; nothing was saved"));
    } catch (const std::future_error&) {  // this caller was answered before the fault
    }
  }
}

void OutboxWriter::run_group(std::deque<Job>& group) {
  std::vector<Status> outcomes(group.size());
  const Status clock = outbox_.clock_floor().check();  // "set the clock" is not a disk problem
  const Status whole = clock ? write_group(group, outcomes) : clock;
  if (whole) {
    // The group is committed: nothing thrown from here on may tell a caller otherwise.
    try {
      note_success();
      if (options_.on_committed) options_.on_committed();
    } catch (const std::exception& e) {
      threads::record_fault("outbox", e.what());
    }
  } else if (clock) {
    note_failure(whole.error());
  }
  for (std::size_t i = 0; i < group.size(); ++i)
    group[i].done.set_value(whole ? std::move(outcomes[i]) : whole);
}

// One transaction, one savepoint per job: a job's own bad input rolls back that job only;
// anything else (the disk, the database) rolls back the whole group.
Status OutboxWriter::write_group(std::deque<Job>& group, std::vector<Status>& outcomes) {
  auto txn = outbox_.begin();
  if (!txn) return std::unexpected(txn.error());
  for (std::size_t i = 0; i < group.size(); ++i) {
    auto item = outbox_.savepoint();
    if (!item) return std::unexpected(item.error());
    Status step = group[i].run(outbox_);
    if (step) step = item->release();
    if (!step && !per_item(step.error())) return step;  // the guards roll everything back
    outcomes[i] = std::move(step);                      // a failed item's savepoint rolls back
  }
  return txn->commit();
}

void OutboxWriter::note_failure(const Error& error) {
  log::error("outbox", "write failed, intake stopped until a write succeeds: {}", error.message);
  std::lock_guard lock(mutex_);
  intake_.accepting = false;
  intake_.stopped_reason = error.message;
}

void OutboxWriter::note_success() {
  auto space = free_bytes(dir_);
  std::lock_guard lock(mutex_);
  ++commits_;
  intake_.accepting = true;
  intake_.stopped_reason.clear();
  if (space) {
    const bool low = *space < options_.low_disk_bytes;
    if (low && !intake_.low_disk)
      log::warn("outbox", "only {} MiB free under {}; free space soon", *space >> 20,
                dir_.string());
    intake_.low_disk = low;
    intake_.free_bytes = *space;
  }
}

}  // namespace kiosk::store

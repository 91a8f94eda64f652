#include "kiosk/sync/sync_worker.h"

#include <pthread.h>

#include "kiosk/core/log.h"

namespace kiosk::sync {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kIdleRecheck{60'000};  // also picks up items other processes added
constexpr milliseconds kFailureRetry{30'000};

}  // namespace

std::string_view to_string(DeliveryState state) {
  switch (state) {
    case DeliveryState::Starting:
      return "starting";
    case DeliveryState::Idle:
      return "idle";
    case DeliveryState::Delivering:
      return "delivering";
    case DeliveryState::BackingOff:
      return "backing-off";
    case DeliveryState::Paused:
      return "paused";
    case DeliveryState::NotEnrolled:
      return "not-enrolled";
    case DeliveryState::Failing:
      return "failing";
  }
  return "starting";
}

SyncWorker::SyncWorker(store::OutboxOptions outbox, SyncSettings settings,
                       std::filesystem::path token_file, const Clock& clock, Rng& rng)
    : outbox_options_(std::move(outbox)),
      settings_(std::move(settings)),
      token_file_(std::move(token_file)),
      clock_(clock),
      rng_(rng) {}

SyncWorker::~SyncWorker() {
  registration_.reset();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::start() {
  registration_.emplace("sync", [this] {
    {
      std::lock_guard lock(mutex_);
      interrupted_ = true;
    }
    wake_.notify_all();
  });
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-sync");
    threads::run_guarded("sync", threads::OnFault::Restart, [this] { loop(); });
  });
}

void SyncWorker::nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

void SyncWorker::update_settings(SyncSettings settings) {
  std::lock_guard lock(mutex_);
  settings_ = std::move(settings);
}

SyncSettings SyncWorker::current_settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

DeliveryStatus SyncWorker::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void SyncWorker::set_status(DeliveryState state, std::string reason,
                            std::optional<store::FailureCode> pause_code,
                            std::optional<Clock::WallTime> next_attempt) {
  std::lock_guard lock(mutex_);
  status_.state = state;
  status_.reason = std::move(reason);
  status_.pause_code = pause_code;
  status_.next_attempt = next_attempt;
}

// False when stopping. A nudge ends the wait early only when asked to (not during a pause
// or backoff: new items must not defeat the backoff the backend asked for).
bool SyncWorker::wait_for(milliseconds delay, bool wake_on_nudge) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, delay,
                 [&] { return stopping_ || interrupted_ || (wake_on_nudge && nudged_); });
  nudged_ = interrupted_ = false;
  return !stopping_;
}

void SyncWorker::loop() {
  auto outbox = store::Outbox::open(outbox_options_, clock_);
  if (!outbox) {
    log::error("sync", "delivery cannot start: {}", outbox.error().message);
    set_status(DeliveryState::Failing, outbox.error().message);
    return;
  }
  if (!std::exchange(jittered_, true) &&
      !wait_for(start_jitter(current_settings().backoff, rng_), false))
    return;
  for (;;) {
    registration_->checkpoint();
    const milliseconds next = run_once(*outbox);
    const bool idle =
        status().state == DeliveryState::Idle || status().state == DeliveryState::NotEnrolled;
    if (!wait_for(next, idle)) return;
  }
}

void SyncWorker::retain(store::Outbox& outbox) {
  const auto now = clock_.steady_now();
  if (retained_at_ && now - *retained_at_ < std::chrono::hours(24)) return;
  retained_at_ = now;
  auto purged = outbox.queue().apply_retention(current_settings().retention);
  if (!purged)
    log::warn("sync", "retention failed: {}", purged.error().message);
  else if (*purged > 0)
    log::info("sync", "retention dropped {} delivered bodies", *purged);
}

// One pass; answers how long to wait before the next.
milliseconds SyncWorker::run_once(store::Outbox& outbox) {
  retain(outbox);
  auto token = read_token(token_file_);
  if (!token) {
    set_status(DeliveryState::NotEnrolled, token.error().message);
    return kIdleRecheck;
  }
  SyncSettings settings = current_settings();
  settings.token = *token;
  set_status(DeliveryState::Delivering, "");
  Syncer syncer(outbox, settings, clock_, rng_);
  auto report = syncer.run_pass(false);
  if (!report) {
    log::error("sync", "delivery pass failed: {}", report.error().message);
    set_status(DeliveryState::Failing, report.error().message);
    return kFailureRetry;
  }
  {
    std::lock_guard lock(mutex_);
    status_.delivered_total += report->delivered;
    status_.dead_total += report->dead;
  }
  if (report->paused) {
    set_status(DeliveryState::Paused, report->paused->reason,
               report->paused->verdict == BatchVerdict::PauseCredentials
                   ? store::FailureCode::Credentials
                   : store::FailureCode::Endpoint,
               clock_.wall_now() + settings.pause_retry);
    return settings.pause_retry;
  }
  auto due = outbox.queue().next_due();
  milliseconds wait = kIdleRecheck;
  if (due && *due) {
    const auto until = std::chrono::duration_cast<milliseconds>(**due - clock_.wall_now());
    wait = std::clamp(until, milliseconds(0), kIdleRecheck);
  }
  if (report->backoff)
    set_status(DeliveryState::BackingOff, report->backoff->reason, std::nullopt,
               clock_.wall_now() + wait);
  else
    set_status(DeliveryState::Idle, "");
  return wait;
}

}  // namespace kiosk::sync

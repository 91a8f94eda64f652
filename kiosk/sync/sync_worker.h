// The background delivery loop: waits a random start jitter (so a fleet that comes back
// online together does not arrive together, queue.md D5), then runs Syncer passes
// whenever items are due, a new transaction was committed, or a pause is re-checked.
//
//  [X] Own outbox connection and own thread; the UI and the writer never wait for it
//  [X] Token re-read before each pass: `kioskctl enroll` takes effect without a restart
//  [X] Retention applied at start and then daily, on the worker's own connection
//  [X] Status snapshot for the operator screen, `kioskctl queue status` and heartbeats
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "kiosk/core/thread_guard.h"
#include "kiosk/sync/syncer.h"

namespace kiosk::sync {

enum class DeliveryState { Starting, Idle, Delivering, BackingOff, Paused, NotEnrolled, Failing };
std::string_view to_string(DeliveryState state);

struct DeliveryStatus {
  DeliveryState state = DeliveryState::Starting;
  std::string reason;  // operator-facing: why paused / backing off / failing
  // Paused: the stored verdict code (credentials: token refused; endpoint: wrong URL).
  std::optional<store::FailureCode> pause_code;
  // Backing off or paused: when the next attempt is due (the kiosk's wall clock).
  std::optional<Clock::WallTime> next_attempt;
  std::int64_t delivered_total = 0;
  std::int64_t dead_total = 0;
};

class SyncWorker {
 public:
  SyncWorker(store::OutboxOptions outbox, SyncSettings settings, std::filesystem::path token_file,
             const Clock& clock, Rng& rng);
  ~SyncWorker();  // stops and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  void nudge();  // something new to send; thread-safe, non-blocking
  DeliveryStatus status() const;
  // New settings (a signed bundle changed backend.url or the timeouts): the next pass uses
  // them; a pass already running finishes with the old ones.
  void update_settings(SyncSettings settings);

 private:
  void loop();
  bool wait_for(std::chrono::milliseconds delay, bool wake_on_nudge);
  std::chrono::milliseconds run_once(store::Outbox& outbox);
  void set_status(DeliveryState state, std::string reason,
                  std::optional<store::FailureCode> pause_code = std::nullopt,
                  std::optional<Clock::WallTime> next_attempt = std::nullopt);
  void retain(store::Outbox& outbox);
  SyncSettings current_settings() const;

  store::OutboxOptions outbox_options_;
  SyncSettings settings_;  // under mutex_
  std::filesystem::path token_file_;
  const Clock& clock_;
  Rng& rng_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  bool interrupted_ = false;  // the fault verb wants the loop to reach its checkpoint
  bool jittered_ = false;     // the start jitter is waited once, not again after a restart
  DeliveryStatus status_;
  std::optional<Clock::SteadyTime> retained_at_;
  std::optional<threads::Registration> registration_;  // reset before the rest goes
  std::thread thread_;
};

}  // namespace kiosk::sync

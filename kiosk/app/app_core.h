// The app core: owns the kiosk's state, applies commands, runs timers, publishes snapshots.
//
// Threading: post() may be called from any thread (the UI thread posts, device threads
// will too). step() runs on the core thread (CoreThread) or, in tests, on the test's own
// thread with a ManualClock. Snapshots are immutable and published whole.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "kiosk/app/commands.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/core/clock.h"

namespace kiosk::app {

struct CoreSettings {
  std::vector<std::string> languages;  // non-empty; the first is the default
  std::chrono::seconds idle_timeout{90};
  bool demo = false;
};

class AppCore final : public CommandSink {
 public:
  AppCore(const Clock& clock, CoreSettings settings, std::vector<services::Service> services);

  void post(Command command) override;

  // Applies every queued command and due timer. Returns true when a new snapshot was
  // published.
  bool step();

  std::shared_ptr<const Snapshot> snapshot() const;

  // The next time step() has timer work to do, if any.
  std::optional<Clock::SteadyTime> next_deadline() const;

  // Called (on the core thread) after each publish; main wires it to wake the UI.
  void set_on_publish(std::function<void()> callback);

  // Blocks until a command is posted, `deadline` passes, or `stop` is requested.
  void wait_for_work(std::optional<Clock::SteadyTime> deadline, std::stop_token stop);

 private:
  void apply(const Command& command, Snapshot& next);
  void apply_timers(Snapshot& next);
  void apply_details(const Command& command, Snapshot& next);
  void wipe_session(Snapshot& next);
  void publish(Snapshot next);

  const Clock& clock_;
  const CoreSettings settings_;

  mutable std::mutex queue_mutex_;
  std::condition_variable_any queue_cv_;
  std::deque<Command> queue_;

  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::function<void()> on_publish_;
};

// Runs AppCore::step() on its own thread until destroyed.
class CoreThread {
 public:
  explicit CoreThread(AppCore& core);
  ~CoreThread();
  CoreThread(const CoreThread&) = delete;
  CoreThread& operator=(const CoreThread&) = delete;

 private:
  AppCore& core_;
  std::jthread thread_;
};

}  // namespace kiosk::app

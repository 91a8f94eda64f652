// The running kiosk's alerts: gathers the facts on its own thread and keeps an AlertBoard
// current, at once when poked (a device changed) and every `period` otherwise (delivery,
// disk, clock floor, dead letters). Reads the outbox on its own connection; the UI, the
// core and the writer never wait for it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>

#include "kiosk/alerts/alerts.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/store/outbox.h"

namespace kiosk::alerts {

struct MonitorSources {
  std::function<std::vector<DeviceFact>()> devices;
  // The delivery pause's code and text (SyncWorker::status()); nullopt: not paused.
  std::function<std::optional<store::Failure>()> delivery_pause;
  // Whether a citizen asked for help (the core's snapshot); unset: not known.
  std::function<bool()> help_requested;
  store::OutboxOptions outbox;
  std::filesystem::path state_dir;
  std::uint64_t low_disk_mb = 200;
  // At start the device thread has not looked for anything yet: every device is `unknown`.
  // For this long after start() a device still unknown leaves the device facts undecided
  // (alerts_unknown "devices") instead of raising a critical alert that nothing caused.
  std::chrono::milliseconds device_start_grace{10'000};
};

// The facts read from disk (free space, clock floor, dead letters, the stored verdict of a
// delivery pause), which kioskctl gathers the same way without a running kiosk.
void read_disk_facts(store::Outbox* outbox, const Clock& clock,
                     const std::filesystem::path& state_dir, Facts& facts);

class AlertMonitor {
 public:
  AlertMonitor(MonitorSources sources, const Clock& clock,
               std::chrono::milliseconds period = std::chrono::seconds(5));
  ~AlertMonitor();  // stops and joins
  AlertMonitor(const AlertMonitor&) = delete;
  AlertMonitor& operator=(const AlertMonitor&) = delete;

  void start();
  void poke();  // thread-safe, non-blocking
  std::vector<Alert> alerts() const { return board_.alerts(); }

 private:
  void loop();
  void refresh(store::Outbox* outbox);
  std::optional<std::vector<DeviceFact>> device_facts() const;

  MonitorSources sources_;
  const Clock& clock_;
  std::chrono::milliseconds period_;
  AlertBoard board_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stopping_ = false;
  Clock::SteadyTime started_{};
  std::optional<threads::Registration> registration_;
  std::thread thread_;
};

}  // namespace kiosk::alerts

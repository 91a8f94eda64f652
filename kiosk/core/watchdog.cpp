#include "kiosk/core/watchdog.h"

#include <pthread.h>

#include <algorithm>

#include "kiosk/core/log.h"

namespace kiosk {

LivenessWatch::LivenessWatch(std::vector<const Liveness*> watched)
    : watched_(std::move(watched)), last_(watched_.size(), 0) {
  for (std::size_t i = 0; i < watched_.size(); ++i) last_[i] = watched_[i]->beats();
}

bool LivenessWatch::all_moved() {
  bool moved = true;
  for (std::size_t i = 0; i < watched_.size(); ++i) {
    const auto now = watched_[i]->beats();
    if (now == last_[i]) moved = false;
    last_[i] = now;
  }
  return moved;
}

std::chrono::milliseconds watchdog_look_every(std::chrono::microseconds period) {
  const auto third = std::chrono::duration_cast<std::chrono::milliseconds>(period / 3);
  return std::max(third, 2 * Liveness::kBeatEvery);
}

WatchdogPinger::WatchdogPinger(std::vector<const Liveness*> watched,
                               std::chrono::microseconds period, Notify notify)
    : watch_(std::move(watched)),
      every_(watchdog_look_every(period)),
      notify_(std::move(notify)),
      thread_([this](std::stop_token stop) { loop(stop); }) {
  if (std::chrono::duration_cast<std::chrono::milliseconds>(period) < 3 * every_)
    log::warn("watchdog", "WatchdogSec below {} s is too short for a loop beating every {} s",
              3 * every_.count() / 1000, Liveness::kBeatEvery.count() / 1000);
}

WatchdogPinger::~WatchdogPinger() {
  thread_.request_stop();
  wake_.notify_all();
}

void WatchdogPinger::loop(std::stop_token stop) {
  pthread_setname_np(pthread_self(), "kiosk-watchdog");
  bool was_alive = true;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, stop, every_, [] { return false; })) return;
      if (stop.stop_requested()) return;
    }
    const bool alive = watch_.all_moved();
    if (alive) {
      notify_("WATCHDOG=1");
      std::lock_guard lock(mutex_);
      ++pings_;
    }
    if (alive && !was_alive) log::warn("watchdog", "every loop beats again: pings resume");
    if (!alive && was_alive)
      log::warn("watchdog",
                "a loop stopped beating: no ping (systemd restarts a kiosk that stays so)");
    was_alive = alive;
  }
}

std::uint64_t WatchdogPinger::pings() const {
  std::lock_guard lock(mutex_);
  return pings_;
}

}  // namespace kiosk

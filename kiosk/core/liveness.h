// A heartbeat counter: a loop beats it every turn, a watcher (the configuration trial, the
// watchdog) checks that it moved. The UI loop is event-driven and draws no frames while
// idle, so it beats at least once a second whether or not it draws.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kiosk {

class Liveness {
 public:
  static constexpr std::chrono::milliseconds kBeatEvery{1000};
  void beat() { beats_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t beats() const { return beats_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> beats_{0};
};

}  // namespace kiosk

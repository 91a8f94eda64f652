// Injected time and randomness. Nothing in kiosk/ reads the system clock or a random
// device directly: it takes a Clock& or Rng& so tests can drive time and dice.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace kiosk {

class Clock {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  using WallTime = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  // Monotonic: for timeouts, idle reset, backoff.
  virtual SteadyTime steady_now() const = 0;
  // Wall clock: for timestamps on records and receipts.
  virtual WallTime wall_now() const = 0;
};

class SystemClock final : public Clock {
 public:
  SteadyTime steady_now() const override { return std::chrono::steady_clock::now(); }
  WallTime wall_now() const override { return std::chrono::system_clock::now(); }
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(WallTime wall_start = WallTime{std::chrono::seconds{1'800'000'000}})
      : wall_(wall_start) {}
  SteadyTime steady_now() const override {
    std::lock_guard lock(mutex_);
    return steady_;
  }
  WallTime wall_now() const override {
    std::lock_guard lock(mutex_);
    return wall_;
  }
  void advance(std::chrono::nanoseconds by) {
    std::lock_guard lock(mutex_);
    steady_ += by;
    wall_ += std::chrono::duration_cast<WallTime::duration>(by);
  }

 private:
  mutable std::mutex mutex_;
  SteadyTime steady_{};
  WallTime wall_;
};

class Rng {
 public:
  virtual ~Rng() = default;
  virtual std::uint64_t next_u64() = 0;
};

// Seeded from std::random_device once; not for keys or secrets (libsodium does those).
class SystemRng final : public Rng {
 public:
  SystemRng() : engine_(std::random_device{}()) {}
  std::uint64_t next_u64() override {
    std::lock_guard lock(mutex_);
    return engine_();
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

// Deterministic sequence for tests.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t next_u64() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace kiosk

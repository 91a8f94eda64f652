// Wrong operator PINs and the wait they cost (docs/operator.md): after 3 wrong PINs, 30 s,
// doubling with each further wrong PIN, up to 15 minutes. Pure: the state and the
// time in, the verdict out. The state is persisted (operator_store.h), so pulling the power
// does not reset it.
#pragma once

#include <chrono>
#include <optional>

#include "kiosk/core/clock.h"

namespace kiosk::op {

inline constexpr int kFreeAttempts = 3;  // the third wrong PIN starts the first wait
inline constexpr std::chrono::seconds kFirstWait{30};
inline constexpr std::chrono::seconds kLongestWait{15 * 60};

struct LockState {
  int failures = 0;  // wrong PINs since the last right one
  std::optional<Clock::WallTime> last_failure;
  bool operator==(const LockState&) const = default;
};

// The wait after `failures` wrong PINs: none for the free ones.
std::chrono::seconds wait_after(int failures);

// Until when no PIN is even checked; nullopt when a PIN may be tried at `now`. A clock that
// went back (a dead CMOS battery) does not shorten the wait: it counts from the failure.
std::optional<Clock::WallTime> locked_until(const LockState& state, Clock::WallTime now);

LockState after_wrong_pin(LockState state, Clock::WallTime now);

}  // namespace kiosk::op

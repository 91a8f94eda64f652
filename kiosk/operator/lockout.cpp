#include "kiosk/operator/lockout.h"

#include <algorithm>
#include <cstdint>

namespace kiosk::op {

std::chrono::seconds wait_after(int failures) {
  if (failures < kFreeAttempts) return std::chrono::seconds(0);
  const int doublings = std::min(failures - kFreeAttempts, 16);  // 30 s << 5 passes 15 min
  return std::min<std::chrono::seconds>(kFirstWait * (std::int64_t{1} << doublings), kLongestWait);
}

std::optional<Clock::WallTime> locked_until(const LockState& state, Clock::WallTime now) {
  const auto wait = wait_after(state.failures);
  if (wait.count() == 0 || !state.last_failure) return std::nullopt;
  // A clock now behind the last failure (set back, a dead CMOS battery) must not open the
  // lock early: the whole wait counts from now until the clock passes the failure again.
  if (*state.last_failure > now) return now + wait;
  const auto until = *state.last_failure + wait;
  if (until <= now) return std::nullopt;
  return until;
}

LockState after_wrong_pin(LockState state, Clock::WallTime now) {
  ++state.failures;
  state.last_failure = now;
  return state;
}

}  // namespace kiosk::op

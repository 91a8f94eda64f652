// Polls a condition until it holds or a limit passes (for tests of other processes/threads).
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace kiosk::testing {

inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(3)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace kiosk::testing

// Runs the same call on n threads at once and counts how many answered true.
#pragma once

#include <functional>
#include <future>
#include <vector>

namespace kiosk::testing {

inline int count_true_concurrently(int n, const std::function<bool()>& call) {
  std::vector<std::future<bool>> calls;
  for (int i = 0; i < n; ++i) calls.push_back(std::async(std::launch::async, call));
  int answered = 0;
  for (auto& c : calls) answered += c.get() ? 1 : 0;
  return answered;
}

}  // namespace kiosk::testing

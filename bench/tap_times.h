// The kiosk's own "tap to photon" debug lines, and percentiles of them: shared by the
// benches that drive the real window (screens_bench, heartbeat_frames_bench).
#pragma once

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace kiosk::bench {

inline std::vector<double> tap_times(const std::string& log) {
  static const std::regex line(R"(tap to photon ([0-9.]+) ms)");
  std::vector<double> out;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), line); it != std::sregex_iterator();
       ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

inline double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace kiosk::bench

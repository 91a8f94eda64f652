#include "kiosk/core/log.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>

namespace kiosk::log {
namespace {

std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;
Sink g_sink;                       // guarded by g_mutex
std::deque<std::string> g_recent;  // guarded by g_mutex

// The time of day in IST for the ring's lines (the wall clock: a log is not business logic).
std::string ist_time_of_day() {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<seconds>(system_clock::now().time_since_epoch());
  const auto s = (since_epoch.count() + 5 * 3600 + 30 * 60) % 86400;
  return fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

// sd-daemon(3) priority prefixes: <7> debug, <6> info, <4> warning, <3> error.
std::string_view journal_prefix(Level level) {
  switch (level) {
    case Level::Debug:
      return "<7>";
    case Level::Info:
      return "<6>";
    case Level::Warn:
      return "<4>";
    case Level::Error:
      return "<3>";
  }
  return "<6>";
}

bool under_journald() {
  static const bool yes = std::getenv("JOURNAL_STREAM") != nullptr;
  return yes;
}

}  // namespace

std::string_view to_string(Level level) {
  switch (level) {
    case Level::Debug:
      return "debug";
    case Level::Info:
      return "info";
    case Level::Warn:
      return "warn";
    case Level::Error:
      return "error";
  }
  return "info";
}

bool parse_level(std::string_view text, Level& out) {
  for (Level l : {Level::Debug, Level::Info, Level::Warn, Level::Error}) {
    if (text == to_string(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

void set_level(Level level) {
  g_level.store(level);
}
Level level() {
  return g_level.load();
}

void set_sink(Sink sink) {
  std::lock_guard lock(g_mutex);
  g_sink = std::move(sink);
}

void write(Level level, std::string_view component, std::string_view message) {
  if (level < g_level.load()) return;
  std::string line = under_journald()
                         ? fmt::format("{}{}: {}", journal_prefix(level), component, message)
                         : fmt::format("[{}] {}: {}", to_string(level), component, message);
  const std::string kept =
      fmt::format("{} [{}] {}: {}", ist_time_of_day(), to_string(level), component, message);
  std::lock_guard lock(g_mutex);
  g_recent.push_back(kept);
  if (g_recent.size() > kRecentLines) g_recent.pop_front();
  if (g_sink) {
    g_sink(level, line);
    return;
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::vector<std::string> recent(std::size_t max) {
  std::lock_guard lock(g_mutex);
  const std::size_t n = std::min(max, g_recent.size());
  return {g_recent.end() - static_cast<std::ptrdiff_t>(n), g_recent.end()};
}

}  // namespace kiosk::log

#include "kiosk/core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace kiosk::log {
namespace {

std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;
Sink g_sink;  // guarded by g_mutex

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
  std::lock_guard lock(g_mutex);
  if (g_sink) {
    g_sink(level, line);
    return;
  }
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace kiosk::log

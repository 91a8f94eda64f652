// Levelled log lines on stderr, one line per event.
//
// Under systemd (JOURNAL_STREAM is set by journald for the service's stderr) each line
// starts with a sd-daemon priority prefix such as "<6>" so journald keeps the level;
// on a terminal the level is spelled out. Never log citizen data: names, numbers,
// Aadhaar, biometrics. Callers pass masked values only.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

std::string_view to_string(Level level);
// Parses "debug" | "info" | "warn" | "error".
bool parse_level(std::string_view text, Level& out);

void set_level(Level level);
Level level();

// Replaces where finished lines go (tests capture them). nullptr restores stderr.
using Sink = std::function<void(Level, std::string_view line)>;
void set_sink(Sink sink);

void write(Level level, std::string_view component, std::string_view message);

// The last lines written, in memory only, for the operator's log page: oldest first, each
// "HH:MM:SS [level] component: message" (India Standard Time). The same lines as the log,
// so the same rule holds: no citizen data.
inline constexpr std::size_t kRecentLines = 200;
std::vector<std::string> recent(std::size_t max = kRecentLines);

template <class... Args>
void debug(std::string_view component, fmt::format_string<Args...> f, Args&&... args) {
  if (level() <= Level::Debug)
    write(Level::Debug, component, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void info(std::string_view component, fmt::format_string<Args...> f, Args&&... args) {
  if (level() <= Level::Info)
    write(Level::Info, component, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void warn(std::string_view component, fmt::format_string<Args...> f, Args&&... args) {
  if (level() <= Level::Warn)
    write(Level::Warn, component, fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void error(std::string_view component, fmt::format_string<Args...> f, Args&&... args) {
  write(Level::Error, component, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace kiosk::log

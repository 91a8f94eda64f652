#include "kiosk/core/log.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace klog = kiosk::log;

namespace {
struct Captured {
  std::vector<std::string> lines;
  Captured() {
    klog::set_sink([this](klog::Level, std::string_view line) { lines.emplace_back(line); });
  }
  ~Captured() {
    klog::set_sink(nullptr);
    klog::set_level(klog::Level::Info);
  }
};
}  // namespace

TEST_CASE("Log lines below the configured level are dropped", "[core][log]") {
  Captured cap;
  klog::set_level(klog::Level::Warn);
  klog::info("test", "quiet {}", 1);
  klog::warn("test", "loud {}", 2);
  klog::error("test", "louder {}", 3);
  REQUIRE(cap.lines.size() == 2);
  CHECK(cap.lines[0].find("loud 2") != std::string::npos);
  CHECK(cap.lines[0].find("test") != std::string::npos);
}

TEST_CASE("A log line names its level and component", "[core][log]") {
  Captured cap;
  klog::set_level(klog::Level::Debug);
  klog::debug("printer", "paper low");
  REQUIRE(cap.lines.size() == 1);
  // Either "[debug] printer: paper low" on a terminal or "<7>printer: paper low" under journald.
  const bool terminal = cap.lines[0] == "[debug] printer: paper low";
  const bool journald = cap.lines[0] == "<7>printer: paper low";
  CHECK((terminal || journald));
}

TEST_CASE("Log levels parse from their config spelling only", "[core][log]") {
  klog::Level level = klog::Level::Info;
  CHECK(klog::parse_level("warn", level));
  CHECK(level == klog::Level::Warn);
  CHECK_FALSE(klog::parse_level("WARNING", level));
  CHECK(level == klog::Level::Warn);
}

TEST_CASE(
    "The operator's log page keeps the last 200 lines written, oldest first, and no dropped ones",
    "[core][log][operator]") {
  Captured cap;
  klog::set_level(klog::Level::Info);
  klog::debug("test", "below the level: never kept");
  for (int i = 0; i < 250; ++i) klog::info("test", "line {}", i);
  const auto recent = klog::recent();
  REQUIRE(recent.size() == klog::kRecentLines);
  CHECK(recent.front().ends_with("[info] test: line 50"));
  CHECK(recent.back().ends_with("[info] test: line 249"));
  CHECK(recent.back().size() == std::string_view("HH:MM:SS [info] test: line 249").size());
  for (const auto& line : recent) CHECK(line.find("never kept") == std::string::npos);
  CHECK(klog::recent(3).size() == 3);
  CHECK(klog::recent(3).back() == recent.back());
}

#include <catch2/catch.hpp>

#include "tests/support/catalogues.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::count_posted;
using kiosk::testing::UiHarness;
using namespace std::chrono_literals;

namespace {
const char* kTile = "home.service.test.service_3";  // on the second row, visible

// Twelve services in one category (one tab): more tiles than fit, so the grid scrolls.
testing::HarnessOptions long_list() {
  return {.display = ImVec2(800, 700), .catalogue = testing::made_catalogue(12, 1)};
}
}  // namespace

TEST_CASE("Dragging the service list scrolls it and does not open the tile under the finger",
          "[ui][widget][scroll][drag]") {
  UiHarness h(long_list());
  h.tap("welcome.language.en");
  const float before = h.rect(kTile).min.y;
  const ImVec2 start = h.rect("home.service.test.service_0").center();
  h.clear_posted();
  h.drag(start, ImVec2(start.x, start.y - 150), 10);
  CHECK(count_posted<OpenService>(h) == 0);
  CHECK(h.rect(kTile).min.y < before - 100);  // moved up with the finger
  CHECK(h.snapshot().screen == Screen::Home);
}

TEST_CASE("A flick keeps the list moving after the finger lifts, then it stops",
          "[ui][widget][scroll][momentum]") {
  UiHarness h(long_list());
  h.tap("welcome.language.en");
  const ImVec2 start = h.rect("home.service.test.service_0").center();
  // A quick flick: 60 px in 3 frames, then release (the harness releases and settles).
  h.drag(start, ImVec2(start.x, start.y - 60), 3);
  const float at_release = h.rect(kTile).min.y;
  h.frames(5);
  const float coasting = h.rect(kTile).min.y;
  CHECK(coasting < at_release);         // still moving without a finger
  CHECK(h.ui().animation_fps() == 60);  // and asking for frames while it moves
  h.frames(200);
  const float settled = h.rect(kTile).min.y;
  h.frames(5);
  CHECK(h.rect(kTile).min.y == settled);  // momentum has died out
  CHECK(h.ui().animation_fps() == 0);     // so the kiosk can idle again
}

TEST_CASE("A plain tap inside the scrolling list still opens the tile",
          "[ui][widget][scroll][tap]") {
  UiHarness h(long_list());
  h.tap("welcome.language.en");
  h.tap("home.service.test.service_1");
  CHECK(h.snapshot().screen == Screen::Service);
}

TEST_CASE("The idle warning counts down in a dialog that blocks the screen behind it",
          "[ui][widget][dialog][idle]") {
  UiHarness h({.idle_timeout = 60s});
  h.tap("welcome.language.hi");
  const ImVec2 tile = h.rect("home.service.cg.edistrict.income_certificate").center();
  h.clock().advance(35s);  // the warning comes 20 s (kIdleWarning) before the reset
  h.frame();
  CHECK_FALSE(h.has("idle.continue"));
  CHECK(h.ui().wake_at().has_value());  // the UI will wake itself for the warning
  h.clock().advance(10s);
  h.frame();
  REQUIRE(h.has("idle.continue"));
  CHECK(h.ui().animation_fps() == 1);  // a once-a-second countdown
  h.clear_posted();
  h.tap_at(tile);  // behind the dialog: must not open the service, but counts as a touch
  CHECK(count_posted<OpenService>(h) == 0);
  CHECK(count_posted<UserActivity>(h) == 1);
  CHECK_FALSE(h.has("idle.continue"));  // the session goes on
  h.clock().advance(45s);
  h.frame();
  REQUIRE(h.has("idle.continue"));
  h.tap("idle.continue");
  CHECK(h.snapshot().screen == Screen::Home);
  h.frame();
  CHECK_FALSE(h.has("idle.continue"));
}

TEST_CASE("Ignoring the idle warning wipes the session", "[ui][widget][dialog][idle]") {
  UiHarness h({.idle_timeout = 60s});
  h.tap("welcome.language.hi");
  h.clock().advance(45s);
  h.frame();
  REQUIRE(h.has("idle.continue"));
  h.clock().advance(15s);
  h.frames(2);
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK_FALSE(h.has("idle.continue"));
}

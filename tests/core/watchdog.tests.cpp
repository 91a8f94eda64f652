// The watchdog's rule, without threads: ping only when every watched loop beat since the
// last look; look every third of the period but never faster than the loops beat.
#include "kiosk/core/watchdog.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("The watchdog pings only when every loop beat since its last look", "[core][watchdog]") {
  Liveness ui, core;
  LivenessWatch watch({&ui, &core});
  CHECK_FALSE(watch.all_moved());  // nothing beat yet
  ui.beat();
  core.beat();
  CHECK(watch.all_moved());
  ui.beat();  // the core thread hangs
  CHECK_FALSE(watch.all_moved());
  core.beat();  // the UI loop hangs
  CHECK_FALSE(watch.all_moved());
  ui.beat();
  core.beat();
  core.beat();
  CHECK(watch.all_moved());
}

TEST_CASE("The watchdog looks every third of its period, and never faster than every 2 s",
          "[core][watchdog]") {
  CHECK(watchdog_look_every(30s) == 10s);
  CHECK(watchdog_look_every(6s) == 2s);
  CHECK(watchdog_look_every(3s) == 2s);  // a period this short is warned about at start
}

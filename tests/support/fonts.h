// One text engine on the Noto fonts the kiosk ships with, shared by a test process.
#pragma once

#include <catch2/catch.hpp>

#include "kiosk/text/engine.h"
#include "tests/support/paths.h"

namespace kiosk::testing {

inline text::Engine& shared_engine() {
  static auto e = text::Engine::create(
      {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
       "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", testing::kIconFont});
  REQUIRE(e);
  return **e;
}

}  // namespace kiosk::testing

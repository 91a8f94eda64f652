// Operator mode in the real window under Xvfb: the hidden gesture tapped with X clicks on
// the real csc-kiosk, the PIN typed on its pad (the PIN set beforehand in its operator.db),
// every page photographed in Hindi and in English
// (build/<flavour>/artifacts/screens/operator/), and leaving back to the welcome screen.
#include <catch2/catch.hpp>

#include "kiosk/core/image.h"
#include "kiosk/operator/operator_store.h"
#include "tests/support/paths.h"
#include "tests/support/ui_tour.h"

using namespace kiosk;
using kiosk::testing::TourKiosk;
using namespace std::chrono_literals;

namespace {

Status tap_all(TourKiosk& k, std::initializer_list<std::string> ids) {
  for (const auto& id : ids)
    if (auto s = k.tap(id); !s) return s;
  return {};
}

bool has_target(const app::ScreenDescription& d, std::string_view id) {
  return std::ranges::any_of(d.targets, [&](const auto& t) { return t.id == id; });
}

}  // namespace

TEST_CASE("Operator mode in the real window: gesture, PIN pad, every page in both languages",
          "[smoke][xvfb][operator][screenshot]") {
  testing::TourOptions o;
  o.scratch = testing::scratch_dir("operator-tour");
  o.out_dir = testing::artifacts_dir() / "screens" / "operator";
  std::filesystem::create_directories(o.out_dir);
  std::filesystem::create_directories(o.scratch / "state");
  {
    auto store =
        op::OperatorStore::open(o.scratch / "state" / "operator.db", op::PinCost::minimum());
    REQUIRE(store);
    auto pin = Secret::copy_of("246813");
    REQUIRE(store->set_pin(*pin, Clock::WallTime{std::chrono::seconds(1765000000)}, "uid:0"));
  }
  TourKiosk k(o);
  INFO(k.log());
  REQUIRE(k.wait_for([](const auto& d) { return d.screen == "welcome"; }, 20s));
  for (int i = 0; i < 5; ++i) REQUIRE(k.tap("header.operator"));
  REQUIRE(k.wait_for([](const auto& d) { return has_target(d, "operator.key.2"); }));
  REQUIRE(k.screenshot(o.out_dir / "pin.png"));
  REQUIRE(tap_all(k, {"operator.key.2", "operator.key.4", "operator.key.6", "operator.key.8",
                      "operator.key.1", "operator.key.3", "operator.key.ok"}));
  REQUIRE(k.wait_for([](const auto& d) { return has_target(d, "operator.menu.queue"); }));
  std::vector<std::filesystem::path> shots;
  for (const std::string lang : {"hi", "en"}) {
    if (lang == "en") REQUIRE(k.tap("operator.language"));
    shots.push_back(o.out_dir / (lang + "-menu.png"));
    REQUIRE(k.screenshot(shots.back()));
    for (const char* page :
         {"payment", "devices", "alerts", "queue", "report", "log", "config", "restart"}) {
      const auto opened = k.tap(std::string("operator.menu.") + page);
      INFO(page << ": " << (opened ? std::string() : opened.error().message));
      if (!opened) (void)k.screenshot(o.out_dir / "failed.png");
      REQUIRE(opened);
      REQUIRE(k.wait_for([](const auto& d) { return has_target(d, "operator.menu"); }));
      shots.push_back(o.out_dir / fmt::format("{}-{}.png", lang, page));
      REQUIRE(k.screenshot(shots.back()));
      REQUIRE(k.tap("operator.menu"));
    }
  }
  REQUIRE(k.tap("operator.leave"));
  CHECK(k.wait_for([](const auto& d) { return d.screen == "welcome"; }));
  for (const auto& png : shots) {
    INFO(png.string());
    auto image = read_png(png);
    REQUIRE(image);
    CHECK(image->width == o.width);
  }
}

// The real csc-kiosk (--demo, fullscreen under Xvfb) driven through its `ui` verb: the
// rectangles it reports are where the headless harness finds the same targets, and every
// screen is photographed from the real window (build/<flavour>/artifacts/screens/).
// tools/ui-tour.sh runs the hidden "[tour]" case: three panel sizes, both languages, three
// looks.
#include "tests/support/ui_tour.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <thread>

#include "kiosk/core/image.h"
#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using kiosk::testing::Look;
using kiosk::testing::TourKiosk;
using kiosk::testing::TourOptions;
using namespace std::chrono_literals;

namespace {

TourOptions tour_at(int width, int height, float dpi, const std::string& name) {
  TourOptions o;
  o.width = width;
  o.height = height;
  o.dpi = dpi;
  o.out_dir = testing::artifacts_dir() / "screens" / fmt::format("{}x{}-{}dpi", width, height, dpi);
  o.scratch = testing::scratch_dir(name);
  return o;
}

// Every target of the harness at the same place in the real window's description.
void same_targets(const app::ScreenDescription& real, testing::UiHarness& h) {
  std::size_t compared = 0;
  for (const auto& t : real.targets) {
    INFO(real.screen << ": " << t.id);
    REQUIRE(h.has(t.id));
    const auto& r = h.rect(t.id);
    CHECK(t.x == Approx(r.min.x).margin(1));
    CHECK(t.y == Approx(r.min.y).margin(1));
    CHECK(t.w == Approx(r.width()).margin(1));
    CHECK(t.h == Approx(r.height()).margin(1));
    ++compared;
  }
  CHECK(compared >= 5);  // the header's targets at least
}

}  // namespace

TEST_CASE("The ui verb's rectangles in the real window are where the harness finds them",
          "[smoke][xvfb][ui][verb]") {
  auto o = tour_at(1366, 768, 96, "ui-verb-rects");
  TourKiosk kiosk(o);
  // The voice guide starts after the first frame and adds the listen picture: wait for it.
  auto welcome = kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                 return t.id == "welcome.listen";
               });
      },
      std::chrono::seconds(20));
  INFO(kiosk.log());
  REQUIRE(welcome);
  CHECK(welcome->dpi == Approx(96));
  CHECK(welcome->prompt == "prompt.welcome");
  testing::UiHarness h(
      {.screen_dpi = 96, .display = ImVec2(1366, 768), .demo = true, .speaker = true});
  same_targets(*welcome, h);
  REQUIRE(kiosk.tap("welcome.language.hi"));
  h.tap("welcome.language.hi");
  auto home = kiosk.wait_for([](const auto& d) { return d.screen == "home"; });
  REQUIRE(home);
  CHECK(home->prompt == "prompt.home");
  same_targets(*home, h);
  for (const auto& t : home->targets) {  // pictograms and spoken names come with them
    INFO(t.id);
    if (t.id == "header.operator") continue;  // the hidden gesture: nothing shown or said
    CHECK(t.icon != 0);
    CHECK_FALSE(t.speech.empty());
  }
}

TEST_CASE("Every screen in Hindi and English is photographed from the real window",
          "[smoke][xvfb][ui][screenshot]") {
  auto o = tour_at(1366, 768, 96, "ui-tour-small");
  o.looks = {Look::Standard};
  auto tour = testing::run_tour(o);
  INFO((tour ? std::string() : tour.error().message));
  REQUIRE(tour);
  CHECK(tour->shots.size() == 2 * 11);
  for (const auto& png : tour->shots) {
    INFO(png.string());
    auto image = read_png(png);
    REQUIRE(image);
    CHECK(image->width == 1366);
    CHECK(image->height == 768);
  }
}

TEST_CASE("The attract screen and listen mode in the real window",
          "[smoke][xvfb][ui][attract][listen]") {
  auto o = tour_at(1366, 768, 96, "ui-attract-listen");
  o.attract_after_s = 5;
  std::filesystem::create_directories(o.out_dir);
  TourKiosk kiosk(o);
  auto attract = kiosk.wait_for([](const auto& d) { return d.screen == "attract"; }, 30s);
  INFO(kiosk.log());
  REQUIRE(attract);
  CHECK(attract->prompt == "prompt.attract");
  REQUIRE(kiosk.screenshot(o.out_dir / "attract.png"));
  auto image = read_png(o.out_dir / "attract.png");
  REQUIRE(image);
  CHECK(image->width == 1366);
  // Still between changes: over 4 s it redraws for the next picture (every 2 s) and not
  // for an animation. The screenshot's own frame is the only other one.
  auto before = kiosk.ui();
  REQUIRE(before);
  std::this_thread::sleep_for(4s);
  auto after = kiosk.ui();
  REQUIRE(after);
  CHECK(after->frame - before->frame <= 4);
  REQUIRE(kiosk.tap("attract.start"));
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "welcome"; }));
  // The voice guide runs without a sound card, so listen mode is offered.
  REQUIRE(kiosk.tap("welcome.listen"));
  REQUIRE(kiosk.tap("welcome.language.en"));  // chosen, said, outlined; not yet acted on
  auto chosen = kiosk.wait_for([](const auto& d) {
    return std::ranges::any_of(d.targets, [](const auto& t) { return t.id == "listen.yes"; });
  });
  REQUIRE(chosen);
  CHECK(chosen->screen == "welcome");
  REQUIRE(kiosk.screenshot(o.out_dir / "listen-chosen.png"));
  REQUIRE(kiosk.tap("listen.yes"));
  auto home = kiosk.wait_for([](const auto& d) { return d.screen == "home"; });
  REQUIRE(home);
  CHECK(home->prompt == "prompt.home");
  REQUIRE(kiosk.tap("home.service.cg.edistrict.income_certificate"));  // said, outlined
  REQUIRE(kiosk.wait_for([](const auto& d) {
    return d.screen == "home" &&
           std::ranges::any_of(d.targets, [](const auto& t) { return t.id == "listen.yes"; });
  }));
  REQUIRE(kiosk.screenshot(o.out_dir / "listen-home-chosen.png"));
}

TEST_CASE("The whole tour: three panels, two languages, three looks", "[.][tour]") {
  for (const auto& [w, h, dpi] : {std::tuple{1366, 768, 96.0f}, std::tuple{1920, 1080, 96.0f},
                                  std::tuple{1920, 1080, 141.0f}}) {
    auto tour = testing::run_tour(tour_at(w, h, dpi, fmt::format("ui-tour-{}-{}", w, dpi)));
    INFO((tour ? std::string() : tour.error().message));
    REQUIRE(tour);
    CHECK(tour->shots.size() == 2 * 3 * 9);
  }
}

#include <catch2/catch.hpp>

#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::count_posted;
using kiosk::testing::UiHarness;
using namespace std::chrono_literals;

TEST_CASE("The welcome screen offers one button per configured language", "[ui][screen][welcome]") {
  UiHarness h;
  CHECK(h.has("welcome.language.hi"));
  CHECK(h.has("welcome.language.en"));
  CHECK_FALSE(h.has("welcome.language.hne"));
  CHECK(h.snapshot().screen == Screen::Welcome);
}

TEST_CASE("Tapping Hindi opens the service list in Hindi", "[ui][screen][tap]") {
  UiHarness h;
  h.tap("welcome.language.hi");
  REQUIRE(count_posted<ChooseLanguage>(h) == 1);
  CHECK(std::get<ChooseLanguage>(h.posted()[1]).language == "hi");  // [0] is the activity
  CHECK(h.snapshot().screen == Screen::Home);
  CHECK(h.snapshot().language == "hi");
  CHECK(h.has("home.service.cg.edistrict.income_certificate"));
}

TEST_CASE("A tap outside every button does nothing but count as activity", "[ui][screen][tap]") {
  UiHarness h;
  const auto& en = h.rect("welcome.language.en");
  h.tap_at(ImVec2(en.max.x + 200, en.max.y + 200));
  CHECK(count_posted<ChooseLanguage>(h) == 0);
  CHECK(count_posted<UserActivity>(h) == 1);
  CHECK(h.snapshot().screen == Screen::Welcome);
}

TEST_CASE("A press dragged off a button and released outside does not activate it",
          "[ui][screen][tap][drag]") {
  UiHarness h;
  const auto& hi = h.rect("welcome.language.hi");
  h.drag(hi.center(), ImVec2(hi.max.x + 300, hi.center().y), 5);
  CHECK(count_posted<ChooseLanguage>(h) == 0);
  CHECK(h.snapshot().screen == Screen::Welcome);
}

TEST_CASE("A button fires on release, not on press", "[ui][screen][tap]") {
  UiHarness h;
  const auto c = h.rect("welcome.language.en").center();
  ImGui::GetIO().MousePos = c;
  ImGui::GetIO().MouseDown[0] = true;
  h.frames(3);  // finger held down
  CHECK(count_posted<ChooseLanguage>(h) == 0);
  ImGui::GetIO().MouseDown[0] = false;
  h.frame();
  CHECK(count_posted<ChooseLanguage>(h) == 1);
}

TEST_CASE("A service tile opens its details and Back returns to the list",
          "[ui][screen][service]") {
  UiHarness h;
  h.tap("welcome.language.en");
  h.tap("home.service.cg.edistrict.income_certificate");
  REQUIRE(h.snapshot().screen == Screen::Service);
  CHECK(h.has("nav.back"));
  h.tap("nav.back");
  CHECK(h.snapshot().screen == Screen::Home);
}

TEST_CASE("Start over from the service list returns to the welcome screen", "[ui][screen]") {
  UiHarness h;
  h.tap("welcome.language.en");
  h.tap("nav.start_over");
  CHECK(h.snapshot().screen == Screen::Welcome);
  h.frame();
  CHECK(h.has("welcome.language.hi"));
}

TEST_CASE("An abandoned session returns to the welcome screen after the idle timeout",
          "[ui][screen][idle]") {
  UiHarness h({.idle_timeout = 30s});
  h.tap("welcome.language.hi");
  h.tap("home.service.cg.edistrict.income_certificate");
  h.clock().advance(29s);
  h.frame();
  CHECK(h.snapshot().screen == Screen::Service);
  h.clock().advance(1s);
  h.frame();
  CHECK(h.snapshot().screen == Screen::Welcome);
}

TEST_CASE("Service tiles fill the width in columns on a wide screen", "[ui][screen][layout]") {
  UiHarness h({.display = ImVec2(1920, 1080)});
  h.tap("welcome.language.en");
  const auto& first = h.rect("home.service.cg.edistrict.income_certificate");
  const auto& second = h.rect("home.service.cg.edistrict.caste_certificate");
  CHECK(second.min.y == Approx(first.min.y));  // same row
  CHECK(second.min.x > first.max.x);           // side by side, with a gap
}

TEST_CASE("While a scan arrives every screen says reading, in the session's language",
          "[ui][screen][scanner]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  h.tap("welcome.language.hi");
  CHECK_FALSE(h.has("scan.reading"));
  h.post(app::ScannerReading{"qr_scanner", true});
  h.frame();
  h.frame();
  REQUIRE(h.has("scan.reading"));
  CHECK(h.hits().text_of("scan.reading") == h.strings().get("hi", "scan.reading"));
  h.post(app::ScanReceived{"qr_scanner", "csckiosk:r1:CG-RPR-0042-20261207-000123"});
  h.frame();
  h.frame();
  CHECK_FALSE(h.has("scan.reading"));
  REQUIRE(h.snapshot().last_scan);
  CHECK(h.snapshot().last_scan->kind == "kiosk-receipt");
}

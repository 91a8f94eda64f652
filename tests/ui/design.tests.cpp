// The design rules of citizen-ux.md, measured on every screen of a service in the headless
// harness: at three panel sizes, in Hindi and English, at both text sizes.
//  - every target at least 12 mm on each side; primary actions and keypad keys 20 mm tall;
//    at least 2 mm between any two targets;
//  - a pictogram on every target but the keyboard's keys;
//  - no label overflows its box;
//  - the header's five targets (and "start over") at the same rectangle on every screen.
#include <fmt/format.h>
#include <imgui_internal.h>

#include <catch2/catch.hpp>
#include <functional>

#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/catalogues.h"
#include "tests/support/journeys.h"
#include "tests/support/ui_harness.h"
#include "ui/keyboards/keyboard.h"
#include "ui/metrics.h"

using namespace kiosk;
using kiosk::testing::UiHarness;

namespace {

struct Panel {
  float width, height, dpi;
};
constexpr Panel kPanels[] = {{1366, 768, 96}, {1920, 1080, 96}, {1920, 1080, 141}};

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(fmt::format("kb.k.{}", c));
  h.tap("kb.k.done");
}

// Every screen of a service, welcome to done, with `visit` called on each.
void walk(UiHarness& h, const std::string& lang, bool large,
          const std::function<void(std::string_view)>& visit) {
  visit("welcome");
  h.tap("welcome.language." + lang);
  if (large) h.tap("a11y.large_text");
  visit("home");
  h.tap("home.service.cg.edistrict.income_certificate");
  visit("service");
  h.tap("service.apply");
  visit("consent");
  h.tap("consent.accept");
  visit("details");
  h.tap("details.name");
  visit("details with the keyboard");
  if (lang != "en") h.tap("keyboard.layout.english");
  type(h, "sita");
  h.reveal("details.father_or_husband_name");
  h.tap("details.father_or_husband_name");
  if (lang != "en") h.tap("keyboard.layout.english");
  type(h, "ram");
  h.reveal("details.mobile");
  h.tap("details.mobile");
  visit("details with the numeric pad");
  type(h, "9876543210");
  h.reveal("details.aadhaar");
  h.tap("details.aadhaar");
  const std::string body = "23456789012";
  type(h, body + qr::verhoeff_check_digit(body));
  h.reveal("details.annual_income");
  h.tap("details.annual_income");
  type(h, "120000");
  h.reveal("details.purpose");
  h.tap("details.purpose");
  visit("details with a choice open");
  h.tap("details.purpose.education");
  h.reveal("details.pincode");
  h.tap("details.pincode");
  type(h, "492001");
  h.tap("details.continue");
  visit("review");
  h.tap("review.confirm");
  visit("payment");
  h.tap("payment.demo_paid");
  visit("done");
  h.tap("header.help");
  visit("done with help called");
}

float gap_between(const ui::Rect& a, const ui::Rect& b) {
  const float dx = std::max(a.min.x - b.max.x, b.min.x - a.max.x);
  const float dy = std::max(a.min.y - b.max.y, b.min.y - a.max.y);
  return std::max(dx, dy);  // negative: they overlap
}

void check_targets(UiHarness& h, const std::string& where) {
  const auto& m = h.metrics();
  std::vector<std::pair<std::string, ui::Rect>> targets;
  for (const auto& [id, r] : h.hits().all())
    if (h.hits().is_target(id)) targets.emplace_back(id, r);
  REQUIRE_FALSE(targets.empty());
  for (const auto& [id, r] : targets) {
    INFO(where << ": " << id << " " << m.to_mm(r.width()) << " x " << m.to_mm(r.height()) << " mm");
    if (h.hits().info(id)->clipped) continue;  // half scrolled away: its size is not its own
    CHECK(m.to_mm(r.width()) >= ui::Metrics::kMinTargetMm - 0.1f);
    CHECK(m.to_mm(r.height()) >= ui::Metrics::kMinTargetMm - 0.1f);
    const bool key = id.starts_with("kb.");
    if (key || h.hits().info(id)->primary)
      CHECK(m.to_mm(r.height()) >= ui::Metrics::kPrimaryMm - 0.1f);
    if (!key) CHECK(h.hits().info(id)->icon != 0);
    CHECK_FALSE(h.hits().info(id)->label.empty());
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      INFO(where << ": " << targets[i].first << " and " << targets[j].first);
      CHECK(m.to_mm(gap_between(targets[i].second, targets[j].second)) >=
            ui::Metrics::kMinGapMm - 0.1f);
    }
  }
}

void check_text_fits(UiHarness& h, const std::string& where) {
  for (const auto& o : h.ui().overflows()) {
    INFO(where << ": " << o.id << " does not fit \"" << o.text << "\"");
    CHECK(false);
  }
}

}  // namespace

namespace {

// Every panel, both text sizes, both languages: a walk through every screen of a service,
// `check` called on each with a name that says where it is.
void on_every_screen(std::string_view name,
                     const std::function<void(UiHarness&, const std::string&)>& check) {
  for (const auto& p : kPanels) {
    for (const bool large : {false, true}) {
      for (const std::string lang : {"hi", "en"}) {
        testing::OutboxRig rig(fmt::format("{}-{}-{}-{}", name, p.dpi, large, lang));
        UiHarness h({.screen_dpi = p.dpi,
                     .display = ImVec2(p.width, p.height),
                     .demo = true,
                     .transactions = rig.sink.get(),
                     .speaker = true});
        walk(h, lang, large, [&](std::string_view screen) {
          check(h, fmt::format("{} at {}x{} {} dpi{} in {}", screen, p.width, p.height, p.dpi,
                               large ? ", large text" : "", lang));
        });
      }
    }
  }
}

}  // namespace

TEST_CASE("Every target meets its size and spacing rule on every screen, at every panel size",
          "[ui][design][touch]") {
  on_every_screen("design", check_targets);
}

TEST_CASE("No label overflows its box, in either language at either text size",
          "[ui][design][text]") {
  on_every_screen("design-fit", check_text_fits);
}

TEST_CASE("The header's targets and start over keep their rectangles on every screen",
          "[ui][design][header]") {
  for (const auto& p : kPanels) {
    testing::OutboxRig rig(fmt::format("design-fixed-{}", p.dpi));
    UiHarness h({.screen_dpi = p.dpi,
                 .display = ImVec2(p.width, p.height),
                 .demo = true,
                 .transactions = rig.sink.get(),
                 .speaker = true});
    std::map<std::string, ui::Rect> first;
    int screens = 0;
    walk(h, "hi", false, [&](std::string_view screen) {
      ++screens;
      for (const char* id : {"header.language", "header.help", "a11y.speak", "a11y.large_text",
                             "a11y.high_contrast", "nav.start_over"}) {
        if (!h.has(id)) {
          INFO(screen << ": " << id);
          CHECK(std::string_view(id) == "nav.start_over");  // only start over may be absent
          continue;
        }
        const auto& r = h.rect(id);
        auto [it, added] = first.try_emplace(id, r);
        INFO(screen << ": " << id << " at " << p.dpi << " dpi");
        CHECK(r.min.x == it->second.min.x);
        CHECK(r.min.y == it->second.min.y);
        CHECK(r.max.x == it->second.max.x);
        CHECK(r.max.y == it->second.max.y);
      }
    });
    CHECK(screens == 12);
    CHECK(first.size() == 6);
  }
}

TEST_CASE("More than eight services get category tabs, and a tab shows its services only",
          "[ui][design][categories]") {
  UiHarness few({.display = ImVec2(1366, 768), .catalogue = testing::made_catalogue(8, 3)});
  few.tap("welcome.language.hi");
  CHECK_FALSE(few.has("home.category.group_0"));  // eight fit on one screen: no tabs
  CHECK(few.has("home.service.test.service_7"));

  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::made_catalogue(12, 3)});
  h.tap("welcome.language.hi");
  for (int k = 0; k < 3; ++k) {
    INFO(k);
    REQUIRE(h.has(fmt::format("home.category.group_{}", k)));
    CHECK(h.hits().info(fmt::format("home.category.group_{}", k))->icon != 0);
  }
  const auto shown = [&](int i) { return h.has(fmt::format("home.service.test.service_{}", i)); };
  CHECK(shown(0));  // the first tab is chosen at first: services 0, 3, 6, 9
  CHECK(shown(3));
  CHECK_FALSE(shown(1));
  h.tap("home.category.group_1");
  CHECK(shown(1));
  CHECK(shown(4));
  CHECK_FALSE(shown(0));
  h.tap("home.service.test.service_4");
  CHECK(h.snapshot().screen == app::Screen::Service);  // every tile leads somewhere
}

TEST_CASE("Help calls the operator, says so on every screen, and ends with the session",
          "[ui][design][help]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  h.tap("welcome.language.en");
  CHECK_FALSE(h.has("help.banner"));
  h.tap("header.help");
  REQUIRE(h.snapshot().help_requested);
  CHECK(h.hits().text_of("help.banner") == h.strings().get("en", "help.called"));
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(h.has("help.banner"));  // still told on the next screen
  h.tap("nav.start_over");
  CHECK_FALSE(h.snapshot().help_requested);
}

TEST_CASE("The language switch keeps the screen and changes its words", "[ui][design][language]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  h.tap("welcome.language.hi");
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(h.hits().info("header.language")->label == "English");  // the other one, in its script
  h.tap("header.language");
  CHECK(h.snapshot().language == "en");
  CHECK(h.snapshot().screen == app::Screen::Service);
  CHECK(h.hits().text_of("screen.title") == "Income certificate");
  CHECK(h.hits().info("header.language")->label == "हिंदी");
}

TEST_CASE(
    "A press that slides off a tile or the primary action does nothing, and nothing stays hovered",
    "[ui][design][tap]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  h.tap("welcome.language.en");
  const auto tile = h.rect("home.service.cg.edistrict.income_certificate");
  h.clear_posted();
  h.drag(tile.center(), ImVec2(tile.center().x, tile.max.y + 40), 4);  // off its bottom edge
  CHECK(testing::count_posted<app::OpenService>(h) == 0);
  h.tap("home.service.cg.edistrict.income_certificate");
  REQUIRE(h.snapshot().screen == app::Screen::Service);
  const auto apply = h.rect("service.apply");
  h.drag(apply.center(), ImVec2(apply.min.x - 60, apply.center().y), 4);  // off its left edge
  CHECK(h.snapshot().screen == app::Screen::Service);
  h.tap("service.apply");  // the control: released inside, it acts
  CHECK(h.snapshot().screen == app::Screen::Consent);
  h.frame();  // one frame after the finger lifted
  CHECK_FALSE(ImGui::IsAnyItemHovered());
  CHECK(ImGui::GetCurrentContext()->HoveredId == 0);
}

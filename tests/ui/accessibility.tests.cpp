#include <catch2/catch.hpp>

#include "tests/support/ui_harness.h"
#include "ui/theme.h"

using namespace kiosk;
using kiosk::testing::UiHarness;

TEST_CASE("Large text switches to the second set of sizes, not a scaled frame",
          "[ui][a11y][large-text]") {
  UiHarness h({.display = ImVec2(1920, 1080)});
  h.tap("welcome.language.en");
  const float normal_tile = h.rect("home.service.cg.edistrict.income_certificate").height();
  const float normal_body = h.metrics().body_font_px;
  h.tap("a11y.large_text");
  REQUIRE(h.snapshot().large_text);
  h.frame();
  CHECK(h.metrics().body_font_px >= normal_body * 1.4f);
  CHECK(h.rect("home.service.cg.edistrict.income_certificate").height() > normal_tile);
  // Text is laid out again at the larger em size (sharp glyphs), not stretched.
  const auto big =
      h.engine().layout("Pay electricity bill", {h.metrics().body_font_px, 0, text::Align::Left});
  CHECK(big->size == text::to_size26(h.metrics().body_font_px));
  for (const auto& [id, r] : h.hits().all()) {
    if (!h.hits().is_target(id)) continue;  // a message, not something to tap
    INFO(id);
    CHECK(r.height() >= ui::Metrics::kMinTargetMm * 96 / 25.4f);
  }
  h.tap("a11y.large_text");
  CHECK_FALSE(h.snapshot().large_text);
}

TEST_CASE("High contrast repaints the screen in the 7:1 theme", "[ui][a11y][contrast]") {
  UiHarness h;
  h.tap("welcome.language.hi");
  const ImVec4 before = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  h.tap("a11y.high_contrast");
  REQUIRE(h.snapshot().high_contrast);
  h.frame();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  CHECK(bg.x != before.x);
  CHECK(ui::contrast_ratio(ImGui::GetStyle().Colors[ImGuiCol_Text], bg) >= 7.0);
}

TEST_CASE("Accessibility choices end with the session", "[ui][a11y][idle]") {
  UiHarness h;
  h.tap("welcome.language.hi");
  h.tap("a11y.large_text");
  h.tap("a11y.high_contrast");
  h.tap("nav.start_over");
  CHECK_FALSE(h.snapshot().large_text);
  CHECK_FALSE(h.snapshot().high_contrast);
}

#include "ui/theme.h"

#include <catch2/catch.hpp>

using kiosk::ui::contrast_ratio;
using kiosk::ui::Theme;

TEST_CASE("Contrast ratios follow WCAG: black on white is 21:1, equal colours 1:1",
          "[ui][theme][a11y]") {
  CHECK(contrast_ratio(ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)) == Approx(21.0));
  CHECK(contrast_ratio(ImVec4(0.5f, 0.5f, 0.5f, 1), ImVec4(0.5f, 0.5f, 0.5f, 1)) == Approx(1.0));
  // #767676 on white is the well-known 4.54:1 AA boundary grey.
  const float g = 0x76 / 255.0f;
  CHECK(contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == Approx(4.54).epsilon(0.01));
}

TEST_CASE("Every text colour of the high-contrast theme reaches 7:1",
          "[ui][theme][a11y][contrast]") {
  for (const auto& [name, pair] : Theme::high_contrast().text_pairs()) {
    INFO(name << ": " << contrast_ratio(pair.first, pair.second));
    CHECK(contrast_ratio(pair.first, pair.second) >= 7.0);
  }
}

TEST_CASE("Every text colour of the standard theme reaches 4.5:1", "[ui][theme][a11y][contrast]") {
  for (const auto& [name, pair] : Theme::standard().text_pairs()) {
    INFO(name << ": " << contrast_ratio(pair.first, pair.second));
    CHECK(contrast_ratio(pair.first, pair.second) >= 4.5);
  }
}

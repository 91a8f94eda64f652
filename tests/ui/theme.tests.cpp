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

TEST_CASE("Every text colour of both themes reaches 7:1", "[ui][theme][a11y][contrast]") {
  for (const auto& [theme_name, theme] : {std::pair{"standard", Theme::standard()},
                                          std::pair{"high contrast", Theme::high_contrast()}}) {
    for (const auto& [name, pair] : theme.text_pairs()) {
      INFO(theme_name << ", " << name << ": " << contrast_ratio(pair.first, pair.second));
      CHECK(contrast_ratio(pair.first, pair.second) >= 7.0);
    }
  }
}

TEST_CASE("Primary and secondary fills, and pressed and idle ones, differ by 3:1",
          "[ui][theme][a11y][contrast]") {
  for (const auto& [theme_name, theme] : {std::pair{"standard", Theme::standard()},
                                          std::pair{"high contrast", Theme::high_contrast()}}) {
    for (const auto& [name, pair] : theme.fill_pairs()) {
      INFO(theme_name << ", " << name << ": " << contrast_ratio(pair.first, pair.second));
      CHECK(contrast_ratio(pair.first, pair.second) >= 3.0);
    }
  }
  // The control: yesterday's pressed primary (a darker blue of the same hue) failed it.
  CHECK(contrast_ratio(ImVec4(13 / 255.f, 84 / 255.f, 153 / 255.f, 1),
                       ImVec4(5 / 255.f, 51 / 255.f, 102 / 255.f, 1)) < 3.0);
}

// Colour themes. The standard theme and a high-contrast theme for low-vision citizens.
// Every text colour is checked against its background by WCAG 2.x contrast and reaches
// 7:1 (WCAG 1.4.6 AAA) in both; a pressed button differs from its idle fill, and the
// primary action from the others, by at least 3:1 (1.4.11), so neither rests on hue.
#pragma once

#include <imgui.h>

#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct Theme {
  ImVec4 background;
  ImVec4 text;
  ImVec4 header;  // the header bar
  ImVec4 header_text;
  ImVec4 button;  // the primary action (one per screen) and the header's targets
  ImVec4 button_pressed;
  ImVec4 button_text;
  ImVec4 button_pressed_text;
  ImVec4 secondary;  // every other button: back, start over, tiles, choices
  ImVec4 secondary_pressed;
  ImVec4 secondary_text;
  ImVec4 secondary_pressed_text;
  ImVec4 secondary_border;  // a secondary button's outline against the background
  ImVec4 field;             // text field background
  ImVec4 field_border;
  ImVec4 field_text;
  ImVec4 dialog;  // dialog box background
  ImVec4 dialog_text;
  ImVec4 scrim;  // dims the screen behind a dialog (alpha < 1)
  ImVec4 badge;
  ImVec4 badge_text;
  ImVec4 warning;  // the device banner: a device the service needs is not ready
  ImVec4 warning_text;
  ImVec4 error;  // a message the citizen must act on
  ImVec4 error_text;

  static Theme standard();
  static Theme high_contrast();

  // Every (name, foreground, background) pair a citizen reads: each must reach 7:1.
  std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> text_pairs() const;
  // Fills that must tell apart at 3:1 (WCAG 1.4.11): primary from secondary, pressed from
  // idle, and a secondary button's outline from the background.
  std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> fill_pairs() const;
  void apply(ImGuiStyle& style) const;
};

// WCAG 2.x: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter first.
double contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace kiosk::ui

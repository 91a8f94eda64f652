// Colour themes. The standard theme and a high-contrast theme for low-vision citizens;
// every text colour is checked against its background by WCAG 2.x contrast (the
// high-contrast theme must reach 7:1, WCAG 1.4.6 AAA; the standard one 4.5:1, 1.4.3 AA).
#pragma once

#include <imgui.h>

#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct Theme {
  ImVec4 background;
  ImVec4 text;
  ImVec4 button;
  ImVec4 button_pressed;
  ImVec4 button_text;
  ImVec4 field;  // text field background
  ImVec4 field_border;
  ImVec4 field_text;
  ImVec4 dialog;  // dialog box background
  ImVec4 dialog_text;
  ImVec4 scrim;  // dims the screen behind a dialog (alpha < 1)
  ImVec4 badge;
  ImVec4 badge_text;
  ImVec4 warning;  // the device banner: a device the service needs is not ready
  ImVec4 warning_text;

  static Theme standard();
  static Theme high_contrast();

  // Every (name, foreground, background) pair a citizen reads.
  std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> text_pairs() const;
  void apply(ImGuiStyle& style) const;
};

// WCAG 2.x: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter first.
double contrast_ratio(const ImVec4& a, const ImVec4& b);

}  // namespace kiosk::ui

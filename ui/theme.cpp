#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                static_cast<float>(b) / 255.0f, a);
}

// WCAG 2.x relative luminance of an sRGB colour.
double luminance(const ImVec4& c) {
  const auto channel = [](double v) {
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
}

}  // namespace

Theme Theme::standard() {
  Theme t;
  t.background = rgb(248, 245, 238);
  t.text = rgb(20, 20, 20);
  t.button = rgb(13, 84, 153);
  t.button_pressed = rgb(5, 51, 102);
  t.button_text = rgb(255, 255, 255);
  t.field = rgb(255, 255, 255);
  t.field_border = rgb(13, 84, 153);
  t.field_text = rgb(20, 20, 20);
  t.dialog = rgb(255, 255, 255);
  t.dialog_text = rgb(20, 20, 20);
  t.scrim = rgb(0, 0, 0, 0.45f);
  t.badge = rgb(176, 48, 8);
  t.badge_text = rgb(255, 255, 255);
  t.warning = rgb(255, 224, 130);  // amber: attention, not alarm
  t.warning_text = rgb(51, 26, 0);
  return t;
}

Theme Theme::high_contrast() {
  Theme t;
  t.background = rgb(0, 0, 0);
  t.text = rgb(255, 255, 255);
  t.button = rgb(255, 221, 0);  // yellow on black: the classic low-vision scheme
  t.button_pressed = rgb(255, 255, 255);
  t.button_text = rgb(0, 0, 0);
  t.field = rgb(0, 0, 0);
  t.field_border = rgb(255, 221, 0);
  t.field_text = rgb(255, 255, 255);
  t.dialog = rgb(0, 0, 0);
  t.dialog_text = rgb(255, 255, 255);
  t.scrim = rgb(0, 0, 0, 0.85f);
  t.badge = rgb(255, 255, 255);
  t.badge_text = rgb(0, 0, 0);
  t.warning = rgb(255, 221, 0);
  t.warning_text = rgb(0, 0, 0);
  return t;
}

std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> Theme::text_pairs() const {
  return {{"text on background", {text, background}},
          {"button text on button", {button_text, button}},
          {"button text on pressed button", {button_text, button_pressed}},
          {"field text on field", {field_text, field}},
          {"dialog text on dialog", {dialog_text, dialog}},
          {"badge text on badge", {badge_text, badge}},
          {"banner text on banner", {warning_text, warning}}};
}

void Theme::apply(ImGuiStyle& style) const {
  style.Colors[ImGuiCol_WindowBg] = background;
  style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  style.Colors[ImGuiCol_PopupBg] = dialog;
  style.Colors[ImGuiCol_Text] = text;
  style.Colors[ImGuiCol_Button] = button;
  style.Colors[ImGuiCol_ButtonHovered] = button;  // no hover state on touch
  style.Colors[ImGuiCol_ButtonActive] = button_pressed;
  style.Colors[ImGuiCol_FrameBg] = field;
  style.Colors[ImGuiCol_Border] = field_border;
}

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace kiosk::ui

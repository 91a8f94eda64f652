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
  t.header = rgb(13, 60, 110);
  t.header_text = rgb(255, 255, 255);
  t.button = rgb(13, 84, 153);
  t.button_pressed = rgb(170, 205, 240);  // lighter when held: unmistakable, not just darker
  t.button_text = rgb(255, 255, 255);
  t.button_pressed_text = rgb(20, 20, 20);
  t.secondary = rgb(225, 231, 240);
  t.secondary_pressed = rgb(60, 70, 85);
  t.secondary_text = rgb(20, 20, 20);
  t.secondary_pressed_text = rgb(255, 255, 255);
  t.secondary_border = rgb(70, 80, 95);
  t.field = rgb(255, 255, 255);
  t.field_border = rgb(13, 84, 153);
  t.field_text = rgb(20, 20, 20);
  t.dialog = rgb(255, 255, 255);
  t.dialog_text = rgb(20, 20, 20);
  t.scrim = rgb(0, 0, 0, 0.45f);
  t.badge = rgb(150, 35, 5);
  t.badge_text = rgb(255, 255, 255);
  t.warning = rgb(255, 224, 130);  // amber: attention, not alarm
  t.warning_text = rgb(51, 26, 0);
  t.error = rgb(253, 236, 234);
  t.error_text = rgb(139, 15, 20);
  return t;
}

Theme Theme::high_contrast() {
  Theme t;
  t.background = rgb(0, 0, 0);
  t.text = rgb(255, 255, 255);
  t.header = rgb(0, 0, 0);
  t.header_text = rgb(255, 255, 255);
  t.button = rgb(255, 221, 0);  // yellow on black: the classic low-vision scheme
  t.button_pressed = rgb(0, 0, 0);
  t.button_text = rgb(0, 0, 0);
  t.button_pressed_text = rgb(255, 221, 0);
  t.secondary = rgb(0, 0, 0);
  t.secondary_pressed = rgb(255, 255, 255);
  t.secondary_text = rgb(255, 255, 255);
  t.secondary_pressed_text = rgb(0, 0, 0);
  t.secondary_border = rgb(255, 255, 255);
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
  t.error = rgb(0, 0, 0);
  t.error_text = rgb(255, 180, 180);
  return t;
}

std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> Theme::text_pairs() const {
  return {{"text on background", {text, background}},
          {"header text on header", {header_text, header}},
          {"button text on button", {button_text, button}},
          {"button text on pressed button", {button_pressed_text, button_pressed}},
          {"secondary text on secondary", {secondary_text, secondary}},
          {"secondary text on pressed secondary", {secondary_pressed_text, secondary_pressed}},
          {"field text on field", {field_text, field}},
          {"dialog text on dialog", {dialog_text, dialog}},
          {"badge text on badge", {badge_text, badge}},
          {"banner text on banner", {warning_text, warning}},
          {"error text on error", {error_text, error}}};
}

std::vector<std::pair<std::string_view, std::pair<ImVec4, ImVec4>>> Theme::fill_pairs() const {
  return {{"primary against secondary", {button, secondary}},
          {"pressed primary against primary", {button_pressed, button}},
          {"pressed secondary against secondary", {secondary_pressed, secondary}},
          {"secondary outline against background", {secondary_border, background}}};
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

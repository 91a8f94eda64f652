// Screen header: title plus accessibility switches, the same on every screen so a citizen
// who needs them finds them in one place.
#include "ui/screens/screens.h"
#include "ui/speaker.h"

namespace kiosk::ui {

void screen_header(Frame& f, std::string_view title, std::string_view prompt, bool show_title) {
  const float button_w = f.metrics.mm(28.0f);
  const int buttons = f.speaker != nullptr ? 3 : 2;
  const float row_start = ImGui::GetCursorPosY();
  const float right = ImGui::GetContentRegionMax().x;
  ImGui::SetCursorPos(
      ImVec2(right - buttons * button_w - (buttons - 1) * f.metrics.gap_px, row_start));
  if (f.speaker != nullptr) {
    const bool speaking = f.speaker->speaking();
    if (toggle_button(f, "a11y.speak", f.text("a11y.speak"), speaking, ImVec2(button_w, 0))) {
      std::string words(title);
      if (!prompt.empty()) words += std::string(words.empty() ? "" : "। ") + std::string(prompt);
      f.speaker->speak(std::move(words), f.snapshot.language);
    }
    if (speaking) f.want_animation(4);  // keep drawing: the button shows when speech ends
    ImGui::SameLine();
  }
  if (toggle_button(f, "a11y.large_text", f.text("a11y.large_text"), f.snapshot.large_text,
                    ImVec2(button_w, 0))) {
    f.commands.post(app::SetLargeText{!f.snapshot.large_text});
  }
  ImGui::SameLine();
  if (toggle_button(f, "a11y.high_contrast", f.text("a11y.high_contrast"), f.snapshot.high_contrast,
                    ImVec2(button_w, 0))) {
    f.commands.post(app::SetHighContrast{!f.snapshot.high_contrast});
  }
  const float row_end = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(row_start);
  ImGui::PushTextWrapPos(right - buttons * button_w - (buttons + 1) * f.metrics.gap_px);
  ImGui::BeginGroup();
  ImGui::PushItemWidth(right - buttons * button_w - (buttons + 1) * f.metrics.gap_px);
  if (show_title && !title.empty()) text_block(f, title, TextSize::Title);
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::PopTextWrapPos();
  ImGui::SetCursorPosY(std::max(row_end, ImGui::GetCursorPosY()) + f.metrics.gap_px);
  device_banner(f);
}

}  // namespace kiosk::ui

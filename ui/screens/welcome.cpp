// Welcome: the idle screen. Holds no citizen data; choosing a language starts a session.
// Everything is centred so a citizen standing at either side of the panel sees it.
#include <fmt/format.h>

#include "ui/screens/screens.h"

namespace kiosk::ui {

void draw_welcome(Frame& f) {
  const auto& snap = f.snapshot;
  const float button_w = f.metrics.mm(80.0f);
  const float block_h = snap.languages.size() * (f.metrics.title_font_px + f.metrics.body_font_px) +
                        snap.languages.size() * (f.metrics.button_height_px + f.metrics.gap_px * 2);
  screen_header(f, f.text("welcome.title"), f.text("welcome.prompt"), /*show_title=*/false);
  const float top = (ImGui::GetContentRegionAvail().y - block_h) / 2;
  if (top > 0) ImGui::Dummy(ImVec2(0, top * 0.8f));

  // Greet in every offered language: the citizen has not chosen one yet.
  for (const std::string& lang : snap.languages) {
    centered_text(f, f.strings.get(lang, "welcome.title"), TextSize::Title);
  }
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  for (const std::string& lang : snap.languages) {
    centered_text(f, f.strings.get(lang, "welcome.prompt"), TextSize::Body);
  }
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px * 2));

  for (const std::string& lang : snap.languages) {
    const std::string id = fmt::format("welcome.language.{}", lang);
    center_next(button_w);
    if (big_button(f, id, f.strings.get(lang, "language.name"), ImVec2(button_w, 0))) {
      f.commands.post(app::ChooseLanguage{lang});
    }
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  }
}

}  // namespace kiosk::ui

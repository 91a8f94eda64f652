// Welcome: the idle screen. Holds no citizen data; choosing a language starts a session.
// Everything is centred so a citizen standing at either side of the panel sees it, and
// every language greets in its own script, since the citizen has not chosen one yet.
#include <fmt/format.h>

#include "ui/icons.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {

namespace {

// Listen mode, for a citizen who cannot read: a large speaker picture, named in every
// offered language. Only where a voice guide runs.
void listen_switch(Frame& f, float width) {
  if (f.speaker == nullptr) return;
  std::string label;
  for (const std::string& lang : f.snapshot.languages)
    label += (label.empty() ? "" : " · ") + std::string(f.strings.get(lang, "welcome.listen"));
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  center_next(width);
  const ButtonSpec spec{.id = "welcome.listen",
                        .label = label,
                        .icon = icons::kListen.codepoint,
                        .style = ButtonStyle::Secondary,
                        .speech = "welcome.listen",
                        .on = f.snapshot.listen_mode};
  if (button(f, spec, ImVec2(width, f.metrics.primary_px)))
    f.commands.post(app::SetListenMode{!f.snapshot.listen_mode});
}

}  // namespace

void draw_welcome(Frame& f) {
  const auto& snap = f.snapshot;
  begin_screen(f, {.title = f.text("welcome.title"),
                   .prompt = {.key = "prompt.welcome", .every_language = true},
                   .show_title = false,
                   .footer = false});
  const float button_w = std::min(f.metrics.mm(110.0f), ImGui::GetContentRegionAvail().x);
  const float lines = static_cast<float>(snap.languages.size());
  const float block_h = lines * (f.metrics.title_font_px + f.metrics.body_font_px) * 1.5f +
                        (lines + 1) * (f.metrics.primary_px + f.metrics.gap_px * 2);
  const float top = (ImGui::GetContentRegionAvail().y - block_h) / 2;
  if (top > 0) ImGui::Dummy(ImVec2(0, top * 0.8f));
  for (const std::string& lang : snap.languages)
    centered_text(f, f.strings.get(lang, "welcome.title"), TextSize::Title);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  for (const std::string& lang : snap.languages)
    centered_text(f, f.strings.get(lang, "welcome.prompt"), TextSize::Body);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px * 2));
  for (const std::string& lang : snap.languages) {
    const std::string id = fmt::format("welcome.language.{}", lang);
    center_next(button_w);
    const ButtonSpec spec{.id = id,
                          .label = f.strings.get(lang, "language.name"),
                          .icon = icons::kLanguage.codepoint,
                          .style = ButtonStyle::Primary,
                          .speech = "language.name",
                          .speech_language = lang};
    if (button(f, spec, ImVec2(button_w, f.metrics.primary_px)))
      f.commands.post(app::ChooseLanguage{lang});
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  }
  listen_switch(f, button_w);
  end_screen(f, {.start_over = false, .shown = false});
}

}  // namespace kiosk::ui

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

// The height of everything below the header, as drawn: each item plus ImGui's spacing
// after it. Computed rather than measured, so the first frame is laid out as every other.
float block_height(Frame& f) {
  const float spacing = ImGui::GetStyle().ItemSpacing.y, gap = f.metrics.gap_px;
  float h = 0;
  for (const std::string& lang : f.snapshot.languages) {
    h += f.shaped
             .layout(f.strings.get(lang, "welcome.title"),
                     {f.metrics.title_font_px, 0, text::Align::Left})
             ->height_px() +
         f.shaped
             .layout(f.strings.get(lang, "welcome.prompt"),
                     {f.metrics.body_font_px, 0, text::Align::Left})
             ->height_px() +
         f.metrics.primary_px + gap + 4 * spacing;  // title, prompt, button, gap below it
  }
  h += gap + 2 * gap + 2 * spacing;  // between the titles, the prompts and the buttons
  if (f.speaker != nullptr) h += gap + f.metrics.primary_px + 2 * spacing;  // listen
  return h;
}

}  // namespace

void draw_welcome(Frame& f) {
  const auto& snap = f.snapshot;
  begin_screen(f, {.title = f.text("welcome.title"),
                   .prompt = {.key = "prompt.welcome", .every_language = true},
                   .show_title = false,
                   .footer = false});
  const float button_w = std::min(f.metrics.mm(110.0f), ImGui::GetContentRegionAvail().x);
  const float top = (ImGui::GetContentRegionAvail().y - block_height(f)) / 2;
  if (top > 0) ImGui::Dummy(ImVec2(0, top));
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

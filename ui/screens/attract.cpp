// Attract: shown while nobody uses the kiosk. What it can do, as pictures (each service,
// or each category when there are many), and "touch to start" in every offered language,
// under a large hand. A touch anywhere brings the welcome screen back.
//
// One picture after another is highlighted, every 2 s: the screen redraws at most twice
// in that time (a wake-up, not an animation frame rate), so an idle kiosk stays idle.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "ui/icons.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {
namespace {

constexpr auto kHighlightPeriod = std::chrono::seconds(2);
constexpr std::size_t kMostPictures = 8;

struct Picture {
  char32_t icon;
  std::string caption;
};

// The services themselves when they fit on one row or two; their categories otherwise.
std::vector<Picture> pictures_of(const Frame& f) {
  std::vector<Picture> out;
  const auto& s = f.snapshot;
  const std::string& lang = s.language;
  if (s.services.size() <= kMostPictures || s.categories.empty()) {
    for (const auto& service : s.services) {
      if (out.size() == kMostPictures) break;
      out.push_back(
          {catalogue_icon(f, service.icon), std::string(services::pick(service.title, lang))});
    }
  } else {
    for (const auto& c : s.categories) {
      if (out.size() == kMostPictures) break;
      out.push_back({catalogue_icon(f, c.icon), std::string(services::pick(c.title, lang))});
    }
  }
  return out;
}

// Which picture is highlighted now, and when the next one is.
std::size_t highlighted(Frame& f, std::size_t count) {
  const auto since = f.now.time_since_epoch();
  const auto period = std::chrono::duration_cast<Clock::SteadyTime::duration>(kHighlightPeriod);
  const auto step = since / period;
  f.want_frame_at(Clock::SteadyTime((step + 1) * period));
  return count == 0 ? 0 : static_cast<std::size_t>(step) % count;
}

void draw_pictures(Frame& f, Rect area) {
  const auto pictures = pictures_of(f);
  if (pictures.empty()) return;
  const std::size_t lit = highlighted(f, pictures.size());
  const std::size_t columns = std::min<std::size_t>(pictures.size(), 4);
  const std::size_t rows = (pictures.size() + columns - 1) / columns;
  const float cell_w = area.width() / static_cast<float>(columns);
  const float cell_h = area.height() / static_cast<float>(rows);
  const float disc = std::min({cell_w * 0.6f, cell_h * 0.6f, f.metrics.mm(40)});
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < pictures.size(); ++i) {
    const float cx = area.min.x + cell_w * (static_cast<float>(i % columns) + 0.5f);
    const float top = area.min.y + cell_h * static_cast<float>(i / columns);
    const ImVec2 centre(cx, top + disc / 2 + f.metrics.gap_px);
    const bool on = i == lit;
    draw->AddCircleFilled(centre, disc / 2, u32(on ? f.theme.button : f.theme.secondary), 48);
    draw->AddCircle(centre, disc / 2, u32(f.theme.secondary_border), 48, 2.0f);
    const float px = disc * 0.55f;
    icon(f, pictures[i].icon, ImVec2(cx - px / 2, centre.y - px / 2), px,
         u32(on ? f.theme.button_text : f.theme.secondary_text));
    const auto caption =
        f.shaped.layout(pictures[i].caption,
                        {f.metrics.small_font_px, cell_w - f.metrics.gap_px, text::Align::Center});
    f.shaped.draw(draw, *caption,
                  ImVec2(cx - caption->width_px() / 2, centre.y + disc / 2 + f.metrics.gap_px),
                  u32(f.theme.text));
  }
}

// "छूकर शुरू करें · Touch to start": each offered language in its own script.
void draw_touch_to_start(Frame& f, Rect area) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float hand = std::min(area.height() * 0.45f, f.metrics.mm(30));
  icon(f, icons::kTouch.codepoint, ImVec2(area.center().x - hand / 2, area.min.y), hand,
       u32(f.theme.text));
  float y = area.min.y + hand + f.metrics.gap_px;
  for (const std::string& lang : f.snapshot.languages) {
    const auto line = f.shaped.layout(f.strings.get(lang, "attract.touch"),
                                      {f.metrics.title_font_px, 0, text::Align::Left});
    f.shaped.draw(draw, *line, ImVec2(area.center().x - line->width_px() / 2, y),
                  u32(f.theme.text));
    y += line->height_px();
  }
}

}  // namespace

void draw_attract(Frame& f) {
  f.prompt = {.key = "prompt.attract", .every_language = true};
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const Rect screen{vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y)};
  // The whole screen is one target: any touch starts.
  ImGui::SetCursorScreenPos(screen.min);
  const bool touched = ImGui::InvisibleButton("##attract", vp->Size);
  std::string label;
  for (const std::string& lang : f.snapshot.languages)
    label += (label.empty() ? "" : " · ") + std::string(f.strings.get(lang, "attract.touch"));
  add_target(f, "attract.start", screen, {label, icons::kTouch.codepoint, "attract.touch"});
  const float pad = 2 * f.metrics.gap_px;
  const std::string name =
      f.snapshot.csc_name.empty() ? std::string(f.text("app.name")) : f.snapshot.csc_name;
  const auto title = f.shaped.layout(name, {f.metrics.title_font_px, 0, text::Align::Left});
  f.shaped.draw(ImGui::GetWindowDrawList(), *title,
                ImVec2(screen.center().x - title->width_px() / 2, screen.min.y + pad),
                u32(f.theme.text));
  const float top = screen.min.y + 2 * pad + title->height_px();
  const float split = screen.min.y + screen.height() * 0.62f;
  draw_pictures(f, {ImVec2(screen.min.x + pad, top), ImVec2(screen.max.x - pad, split)});
  draw_touch_to_start(
      f, {ImVec2(screen.min.x + pad, split), ImVec2(screen.max.x - pad, screen.max.y - pad)});
  if (touched) f.commands.post(app::UserActivity{});
}

}  // namespace kiosk::ui

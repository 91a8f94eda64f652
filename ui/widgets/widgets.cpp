#include "ui/widgets/widgets.h"

#include <algorithm>
#include <string>

namespace kiosk::ui {
namespace {

float px_of(const Metrics& m, TextSize size) {
  switch (size) {
    case TextSize::Small: return m.small_font_px;
    case TextSize::Body: return m.body_font_px;
    case TextSize::Title: return m.title_font_px;
  }
  return m.body_font_px;
}

ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

}  // namespace

const Rect* HitMap::find(std::string_view id) const {
  auto it = rects_.find(id);
  return it == rects_.end() ? nullptr : &it->second;
}

void text_block(Frame& f, std::string_view text, TextSize size, text::Align align) {
  const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  const auto layout = f.shaped.layout(text, {px_of(f.metrics, size), width, align});
  const ImVec2 at = ImGui::GetCursorScreenPos();
  f.shaped.draw(ImGui::GetWindowDrawList(), *layout, at, u32(f.theme.text));
  ImGui::Dummy(ImVec2(layout->width_px(), layout->height_px()));
}

void centered_text(Frame& f, std::string_view text, TextSize size) {
  const auto layout = f.shaped.layout(text, {px_of(f.metrics, size), 0, text::Align::Left});
  center_next(layout->width_px());
  const ImVec2 at = ImGui::GetCursorScreenPos();
  f.shaped.draw(ImGui::GetWindowDrawList(), *layout, at, u32(f.theme.text));
  ImGui::Dummy(ImVec2(layout->width_px(), layout->height_px()));
}

bool big_button(Frame& f, std::string_view id, std::string_view label, ImVec2 size) {
  const float pad = f.metrics.gap_px;
  const auto layout =
      f.shaped.layout(label, {f.metrics.body_font_px, std::max(1.0f, size.x - 2 * pad), text::Align::Center});
  size.x = std::max(size.x, f.metrics.min_target_px);
  size.y = std::max({size.y, f.metrics.button_height_px, layout->height_px() + 2 * pad});
  ImGui::PushID(id.data(), id.data() + id.size());
  const bool pressed = ImGui::InvisibleButton("##button", size);
  const bool held = ImGui::IsItemActive();
  ImGui::PopID();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(held ? f.theme.button_pressed : f.theme.button),
                      ImGui::GetStyle().FrameRounding);
  const ImVec2 text_at(min.x + (size.x - layout->width_px()) / 2, min.y + (size.y - layout->height_px()) / 2);
  f.shaped.draw(draw, *layout, text_at, u32(f.theme.button_text));
  f.hits.add(std::string(id), Rect{min, max});
  return pressed;
}

bool toggle_button(Frame& f, std::string_view id, std::string_view label, bool on, ImVec2 size) {
  const bool pressed = big_button(f, id, label, size);
  if (on) {  // not colour alone: a thick outline in the text colour marks "on"
    const float t = std::max(3.0f, f.metrics.mm(0.8f));
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                        u32(f.theme.text), ImGui::GetStyle().FrameRounding, 0, t);
  }
  return pressed;
}

void heading(Frame& f, std::string_view text) {
  text_block(f, text, TextSize::Title);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
}

void paragraph(Frame& f, std::string_view text) { text_block(f, text, TextSize::Body); }

void badge(Frame& f, std::string_view text, ImVec2 top_right) {
  const auto layout = f.shaped.layout(text, {f.metrics.small_font_px, 0, text::Align::Left});
  const float pad = f.metrics.gap_px / 2;
  const ImVec2 min(top_right.x - layout->width_px() - 2 * pad, top_right.y);
  const ImVec2 max(top_right.x, top_right.y + layout->height_px() + 2 * pad);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(f.theme.badge), pad);
  f.shaped.draw(draw, *layout, ImVec2(min.x + pad, min.y + pad), u32(f.theme.badge_text));
}

void center_next(float width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) / 2);
}

int tile_grid(Frame& f, const std::vector<Tile>& tiles, int max_columns) {
  const float gap = f.metrics.gap_px;
  const float width = ImGui::GetContentRegionAvail().x;
  const float min_tile = f.metrics.mm(45.0f);  // wide enough for two words of Hindi
  const int fit = static_cast<int>((width + gap) / (min_tile + gap));
  const int columns = std::clamp(fit, 1, std::max(1, max_columns));
  const float tile_w = (width - gap * (columns - 1)) / columns;
  const ImVec2 size(tile_w, f.metrics.button_height_px * 1.6f);
  int tapped = -1;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    if (i % columns != 0) ImGui::SameLine();
    if (big_button(f, tiles[i].id, tiles[i].label, size)) tapped = static_cast<int>(i);
  }
  ImGui::PopStyleVar();
  return tapped;
}

}  // namespace kiosk::ui

#include "ui/widgets/widgets.h"

#include <algorithm>
#include <string>

namespace kiosk::ui {

const Rect* HitMap::find(std::string_view id) const {
  auto it = rects_.find(id);
  return it == rects_.end() ? nullptr : &it->second;
}

bool big_button(Frame& f, std::string_view id, std::string_view label, ImVec2 size) {
  size.y = std::max(size.y, f.metrics.button_height_px);
  size.x = std::max(size.x, f.metrics.min_target_px);
  ImGui::PushID(id.data(), id.data() + id.size());
  ImGui::PushFont(f.fonts.body);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32_WHITE);  // on the dark button colour
  const std::string text(label);                         // ImGui wants a terminated string
  const bool pressed = ImGui::Button(text.c_str(), size);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopID();
  f.hits.add(std::string(id), Rect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  return pressed;
}

void heading(Frame& f, std::string_view text) {
  ImGui::PushFont(f.fonts.title);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
}

void paragraph(Frame& f, std::string_view text) {
  ImGui::PushFont(f.fonts.body);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void badge(Frame& f, std::string_view text, ImVec2 top_right) {
  ImGui::PushFont(f.fonts.small);
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const float pad = f.metrics.gap_px / 2;
  const ImVec2 min(top_right.x - size.x - 2 * pad, top_right.y);
  const ImVec2 max(top_right.x, top_right.y + size.y + 2 * pad);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, IM_COL32(200, 60, 20, 255), pad);
  draw->AddText(ImVec2(min.x + pad, min.y + pad), IM_COL32_WHITE, text.data(),
                text.data() + text.size());
  ImGui::PopFont();
}

void center_next(float width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) / 2);
}

void centered_text(ImFont* font, std::string_view text) {
  ImGui::PushFont(font);
  center_next(ImGui::CalcTextSize(text.data(), text.data() + text.size()).x);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopFont();
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

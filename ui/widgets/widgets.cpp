#include "ui/widgets/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk::ui {
namespace {

float px_of(const Metrics& m, TextSize size) {
  switch (size) {
    case TextSize::Small:
      return m.small_font_px;
    case TextSize::Body:
      return m.body_font_px;
    case TextSize::Title:
      return m.title_font_px;
  }
  return m.body_font_px;
}

}  // namespace

ImU32 u32(const ImVec4& c) {
  return ImGui::ColorConvertFloat4ToU32(c);
}

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
  const auto layout = f.shaped.layout(
      label, {f.metrics.body_font_px, std::max(1.0f, size.x - 2 * pad), text::Align::Center});
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
  const ImVec2 text_at(min.x + (size.x - layout->width_px()) / 2,
                       min.y + (size.y - layout->height_px()) / 2);
  f.shaped.draw(draw, *layout, text_at, u32(f.theme.button_text));
  if (ImGui::IsItemVisible())
    f.hits.add(std::string(id), Rect{min, max});  // scrolled away: not tappable
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

void paragraph(Frame& f, std::string_view text) {
  text_block(f, text, TextSize::Body);
}

void badge(Frame& f, std::string_view text, ImVec2 top_centre) {
  const auto layout = f.shaped.layout(text, {f.metrics.small_font_px, 0, text::Align::Left});
  const float pad = f.metrics.gap_px / 2;
  const ImVec2 min(top_centre.x - layout->width_px() / 2 - pad, top_centre.y);
  const ImVec2 max(top_centre.x + layout->width_px() / 2 + pad,
                   top_centre.y + layout->height_px() + 2 * pad);
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

namespace kiosk::ui {

bool text_field(Frame& f, std::string_view id, std::string_view label, std::string_view shown,
                bool focused, float width) {
  text_block(f, label, TextSize::Body);
  const float pad = f.metrics.gap_px;
  const auto layout = f.shaped.layout(shown, {f.metrics.body_font_px, 0, text::Align::Left});
  const ImVec2 size(width, std::max(f.metrics.button_height_px, layout->height_px() + 2 * pad));
  ImGui::PushID(id.data(), id.data() + id.size());
  const bool tapped = ImGui::InvisibleButton("##field", size);
  ImGui::PopID();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(f.theme.field), pad / 2);
  draw->AddRect(min, max, u32(f.theme.field_border), pad / 2, 0, focused ? 4.0f : 2.0f);
  // Long values show their end, where the citizen is typing.
  const float visible = size.x - 2 * pad;
  const float shift = std::max(0.0f, layout->width_px() - visible);
  draw->PushClipRect(ImVec2(min.x + pad, min.y), ImVec2(max.x - pad, max.y), true);
  const ImVec2 text_at(min.x + pad - shift, min.y + (size.y - layout->height_px()) / 2);
  f.shaped.draw(draw, *layout, text_at, u32(f.theme.field_text));
  draw->PopClipRect();
  if (focused) {  // a steady caret: blinking would cost a frame every half second
    const float x = std::min(max.x - pad, text_at.x + layout->width_px() + 2);
    draw->AddRectFilled(ImVec2(x, min.y + pad), ImVec2(x + 3, max.y - pad),
                        u32(f.theme.field_text));
  }
  f.hits.add(std::string(id), Rect{min, max});
  return tapped;
}

int dialog(Frame& f, std::string_view id, std::string_view title, std::string_view message,
           const std::vector<DialogButton>& buttons) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, f.theme.scrim);
  const std::string window_id = "##dialog." + std::string(id);
  // A full-screen window on top of the screen: it takes every tap, so nothing behind
  // the dialog can be activated.
  ImGui::Begin(
      window_id.c_str(), nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  const float width = std::min(vp->Size.x - 4 * f.metrics.gap_px, f.metrics.mm(160));
  const ImVec2 box_min(vp->Pos.x + (vp->Size.x - width) / 2, vp->Pos.y + vp->Size.y * 0.25f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(
      ImVec2(box_min.x + 2 * f.metrics.gap_px, box_min.y + 2 * f.metrics.gap_px));
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, f.theme.dialog_text);
  const float inner = width - 4 * f.metrics.gap_px;
  ImGui::PushItemWidth(inner);
  const Theme dialog_theme = [&] {
    Theme t = f.theme;
    t.text = f.theme.dialog_text;
    return t;
  }();
  Frame inside{f.snapshot, f.commands, f.strings, f.metrics, dialog_theme,
               f.shaped,   f.hits,     f.now,     f.speaker, 0};
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  ImGui::BeginChild(window_id.c_str(), ImVec2(inner, 0), false,
                    ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBackground |
                        ImGuiWindowFlags_NoScrollbar);
  heading(inside, title);
  paragraph(inside, message);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  int tapped = -1;
  for (std::size_t i = 0; i < buttons.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    if (big_button(inside, buttons[i].id, buttons[i].label, ImVec2(f.metrics.mm(50), 0)))
      tapped = static_cast<int>(i);
  }
  ImGui::EndChild();
  ImGui::PopTextWrapPos();
  ImGui::PopItemWidth();
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  const ImVec2 box_max(box_min.x + width, ImGui::GetItemRectMax().y + 2 * f.metrics.gap_px);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(box_min, box_max, u32(f.theme.dialog), f.metrics.gap_px);
  draw->AddRect(box_min, box_max, u32(f.theme.field_border), f.metrics.gap_px, 0, 3.0f);
  draw->ChannelsMerge();
  ImGui::End();
  return tapped;
}

namespace {

// Drag state lives in the scrolling window's own ImGuiStorage: per ImGui context, so two
// contexts (or two tests) never share it.
struct DragState {
  float scroll = 0;
  float velocity = 0;  // px per second, positive scrolls down
  bool pressed = false;
  bool dragging = false;
  float travelled = 0;

  static DragState load(ImGuiStorage& st) {
    return {st.GetFloat(ImGui::GetID("scroll")), st.GetFloat(ImGui::GetID("velocity")),
            st.GetBool(ImGui::GetID("pressed")), st.GetBool(ImGui::GetID("dragging")),
            st.GetFloat(ImGui::GetID("travelled"))};
  }
  void store(ImGuiStorage& st) const {
    st.SetFloat(ImGui::GetID("scroll"), scroll);
    st.SetFloat(ImGui::GetID("velocity"), velocity);
    st.SetBool(ImGui::GetID("pressed"), pressed);
    st.SetBool(ImGui::GetID("dragging"), dragging);
    st.SetFloat(ImGui::GetID("travelled"), travelled);
  }
};

}  // namespace

void begin_drag_scroll(Frame& f, std::string_view id, ImVec2 size) {
  const std::string child_id(id);
  ImGui::BeginChild(child_id.c_str(), size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGuiStorage& storage = *ImGui::GetStateStorage();
  DragState s = DragState::load(storage);
  const ImGuiIO& io = ImGui::GetIO();
  const float dt = std::max(io.DeltaTime, 1.0f / 240);
  const ImVec2 min = ImGui::GetWindowPos(),
               max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight());
  const bool inside = io.MousePos.x >= min.x && io.MousePos.x < max.x && io.MousePos.y >= min.y &&
                      io.MousePos.y < max.y;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && inside) s = {s.scroll, 0, true, false, 0};
  if (s.pressed && io.MouseDown[0]) {
    s.travelled += std::abs(io.MouseDelta.y);
    if (!s.dragging && s.travelled > f.metrics.mm(3)) {
      s.dragging = true;
      ImGui::ClearActiveID();  // the row under the finger must not fire on release
    }
    if (s.dragging) {
      s.scroll -= io.MouseDelta.y;
      s.velocity = 0.7f * s.velocity + 0.3f * (-io.MouseDelta.y / dt);
    }
  } else {
    if (s.pressed && !s.dragging) s.velocity = 0;
    s.pressed = s.dragging = false;
    if (std::abs(s.velocity) > 20) {  // momentum: exponential decay, tau = 325 ms
      s.scroll += s.velocity * dt;
      s.velocity *= std::exp(-dt / 0.325f);
      f.want_animation(60);
    } else {
      s.velocity = 0;
    }
  }
  const float max_scroll = ImGui::GetScrollMaxY();
  if (s.scroll < 0 || s.scroll > max_scroll) s.velocity = 0;
  s.scroll = std::clamp(s.scroll, 0.0f, std::max(0.0f, max_scroll));
  ImGui::SetScrollY(s.scroll);
  s.store(storage);
}

void end_drag_scroll(Frame&) {
  ImGui::EndChild();
}

int list_view(Frame& f, std::string_view id, const std::vector<Tile>& rows, ImVec2 size) {
  begin_drag_scroll(f, id, size);
  int tapped = -1;
  const float width = ImGui::GetContentRegionAvail().x;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (big_button(f, rows[i].id, rows[i].label, ImVec2(width, 0))) tapped = static_cast<int>(i);
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px / 2));
  }
  end_drag_scroll(f);
  return tapped;
}

}  // namespace kiosk::ui

#include "ui/widgets/widgets.h"

#include <fmt/format.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/text/icon_names.h"
#include "ui/icons.h"
#include "ui/speaker.h"
#include "ui/voice/spoken.h"

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

void add_target(Frame& f, std::string_view id, Rect box, TargetInfo info) {
  const ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 lo = draw->GetClipRectMin(), hi = draw->GetClipRectMax();
  const Rect seen{ImVec2(std::max(box.min.x, lo.x), std::max(box.min.y, lo.y)),
                  ImVec2(std::min(box.max.x, hi.x), std::min(box.max.y, hi.y))};
  if (seen.width() <= 0 || seen.height() <= 0) return;  // scrolled away: not tappable
  info.clipped = seen.min.x != box.min.x || seen.min.y != box.min.y || seen.max.x != box.max.x ||
                 seen.max.y != box.max.y;
  f.hits.add(std::string(id), seen, std::move(info));
}

void say_name(Frame& f, std::string_view id, const TargetInfo& info) {
  if (f.speaker == nullptr) return;
  const std::string& lang =
      info.speech_language.empty() ? f.snapshot.language : info.speech_language;
  std::string text = spoken_text(f.strings, lang, info.speech, info.speech_args, info.label);
  // A key its catalogues lack is still said, by its label; the record names the target.
  std::string key = info.speech.empty() ? fmt::format("target:{}", id) : info.speech;
  f.speaker->say({std::move(key), {{std::move(text), lang}}});
}

void say_prompt(Frame& f, const ScreenPrompt& prompt) {
  if (f.speaker == nullptr || prompt.key.empty()) return;
  Utterance u{prompt.key, {}};
  if (prompt.every_language) {
    for (const std::string& lang : f.snapshot.languages)
      u.parts.push_back({spoken_text(f.strings, lang, prompt.key, prompt.args), lang});
  } else {
    const std::string& lang = f.snapshot.language;
    u.parts.push_back({spoken_text(f.strings, lang, prompt.key, prompt.args), lang});
  }
  f.speaker->say(std::move(u));
}

bool acts(Frame& f, std::string_view id, bool pressed, const TargetInfo& info, const Rect& box) {
  if (!f.listening()) return pressed;
  ListenState& l = *f.listen;
  const bool armed = l.armed == id;
  if (armed) {  // outlined, not coloured alone: thick, in the text colour, inside the box
    const float t = std::max(4.0f, f.metrics.mm(1.2f));  // (outside, a scroll region clips it)
    ImGui::GetWindowDrawList()->AddRect(ImVec2(box.min.x + t / 2, box.min.y + t / 2),
                                        ImVec2(box.max.x - t / 2, box.max.y - t / 2),
                                        u32(f.theme.text), ImGui::GetStyle().FrameRounding, 0, t);
    if (l.confirm_frames > 0 || pressed) {
      l = {};
      return true;
    }
    return false;
  }
  if (!pressed) return false;
  l = {std::string(id), info, 0};
  say_name(f, id, info);
  return false;
}

char32_t catalogue_icon(const Frame& f, std::string_view name) {
  return f.catalogue_icons != nullptr ? f.catalogue_icons->codepoint(name) : 0xE873;  // description
}

void icon(Frame& f, char32_t codepoint, ImVec2 at, float px, ImU32 colour) {
  if (codepoint == 0) return;
  const auto layout = f.shaped.layout(text::icon_text(codepoint), {px, 0, text::Align::Left});
  if (layout->glyphs.empty()) return;
  // Centre the glyph's ink in the px × px box, whatever the font's line metrics.
  const auto& g = layout->glyphs.front();
  const auto& bm = f.shaped.engine().glyph(g.font, g.glyph, layout->size, text::RasterMode::Grey);
  const ImVec2 ink = glyph_origin(g, bm.left, bm.top);  // the bitmap's top-left, layout-relative
  const ImVec2 origin(at.x + (px - static_cast<float>(bm.width)) / 2 - ink.x,
                      at.y + (px - static_cast<float>(bm.height)) / 2 - ink.y);
  f.shaped.draw(ImGui::GetWindowDrawList(), *layout,
                ImVec2(std::round(origin.x), std::round(origin.y)), colour);
}

namespace {

struct Colours {
  ImU32 fill, text, border;
};

Colours colours_of(const Frame& f, ButtonStyle style, bool held) {
  const Theme& t = f.theme;
  if (style == ButtonStyle::Header)
    return held ? Colours{u32(t.header_text), u32(t.header), u32(t.header_text)}
                : Colours{u32(t.header), u32(t.header_text), u32(t.header_text)};
  if (style == ButtonStyle::Primary)
    return held ? Colours{u32(t.button_pressed), u32(t.button_pressed_text), u32(t.button_text)}
                : Colours{u32(t.button), u32(t.button_text), u32(t.button)};
  return held ? Colours{u32(t.secondary_pressed), u32(t.secondary_pressed_text),
                        u32(t.secondary_border)}
              : Colours{u32(t.secondary), u32(t.secondary_text), u32(t.secondary_border)};
}

// The label (and pictogram) inside a button's box; reports a label that does not fit.
void button_face(Frame& f, const ButtonSpec& spec, Rect box, ImU32 colour) {
  const float pad = f.metrics.gap_px;
  if (spec.icon_only && spec.icon != 0) {
    const float px = std::min(f.metrics.icon_px * 1.3f, std::min(box.width(), box.height()) - pad);
    icon(f, spec.icon, ImVec2(box.center().x - px / 2, box.center().y - px / 2), px, colour);
    return;
  }
  const bool top = spec.place == IconPlace::Top && spec.icon != 0;
  const float icon_px = spec.icon == 0 ? 0 : f.metrics.icon_px;
  const float text_px = top || spec.compact ? f.metrics.small_font_px : f.metrics.body_font_px;
  const float text_w =
      top ? box.width() - 2 * pad / 2 : box.width() - 2 * pad - (icon_px ? icon_px + pad : 0);
  const auto layout =
      f.shaped.layout(spec.label, {text_px, std::max(1.0f, text_w), text::Align::Center});
  if (top) {
    const float block = icon_px + layout->height_px();
    const float y = box.min.y + (box.height() - block) / 2;
    icon(f, spec.icon, ImVec2(box.center().x - icon_px / 2, y), icon_px, colour);
    f.shaped.draw(ImGui::GetWindowDrawList(), *layout,
                  ImVec2(box.min.x + (box.width() - layout->width_px()) / 2, y + icon_px), colour);
    const auto natural =
        f.shaped.layout(spec.label, {text_px, std::max(1.0f, text_w), text::Align::Left});
    if (natural->width_px() > text_w + 1 || block > box.height() + 1)
      f.overflow(spec.id, spec.label);
    return;
  }
  // One line: the picture and the label centred together. Wrapped: the label centres itself.
  const auto natural =
      f.shaped.layout(spec.label, {text_px, std::max(1.0f, text_w), text::Align::Left});
  const bool one_line = natural->lines.size() <= 1;
  const float label_w = one_line ? natural->width_px() : layout->width_px();
  const float content = (icon_px ? icon_px + pad : 0) + label_w;
  float x = box.min.x + std::max(pad, (box.width() - content) / 2);
  if (icon_px) {
    icon(f, spec.icon, ImVec2(x, box.center().y - icon_px / 2), icon_px, colour);
    x += icon_px + pad;
  }
  f.shaped.draw(ImGui::GetWindowDrawList(), one_line ? *natural : *layout,
                ImVec2(x, box.min.y + (box.height() - layout->height_px()) / 2), colour);
  if (natural->width_px() > text_w + 1 || layout->height_px() > box.height() + 1)
    f.overflow(spec.id, spec.label);
}

}  // namespace

bool button(Frame& f, const ButtonSpec& spec, ImVec2 size) {
  const float min_h =
      spec.style == ButtonStyle::Primary ? f.metrics.primary_px : f.metrics.min_target_px;
  size.x = std::max(size.x, f.metrics.min_target_px);
  if (size.y <= 0) {  // as tall as its label needs, and never below the button height
    const auto label = f.shaped.layout(spec.label, {f.metrics.body_font_px, 0, text::Align::Left});
    size.y = std::max(f.metrics.button_height_px, label->height_px() + f.metrics.gap_px);
  }
  size.y = std::max({size.y, min_h});
  ImGui::PushID(spec.id.data(), spec.id.data() + spec.id.size());
  const bool pressed = ImGui::InvisibleButton("##button", size);
  const bool held = ImGui::IsItemActive();
  ImGui::PopID();
  const Rect box{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Colours c = colours_of(f, spec.style, held);
  const float rounding = ImGui::GetStyle().FrameRounding;
  draw->AddRectFilled(box.min, box.max, c.fill, rounding);
  const float outline = std::max(2.0f, f.metrics.mm(0.4f));
  if (spec.style != ButtonStyle::Primary)
    draw->AddRect(box.min, box.max, c.border, rounding, 0, outline);
  if (spec.on) {  // not colour alone: a thick outline marks "on"
    const ImU32 mark = u32(spec.style == ButtonStyle::Header ? f.theme.header_text : f.theme.text);
    draw->AddRect(box.min, box.max, mark, rounding, 0, std::max(4.0f, f.metrics.mm(1.0f)));
  }
  button_face(f, spec, box, c.text);
  TargetInfo info{std::string(spec.label), spec.icon, std::string(spec.speech),
                  spec.style == ButtonStyle::Primary};
  info.speech_args = spec.speech_args;
  info.speech_language = spec.speech_language;
  add_target(f, spec.id, box, info);
  return spec.immediate ? pressed : acts(f, spec.id, pressed, info, box);
}

void icon_line(Frame& f, char32_t pictogram, std::string_view text) {
  const float px = f.metrics.body_font_px * 1.3f, pad = f.metrics.gap_px;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x - px - pad);
  const auto layout = f.shaped.layout(text, {f.metrics.body_font_px, width, text::Align::Left});
  icon(f, pictogram, at, px, u32(f.theme.text));
  f.shaped.draw(ImGui::GetWindowDrawList(), *layout,
                ImVec2(at.x + px + pad, at.y + std::max(0.0f, (px - layout->line_height_px()) / 2)),
                u32(f.theme.text));
  ImGui::Dummy(ImVec2(px + pad + layout->width_px(), std::max(px, layout->height_px())));
  ImGui::Dummy(ImVec2(0, pad / 2));
}

float notice_height(Frame& f, std::string_view text, float width) {
  const float pad = f.metrics.gap_px, px = f.metrics.icon_px;
  const auto layout = f.shaped.layout(
      text, {f.metrics.body_font_px, std::max(1.0f, width - px - 3 * pad), text::Align::Left});
  return std::max(px, layout->height_px()) + 3 * pad;
}

void notice_box(Frame& f, const Notice& n, float width) {
  const float pad = f.metrics.gap_px, px = f.metrics.icon_px;
  const auto layout = f.shaped.layout(
      n.text, {f.metrics.body_font_px, std::max(1.0f, width - px - 3 * pad), text::Align::Left});
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + std::max(px, layout->height_px()) + 2 * pad);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(n.fill), pad / 2);
  draw->AddRect(min, max, u32(n.border), pad / 2, 0, 2.0f);
  icon(f, n.icon, ImVec2(min.x + pad, min.y + pad), px, u32(n.ink));
  f.shaped.draw(draw, *layout, ImVec2(min.x + px + 2 * pad, min.y + pad), u32(n.ink));
  f.hits.note(std::string(n.id), {min, max}, std::string(n.text));
  ImGui::Dummy(ImVec2(width, max.y - min.y + pad));
}

void error_box(Frame& f, std::string_view id, std::string_view text) {
  notice_box(
      f, {id, text, icons::kError.codepoint, f.theme.error, f.theme.error_text, f.theme.error_text},
      ImGui::GetContentRegionAvail().x);
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

namespace {

float line_px(Frame& f, float size_px) {
  return f.shaped.layout("Ag कि", {size_px, 0, text::Align::Left})->height_px();
}

// A service tile's height: its picture, two lines of title, and the price and time line.
float tile_height(Frame& f) {
  const float pad = f.metrics.gap_px;
  return 4 * pad + f.metrics.mm(14) + 2 * line_px(f, f.metrics.body_font_px) +
         line_px(f, f.metrics.small_font_px);
}

// One tile's face: the picture centred on top, the title under it, then the price on the
// left and the time (a clock pictogram and the minutes) on the right.
void tile_face(Frame& f, const Tile& tile, Rect box, ImU32 colour) {
  const float pad = f.metrics.gap_px;
  const float picture = f.metrics.mm(14);
  icon(f, tile.icon, ImVec2(box.center().x - picture / 2, box.min.y + pad), picture, colour);
  const float text_w = std::max(1.0f, box.width() - 2 * pad);
  const auto title =
      f.shaped.layout(tile.label, {f.metrics.body_font_px, text_w, text::Align::Center});
  const float title_y = box.min.y + 2 * pad + picture;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  f.shaped.draw(draw, *title, ImVec2(box.min.x + pad + (text_w - title->width_px()) / 2, title_y),
                colour);
  const float small = f.metrics.small_font_px;
  const auto price = f.shaped.layout(tile.price, {small, 0, text::Align::Left});
  const auto time = f.shaped.layout(tile.time, {small, 0, text::Align::Left});
  const float line_y = box.max.y - pad - price->height_px();
  f.shaped.draw(draw, *price, ImVec2(box.min.x + pad, line_y), colour);
  const float time_x = box.max.x - pad - time->width_px();
  f.shaped.draw(draw, *time, ImVec2(time_x, line_y), colour);
  icon(f, icons::kTime.codepoint, ImVec2(time_x - small - pad / 2, line_y), small, colour);
  const bool title_fits =
      title->width_px() <= text_w + 1 && title_y + title->height_px() <= line_y + 1;
  if (!title_fits) f.overflow(tile.id, tile.label);
  if (price->width_px() + time->width_px() + small + 3 * pad > box.width())
    f.overflow(tile.id, tile.price + " " + tile.time);
}

}  // namespace

namespace {

// As many columns as fit, but no more than the tiles fill: 5 tiles make 3 + 2, not 4 + 1.
int columns_for(std::size_t tiles, int fit) {
  if (tiles == 0) return std::max(1, fit);
  const auto rows_at = [tiles](int c) { return (tiles + c - 1) / static_cast<std::size_t>(c); };
  const std::size_t rows = rows_at(fit);
  int best = fit;
  for (int c = fit; c >= 1 && rows_at(c) == rows; --c) best = c;  // fewest columns, same rows
  return best;
}

}  // namespace

int tile_grid(Frame& f, const std::vector<Tile>& tiles, int max_columns) {
  const float gap = f.metrics.gap_px;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float min_tile = f.metrics.mm(55.0f);  // two words of Hindi, the price and the time
  const int fit =
      std::clamp(static_cast<int>((avail.x + gap) / (min_tile + gap)), 1, std::max(1, max_columns));
  const int columns = columns_for(tiles.size(), fit);
  const float tile_w =
      (avail.x - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  // When every row fits, the tiles grow (up to half again) to use the screen.
  const auto rows = static_cast<float>((tiles.size() + columns - 1) / columns);
  const float base_h = tile_height(f);
  const float fill_h = rows < 1 ? base_h : (avail.y - gap * rows) / rows;
  const ImVec2 size(tile_w, std::clamp(fill_h, base_h, base_h * 1.5f));
  int tapped = -1;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
    const Tile& tile = tiles[i];
    ImGui::PushID(tile.id.c_str());
    const bool pressed = ImGui::InvisibleButton("##tile", size);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    const Rect box{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
    const Colours c = colours_of(f, ButtonStyle::Secondary, held);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(box.min, box.max, c.fill, rounding);
    draw->AddRect(box.min, box.max, c.border, rounding, 0, std::max(2.0f, f.metrics.mm(0.4f)));
    tile_face(f, tile, box, c.text);
    const TargetInfo info{tile.label, tile.icon, tile.speech, false, false, tile.speech_args};
    add_target(f, tile.id, box, info);
    if (acts(f, tile.id, pressed, info, box)) tapped = static_cast<int>(i);
  }
  ImGui::PopStyleVar();
  return tapped;
}

}  // namespace kiosk::ui

namespace kiosk::ui {

bool text_field(Frame& f, std::string_view id, std::string_view label, std::string_view shown,
                bool focused, float width, char32_t pictogram, float label_w,
                std::string_view speech, bool in_error) {
  const float pad = f.metrics.gap_px;
  const auto layout = f.shaped.layout(shown, {f.metrics.body_font_px, 0, text::Align::Left});
  const ImVec2 size(width, std::max(f.metrics.button_height_px, layout->height_px() + 2 * pad));
  const float picture = pictogram != 0 ? f.metrics.body_font_px * 1.2f : 0;
  // The picture and the label: above the box, or in a column beside it (label_w > 0).
  const ImVec2 row = ImGui::GetCursorScreenPos();
  const auto words = f.shaped.layout(
      label, {f.metrics.body_font_px, label_w > 0 ? std::max(1.0f, label_w - picture - pad) : 0,
              text::Align::Left});
  const float label_y =
      label_w > 0 ? row.y + std::max(0.0f, (size.y - words->height_px()) / 2) : row.y;
  icon(f, pictogram, ImVec2(row.x, label_y + (words->line_height_px() - picture) / 2), picture,
       u32(f.theme.text));
  f.shaped.draw(ImGui::GetWindowDrawList(), *words,
                ImVec2(row.x + (picture ? picture + pad : 0), label_y), u32(f.theme.text));
  if (label_w > 0) {
    if (words->width_px() > label_w - picture - pad + 1) f.overflow(id, label);
    ImGui::Dummy(ImVec2(label_w, std::max(size.y, words->height_px())));
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(row.x + label_w, row.y));
  } else {
    ImGui::Dummy(ImVec2(picture + pad + words->width_px(), words->height_px()));
  }
  ImGui::PushID(id.data(), id.data() + id.size());
  const bool tapped = ImGui::InvisibleButton("##field", size);
  ImGui::PopID();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(f.theme.field), pad / 2);
  if (in_error) {  // not colour alone: the border is thicker too, and a message follows
    draw->AddRect(min, max, u32(f.theme.error_text), pad / 2, 0, 6.0f);
  } else {
    draw->AddRect(min, max, u32(f.theme.field_border), pad / 2, 0, focused ? 4.0f : 2.0f);
  }
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
  const TargetInfo info{std::string(label), pictogram, std::string(speech), false, false};
  add_target(f, id, Rect{min, max}, info);
  return acts(f, id, tapped, info, Rect{min, max});
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
  Frame inside{.snapshot = f.snapshot,
               .commands = f.commands,
               .strings = f.strings,
               .metrics = f.metrics,
               .theme = dialog_theme,
               .shaped = f.shaped,
               .hits = f.hits,
               .now = f.now,
               .speaker = f.speaker,
               .animation_fps = 0,
               .overflows = f.overflows,
               .wall = f.wall,
               .catalogue_icons = f.catalogue_icons};
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
    const auto& b = buttons[i];
    if (button(inside, {b.id, b.label, b.icon, b.style, IconPlace::Left, b.speech},
               ImVec2(f.metrics.mm(60), 0)))
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
  // A touch lands somewhere new: its jump arrives in the same frame as the press (SDL's
  // motion, then the button), and must not count as a drag.
  const bool pressed_now = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  if (pressed_now && inside) s = {s.scroll, 0, true, false, 0};
  if (s.pressed && io.MouseDown[0]) {
    if (!pressed_now) s.travelled += std::abs(io.MouseDelta.y);
    if (!s.dragging && s.travelled > f.metrics.mm(3)) {
      s.dragging = true;
      ImGui::ClearActiveID();  // the row under the finger must not fire on release
    }
    if (s.dragging && !pressed_now) {
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
    if (button(f, {rows[i].id, rows[i].label, rows[i].icon},
               ImVec2(width, f.metrics.button_height_px)))
      tapped = static_cast<int>(i);
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px / 2));
  }
  end_drag_scroll(f);
  return tapped;
}

}  // namespace kiosk::ui

#include "ui/text/shaped_text.h"

#include <catch2/catch.hpp>
#include <set>

#include "tests/support/ui_harness.h"

using namespace kiosk;
using kiosk::testing::UiHarness;

namespace {

// Top-left corners of every glyph quad drawn from the glyph atlas in the last frame.
std::set<std::pair<int, int>> atlas_quads(const ImDrawData* data, ImTextureID atlas) {
  std::set<std::pair<int, int>> out;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.TextureId != atlas) continue;
      // AddImage writes 4 vertices per quad, the first at p_min.
      for (unsigned i = cmd.IdxOffset; i < cmd.IdxOffset + cmd.ElemCount; i += 6) {
        const ImDrawVert& v = list->VtxBuffer[list->IdxBuffer[i]];
        out.emplace(static_cast<int>(v.pos.x), static_cast<int>(v.pos.y));
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("A label on screen uses the same layout and glyph positions as its PNG rendering",
          "[ui][text][layout]") {
  UiHarness h;
  const ui::Rect button = h.rect("welcome.language.hi");
  const auto& m = h.metrics();
  // The welcome screen's language buttons: a pictogram, then the label, centred together;
  // the label may take the width left of the pictogram and the padding.
  const float text_w = button.width() - 2 * m.gap_px - (m.icon_px + m.gap_px);
  const text::TextStyle style{m.body_font_px, text_w, text::Align::Left};
  const auto misses = h.engine().stats().layout_misses;
  const auto layout = h.engine().layout("हिंदी", style);
  CHECK(h.engine().stats().layout_misses == misses);  // the button's own cached layout
  // Where the widget put the label: after the pictogram, the pair centred in the button.
  const float content = m.icon_px + m.gap_px + layout->width_px();
  const float left = button.min.x + std::max(m.gap_px, (button.width() - content) / 2);
  const ImVec2 at(std::floor(left + m.icon_px + m.gap_px),
                  std::floor(button.min.y + (button.height() - layout->height_px()) / 2));
  const auto quads = atlas_quads(h.draw_data(), h.ui().shaped().atlas().texture());
  for (const auto& g : layout->glyphs) {
    const auto& bm = h.engine().glyph(g.font, g.glyph, layout->size, text::RasterMode::Grey);
    if (bm.width == 0) continue;
    const ImVec2 o = ui::glyph_origin(g, bm.left, bm.top);
    CHECK(quads.contains({static_cast<int>(at.x + o.x), static_cast<int>(at.y + o.y)}));
  }
  // render_grey places the same glyph at the same offset (plus its margin).
  const auto png = h.engine().render_grey(*layout, 0);
  const auto& first = layout->glyphs.front();
  const auto& bm = h.engine().glyph(first.font, first.glyph, layout->size, text::RasterMode::Grey);
  const ImVec2 o = ui::glyph_origin(first, bm.left, bm.top);
  bool ink_at_origin = false;  // the glyph's bitmap starts where both renderers put it
  for (int y = 0; y < bm.height && !ink_at_origin; ++y)
    for (int x = 0; x < bm.width && !ink_at_origin; ++x)
      if (bm.coverage[y * bm.width + x] > 200) {
        ink_at_origin =
            png.pixels[(static_cast<int>(o.y) + y) * png.width + static_cast<int>(o.x) + x] < 55;
      }
  CHECK(ink_at_origin);
}

TEST_CASE("Screens reshape nothing once drawn: later frames hit the layout cache only",
          "[ui][text][cache]") {
  UiHarness h;
  h.tap("welcome.language.hi");
  h.frames(2);
  const auto shaped = h.engine().stats().shape_calls;
  const auto glyphs = h.engine().stats().glyphs_rendered;
  const auto atlas = h.ui().shaped().atlas().glyph_count();
  h.frames(20);
  CHECK(h.engine().stats().shape_calls == shaped);
  CHECK(h.engine().stats().glyphs_rendered == glyphs);
  CHECK(h.ui().shaped().atlas().glyph_count() == atlas);
  CHECK(h.engine().stats().layout_hits > 20);
}

TEST_CASE("Hindi on screen is drawn shaped: the i-matra glyph comes before its consonant",
          "[ui][text][shaping]") {
  UiHarness h;
  const auto layout = h.engine().layout("कि", {32, 0, text::Align::Left});
  REQUIRE(layout->glyphs.size() == 2);
  CHECK(layout->glyphs[0].x < layout->glyphs[1].x);  // matra drawn left of क
  const auto runs = h.engine().shape("कि", 32);
  CHECK(runs[0].glyphs[0].glyph != runs[0].glyphs[1].glyph);
}

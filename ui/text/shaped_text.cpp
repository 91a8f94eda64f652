#include "ui/text/shaped_text.h"

#include <cmath>

namespace kiosk::ui {

ShapedText::ShapedText(text::Engine& engine, TextureSink& sink)
    : engine_(engine), atlas_(engine, sink) {}

void ShapedText::draw(ImDrawList* list, const text::Layout& layout, ImVec2 top_left, ImU32 colour) {
  // Whole pixels: glyph bitmaps are rasterised on the pixel grid.
  const ImVec2 base(std::floor(top_left.x), std::floor(top_left.y));
  // One texture switch and one reservation per label, then a quad per glyph (what
  // ImDrawList::AddText does for ImGui's own glyphs).
  list->PushTextureID(atlas_.texture());
  list->PrimReserve(static_cast<int>(layout.glyphs.size()) * 6,
                    static_cast<int>(layout.glyphs.size()) * 4);
  int unused = 0;
  for (const text::PlacedGlyph& g : layout.glyphs) {
    const auto placed = atlas_.get(g.font, g.glyph, layout.size);
    if (!placed) {
      ++unused;
      continue;
    }
    const ImVec2 o = glyph_origin(g, placed->left, placed->top);
    const ImVec2 p0(base.x + o.x, base.y + o.y);
    const ImVec2 p1(p0.x + placed->width, p0.y + placed->height);
    list->PrimRectUV(p0, p1, placed->uv0, placed->uv1, colour);
  }
  list->PrimUnreserve(unused * 6, unused * 4);
  list->PopTextureID();
}

}  // namespace kiosk::ui

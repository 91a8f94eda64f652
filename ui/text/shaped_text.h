// Drawing the text engine's layouts with Dear ImGui: one image quad per glyph from the
// glyph atlas, at exactly the positions text::Engine::render_grey() uses for PNGs.
#pragma once

#include <imgui.h>

#include <cmath>
#include <memory>
#include <string_view>

#include "kiosk/text/engine.h"
#include "ui/text/glyph_atlas.h"

namespace kiosk::ui {

class ShapedText {
 public:
  ShapedText(text::Engine& engine, TextureSink& sink);

  // Cached by the engine: the same text and style give the same Layout object.
  std::shared_ptr<const text::Layout> layout(std::string_view utf8, const text::TextStyle& style) {
    return engine_.layout(utf8, style);
  }
  // Draws `layout` with its top-left corner at `top_left` (screen pixels).
  void draw(ImDrawList* list, const text::Layout& layout, ImVec2 top_left, ImU32 colour);

  text::Engine& engine() { return engine_; }
  GlyphAtlas& atlas() { return atlas_; }

 private:
  text::Engine& engine_;
  GlyphAtlas atlas_;
};

// The top-left pixel of a glyph's bitmap for a layout drawn at the origin: shared by
// the screen and the PNG renderer so both place every glyph identically.
inline ImVec2 glyph_origin(const text::PlacedGlyph& g, int left, int top) {
  return ImVec2(static_cast<float>(std::lround(g.x / 64.0) + left),
                static_cast<float>(std::lround(g.y / 64.0) - top));
}

}  // namespace kiosk::ui

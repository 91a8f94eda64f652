// Shaped glyphs on screen: the text engine's glyph bitmaps packed into one RGBA texture
// (white, alpha = coverage) that ImGui's renderer samples like its own font atlas. Screens
// draw each glyph as an ImDrawList image quad at the position the engine's layout gives,
// so what is drawn on screen is the very layout `render-text` writes to PNG.
//
//  [X] Shelf packing, 1 px gutters; glyphs added on first use, never per frame after that.
//  [X] Uploads only the rows that changed since the last flush (TextureSink).
//  [X] When full: cleared and refilled from the engine's bitmap cache on the next frame.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "kiosk/text/engine.h"

namespace kiosk::ui {

// Where the atlas pixels go: a GL texture in the app, nowhere in the headless harness.
class TextureSink {
 public:
  virtual ~TextureSink() = default;
  virtual ImTextureID create(int width, int height) = 0;
  // Rows [y0, y1) of an RGBA image `width` pixels wide.
  virtual void update_rows(ImTextureID texture, int width, int y0, int y1,
                           const std::uint8_t* rgba) = 0;
};

class NullTextureSink final : public TextureSink {
 public:
  ImTextureID create(int, int) override {
    return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1));
  }
  void update_rows(ImTextureID, int, int, int, const std::uint8_t*) override { ++updates; }
  int updates = 0;
};

struct AtlasGlyph {
  ImVec2 uv0, uv1;
  int width = 0, height = 0, left = 0, top = 0;
};

class GlyphAtlas {
 public:
  GlyphAtlas(text::Engine& engine, TextureSink& sink, int size = 2048);

  // The glyph's place in the atlas, adding it if new. Nothing for glyphs with no ink.
  std::optional<AtlasGlyph> get(text::FontSlot font, std::uint32_t glyph, std::int32_t size26);
  // Uploads what changed; call once per frame before rendering.
  void flush();
  ImTextureID texture() const { return texture_; }
  std::size_t glyph_count() const { return glyphs_.size(); }

 private:
  void clear();

  text::Engine& engine_;
  TextureSink& sink_;
  int size_;
  ImTextureID texture_;
  std::vector<std::uint8_t> pixels_;  // RGBA
  // Key: font slot, glyph id and 26.6 size packed into 64 bits.
  std::unordered_map<std::uint64_t, std::optional<AtlasGlyph>> glyphs_;
  int shelf_x_ = 1, shelf_y_ = 1, shelf_h_ = 0;
  int dirty_y0_ = 0, dirty_y1_ = 0;
  bool full_ = false;
};

}  // namespace kiosk::ui

#include "ui/text/glyph_atlas.h"

#include <algorithm>

#include "kiosk/core/log.h"

namespace kiosk::ui {

GlyphAtlas::GlyphAtlas(text::Engine& engine, TextureSink& sink, int size)
    : engine_(engine),
      sink_(sink),
      size_(size),
      texture_(sink.create(size, size)),
      pixels_(static_cast<std::size_t>(size) * size * 4, 0) {
  for (std::size_t i = 0; i < pixels_.size(); i += 4)
    pixels_[i] = pixels_[i + 1] = pixels_[i + 2] = 255;
  dirty_y0_ = 0;
  dirty_y1_ = size_;
}

void GlyphAtlas::clear() {
  log::warn("ui", "glyph atlas full ({} glyphs): starting it again", glyphs_.size());
  glyphs_.clear();
  for (std::size_t i = 3; i < pixels_.size(); i += 4) pixels_[i] = 0;
  shelf_x_ = shelf_y_ = 1;
  shelf_h_ = 0;
  dirty_y0_ = 0;
  dirty_y1_ = size_;
  full_ = false;
}

std::optional<AtlasGlyph> GlyphAtlas::get(text::FontSlot font, std::uint32_t glyph,
                                          std::int32_t size26) {
  const std::uint64_t key = (static_cast<std::uint64_t>(font) << 56) |
                            (static_cast<std::uint64_t>(glyph & 0xFFFFFF) << 32) |
                            static_cast<std::uint32_t>(size26);
  if (auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;
  if (full_) return std::nullopt;  // until the next flush clears the atlas
  const text::GlyphBitmap& bm = engine_.glyph(font, glyph, size26, text::RasterMode::Grey);
  if (bm.width == 0 || bm.height == 0) return glyphs_[key] = std::nullopt;
  if (shelf_x_ + bm.width + 1 > size_) {  // next shelf
    shelf_y_ += shelf_h_ + 1;
    shelf_x_ = 1;
    shelf_h_ = 0;
  }
  if (shelf_y_ + bm.height + 1 > size_ || bm.width + 2 > size_) {
    full_ = true;
    return std::nullopt;
  }
  for (int y = 0; y < bm.height; ++y) {
    for (int x = 0; x < bm.width; ++x) {
      const std::size_t at = (static_cast<std::size_t>(shelf_y_ + y) * size_ + shelf_x_ + x) * 4;
      pixels_[at + 3] = bm.coverage[static_cast<std::size_t>(y) * bm.width + x];
    }
  }
  const float s = static_cast<float>(size_);
  AtlasGlyph placed{ImVec2(shelf_x_ / s, shelf_y_ / s),
                    ImVec2((shelf_x_ + bm.width) / s, (shelf_y_ + bm.height) / s),
                    bm.width,
                    bm.height,
                    bm.left,
                    bm.top};
  dirty_y0_ = dirty_y0_ == dirty_y1_ ? shelf_y_ : std::min(dirty_y0_, shelf_y_);
  dirty_y1_ = std::max(dirty_y1_, shelf_y_ + bm.height);
  shelf_x_ += bm.width + 1;
  shelf_h_ = std::max(shelf_h_, bm.height);
  return glyphs_[key] = placed;
}

void GlyphAtlas::flush() {
  if (full_) clear();
  if (dirty_y1_ > dirty_y0_) {
    sink_.update_rows(texture_, size_, dirty_y0_, dirty_y1_,
                      pixels_.data() + static_cast<std::size_t>(dirty_y0_) * size_ * 4);
  }
  dirty_y0_ = dirty_y1_ = 0;
}

}  // namespace kiosk::ui

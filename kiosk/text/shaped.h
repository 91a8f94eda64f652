// Results of the text engine: shaped runs and laid-out glyphs. Positions are 26.6 fixed
// point pixels (1/64 px), exactly as HarfBuzz gives them at a scale of px * 64.
#pragma once

#include <cstdint>
#include <vector>

#include "kiosk/text/runs.h"

namespace kiosk::text {

struct ShapedGlyph {
  std::uint32_t glyph = 0;    // glyph id in the run's font
  std::uint32_t cluster = 0;  // byte offset of the cluster in the text
  std::int32_t x_advance = 0;
  std::int32_t y_advance = 0;
  std::int32_t x_offset = 0;  // GPOS offsets (marks, matras); y up, as HarfBuzz
  std::int32_t y_offset = 0;
};

struct ShapedRun {
  FontSlot font = FontSlot::Latin;
  std::size_t begin = 0;  // bytes of the text this run covers
  std::size_t end = 0;
  std::vector<ShapedGlyph> glyphs;
};

enum class Align : std::uint8_t { Left, Center, Right };

struct PlacedGlyph {
  FontSlot font = FontSlot::Latin;
  std::uint32_t glyph = 0;
  std::int32_t x = 0;  // pen position + GPOS x offset, from the layout's left edge
  std::int32_t y = 0;  // baseline − GPOS y offset, from the layout's top edge (y down)
};

struct Line {
  std::size_t first_glyph = 0;
  std::size_t glyph_count = 0;
  std::int32_t width = 0;     // ink advance of the line, trailing spaces excluded
  std::int32_t baseline = 0;  // from the layout's top edge
};

struct Layout {
  std::int32_t size = 0;  // em size, 26.6 px
  std::vector<PlacedGlyph> glyphs;
  std::vector<Line> lines;
  std::int32_t width = 0;   // widest line
  std::int32_t height = 0;  // lines × line height
  std::int32_t ascent = 0;
  std::int32_t line_height = 0;

  float width_px() const { return width / 64.0f; }
  float height_px() const { return height / 64.0f; }
  float line_height_px() const { return line_height / 64.0f; }
};

}  // namespace kiosk::text

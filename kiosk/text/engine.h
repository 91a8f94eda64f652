// The text engine: shapes UTF-8 with HarfBuzz (run by run, Devanagari and Latin fonts),
// lays it out in lines, and rasterises glyphs with FreeType, 8-bit coverage for screens
// and 1-bit for 203 dpi receipt printers. No ImGui, no SDL.
//
//  [X] Runs split by script and font (runs.h); HarfBuzz "ot" font functions, script and
//      language set per run (deva/hi, latn/en), so output equals hb-shape's.
//  [X] Layout: breaks at spaces to a width, explicit newlines, left/centre/right, line
//      height from the fonts' ascender, descender and line gap.
//  [X] Caches: layouts by (text, size, width, align), glyph bitmaps by (font, glyph, size,
//      mode). A cached layout is returned as the same shared object: screens reshape
//      nothing per frame, and a label drawn on screen and rendered to PNG share it.
//  [X] Thread-safe: one mutex around FreeType/HarfBuzz state and the caches.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "kiosk/core/image.h"
#include "kiosk/core/result.h"
#include "kiosk/text/font.h"
#include "kiosk/text/shaped.h"

namespace kiosk::text {

struct FontFiles {
  std::filesystem::path latin;
  std::filesystem::path devanagari;
  // Material Icons (fonts-material-design-icons-iconfont). Empty: no pictograms (an icon
  // codepoint then shows the Latin font's missing-glyph box).
  std::filesystem::path icons = {};
};

struct TextStyle {
  float size_px = 24;      // em size in pixels (hb-view --font-size)
  float max_width_px = 0;  // 0: no wrapping
  Align align = Align::Left;
  bool operator<(const TextStyle& o) const {
    return std::tie(size_px, max_width_px, align) < std::tie(o.size_px, o.max_width_px, o.align);
  }
};

enum class RasterMode : std::uint8_t { Grey, Mono };

struct GlyphBitmap {
  int width = 0;
  int height = 0;
  int left = 0;                        // from the pen position to the bitmap's left edge, pixels
  int top = 0;                         // from the baseline up to the bitmap's top edge, pixels
  std::vector<std::uint8_t> coverage;  // width*height, 0..255 (Mono: 0 or 255)
};

// A 1-bit raster, MSB first, 1 = black: the layout ESC/POS `GS v 0` expects.
struct MonoBitmap {
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes per row = ceil(width / 8)
  std::vector<std::uint8_t> bits;
  bool black(int x, int y) const { return (bits[y * stride + x / 8] >> (7 - x % 8)) & 1; }
};

struct EngineStats {
  std::uint64_t shape_calls = 0;  // HarfBuzz runs shaped
  std::uint64_t layout_hits = 0;
  std::uint64_t layout_misses = 0;
  std::uint64_t glyphs_rendered = 0;  // FreeType rasterisations
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> create(const FontFiles& files);
  ~Engine();

  // Shaped runs of one paragraph (no wrapping): what hb-shape would print per run.
  std::vector<ShapedRun> shape(std::string_view utf8, float size_px);
  // Laid-out text; cached. Invalid UTF-8 is replaced before shaping (U+FFFD).
  std::shared_ptr<const Layout> layout(std::string_view utf8, const TextStyle& style);
  // A glyph's bitmap; cached. The reference stays valid for the engine's lifetime.
  const GlyphBitmap& glyph(FontSlot font, std::uint32_t glyph, std::int32_t size26,
                           RasterMode mode);

  // Black text on white, one channel, `margin` pixels around the layout box.
  Image render_grey(const Layout& layout, int margin = 0);
  // 1-bit raster `width_dots` wide (384 or 576 on 58/80 mm printers at 203 dpi).
  MonoBitmap render_mono(const Layout& layout, int width_dots);

  EngineStats stats() const;
  // Drops every cached layout, zeroing the texts they were keyed by: called when a
  // citizen's session is wiped, so their name and address do not stay shaped in memory.
  // Glyph bitmaps stay (they hold no text). Returns how many layouts went.
  std::size_t forget_layouts();
  std::size_t cached_layouts() const;
  const FontFiles& files() const { return files_; }
  // Whether `slot`'s font maps `cp` (its cmap); false for a font that is not loaded.
  bool has_codepoint(FontSlot slot, char32_t cp) const;

 private:
  Engine() = default;
  std::vector<ShapedRun> shape_locked(std::string_view utf8, std::int32_t size26);
  std::shared_ptr<const Layout> layout_locked(std::string_view utf8, const TextStyle& style);
  const GlyphBitmap& glyph_locked(FontSlot font, std::uint32_t glyph, std::int32_t size26,
                                  RasterMode mode);
  void vertical_metrics(std::int32_t size26, std::int32_t& ascent, std::int32_t& line_height);

  mutable std::mutex mutex_;
  FontFiles files_;
  FtLibrary library_;
  std::array<std::unique_ptr<Font>, kFontSlots> fonts_;

  // Looked up by string_view: a cache hit allocates nothing.
  struct LayoutKeyView {
    std::string_view text;
    TextStyle style;
  };
  struct LayoutKey {
    std::string text;
    TextStyle style;
    operator LayoutKeyView() const { return {text, style}; }
  };
  struct LayoutKeyLess {
    using is_transparent = void;
    bool operator()(const LayoutKeyView& a, const LayoutKeyView& b) const {
      return a.text != b.text ? a.text < b.text : a.style < b.style;
    }
  };
  std::map<LayoutKey, std::pair<std::shared_ptr<const Layout>, std::list<LayoutKey>::iterator>,
           LayoutKeyLess>
      layouts_;
  std::list<LayoutKey> layout_lru_;  // most recent first
  std::map<std::tuple<FontSlot, std::uint32_t, std::int32_t, RasterMode>, GlyphBitmap> glyphs_;
  EngineStats stats_;
};

}  // namespace kiosk::text

#include "kiosk/text/engine.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <string.h>  // explicit_bzero

#include <algorithm>
#include <cmath>

#include "kiosk/text/utf8.h"

namespace kiosk::text {
namespace {

constexpr std::size_t kMaxLayouts = 4096;  // LRU bound: a few catalogue screens' worth

// Replaces invalid UTF-8 with U+FFFD so that shaping never sees broken bytes.
std::string sanitised(std::string_view utf8) {
  if (decode_utf8(utf8)) return std::string(utf8);
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t len = 1;
    while (len <= 4 && i + len <= utf8.size() && !decode_utf8(utf8.substr(i, len))) ++len;
    if (len <= 4 && i + len <= utf8.size()) {
      out.append(utf8.substr(i, len));
      i += len;
    } else {
      append_utf8(out, 0xFFFD);
      ++i;
    }
  }
  return out;
}

hb_script_t script_of(FontSlot slot) {
  switch (slot) {
    case FontSlot::Devanagari:
      return HB_SCRIPT_DEVANAGARI;
    case FontSlot::Icons:
      return HB_SCRIPT_COMMON;
    case FontSlot::Latin:
      break;
  }
  return HB_SCRIPT_LATIN;
}
const char* language_of(FontSlot slot) {
  return slot == FontSlot::Devanagari ? "hi" : "en";
}

struct BufferDeleter {
  void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    out.push_back(text.substr(start, nl - start));
  }
  out.push_back(text.substr(start));
  return out;
}

// One shaped word (or space) of a paragraph, ready to be placed on a line.
struct Piece {
  std::vector<PlacedGlyph> glyphs;  // x relative to the piece's start, y relative to baseline
  std::int32_t advance = 0;
  bool space = false;
};

std::vector<Piece> pieces_of(std::string_view text, const std::vector<ShapedRun>& runs) {
  std::vector<Piece> pieces;
  for (const auto& run : runs) {
    for (const auto& g : run.glyphs) {
      const bool space = g.cluster < text.size() && text[g.cluster] == ' ';
      if (pieces.empty() || pieces.back().space != space || space) pieces.push_back({{}, 0, space});
      Piece& p = pieces.back();
      p.glyphs.push_back({run.font, g.glyph, p.advance + g.x_offset, -g.y_offset});
      p.advance += g.x_advance;
    }
  }
  return pieces;
}

// Greedy line filling at spaces; a word wider than the line gets a line of its own.
std::vector<std::vector<const Piece*>> fill_lines(const std::vector<Piece>& pieces,
                                                  std::int32_t max_width) {
  std::vector<std::vector<const Piece*>> lines(1);
  std::int32_t width = 0;
  for (const Piece& p : pieces) {
    if (!p.space && max_width > 0 && width + p.advance > max_width && width > 0) {
      while (!lines.back().empty() && lines.back().back()->space) lines.back().pop_back();
      lines.emplace_back();
      width = 0;
    }
    if (p.space && lines.back().empty() && lines.size() > 1) continue;  // no leading spaces
    lines.back().push_back(&p);
    width += p.advance;
  }
  return lines;
}

}  // namespace

Result<std::unique_ptr<Engine>> Engine::create(const FontFiles& files) {
  std::unique_ptr<Engine> engine(new Engine());
  engine->files_ = files;
  auto library = open_freetype();
  if (!library) return std::unexpected(library.error());
  engine->library_ = std::move(*library);
  auto latin = Font::open(engine->library_.get(), files.latin);
  if (!latin) return std::unexpected(latin.error());
  auto deva = Font::open(engine->library_.get(), files.devanagari);
  if (!deva) return std::unexpected(deva.error());
  engine->fonts_[0] = std::move(*latin);
  engine->fonts_[1] = std::move(*deva);
  if (!files.icons.empty()) {
    auto icons = Font::open(engine->library_.get(), files.icons);
    if (!icons) return std::unexpected(icons.error());
    engine->fonts_[2] = std::move(*icons);
  }
  return engine;
}

bool Engine::has_codepoint(FontSlot slot, char32_t cp) const {
  std::lock_guard lock(mutex_);
  const auto& font = fonts_[static_cast<int>(slot)];
  return font && font->has_codepoint(cp);
}

Engine::~Engine() {
  for (auto& font : fonts_) font.reset();  // faces before the library
}

std::vector<ShapedRun> Engine::shape(std::string_view utf8, float size_px) {
  std::lock_guard lock(mutex_);
  return shape_locked(sanitised(utf8), to_size26(size_px));
}

std::vector<ShapedRun> Engine::shape_locked(std::string_view text, std::int32_t size26) {
  const auto has_glyph = [](const void* ctx, FontSlot slot, char32_t cp) {
    const auto& font = static_cast<const Engine*>(ctx)->fonts_[static_cast<int>(slot)];
    return font && font->has_codepoint(cp);
  };
  std::vector<ShapedRun> out;
  std::unique_ptr<hb_buffer_t, BufferDeleter> buffer(hb_buffer_create());
  for (Run run : split_runs(text, has_glyph, this)) {
    if (!fonts_[static_cast<int>(run.font)]) run.font = FontSlot::Latin;  // no icon font
    hb_buffer_clear_contents(buffer.get());
    // Only the run's own text, as hb-shape gets it: results then match hb-shape exactly.
    hb_buffer_add_utf8(buffer.get(), text.data() + run.begin, static_cast<int>(run.end - run.begin),
                       0, -1);
    hb_buffer_set_direction(buffer.get(), HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer.get(), script_of(run.font));
    hb_buffer_set_language(buffer.get(), hb_language_from_string(language_of(run.font), -1));
    hb_shape(fonts_[static_cast<int>(run.font)]->hb_font_at(size26), buffer.get(), nullptr, 0);
    ++stats_.shape_calls;
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer.get(), &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer.get(), &count);
    ShapedRun shaped{run.font, run.begin, run.end, {}};
    for (unsigned i = 0; i < count; ++i) {
      shaped.glyphs.push_back(
          {info[i].codepoint, static_cast<std::uint32_t>(run.begin + info[i].cluster),
           pos[i].x_advance, pos[i].y_advance, pos[i].x_offset, pos[i].y_offset});
    }
    out.push_back(std::move(shaped));
  }
  return out;
}

void Engine::vertical_metrics(std::int32_t size26, std::int32_t& ascent,
                              std::int32_t& line_height) {
  std::int32_t asc = 0, desc = 0, gap = 0;
  // The text fonts set the line; an icon sits in its em box and never makes lines taller.
  for (int slot = 0; slot < kFontSlots; ++slot) {
    auto& font = fonts_[slot];
    if (!font || static_cast<FontSlot>(slot) == FontSlot::Icons) continue;
    hb_font_extents_t e{};
    hb_font_get_h_extents(font->hb_font_at(size26), &e);
    asc = std::max(asc, e.ascender);
    desc = std::max(desc, -e.descender);
    gap = std::max(gap, e.line_gap);
  }
  ascent = asc;
  line_height = asc + desc + gap;
}

std::shared_ptr<const Layout> Engine::layout(std::string_view utf8, const TextStyle& style) {
  std::lock_guard lock(mutex_);
  return layout_locked(utf8, style);
}

std::shared_ptr<const Layout> Engine::layout_locked(std::string_view utf8, const TextStyle& style) {
  if (auto it = layouts_.find(LayoutKeyView{utf8, style}); it != layouts_.end()) {
    ++stats_.layout_hits;
    layout_lru_.splice(layout_lru_.begin(), layout_lru_, it->second.second);
    return it->second.first;
  }
  ++stats_.layout_misses;
  const std::string text = sanitised(utf8);
  auto out = std::make_shared<Layout>();
  out->size = to_size26(style.size_px);
  vertical_metrics(out->size, out->ascent, out->line_height);
  const auto max_width = static_cast<std::int32_t>(std::lround(style.max_width_px * 64));
  for (std::string_view paragraph : split_lines(text)) {
    const auto runs = shape_locked(paragraph, out->size);
    const auto pieces = pieces_of(paragraph, runs);
    for (const auto& line_pieces : fill_lines(pieces, max_width)) {
      Line line{out->glyphs.size(), 0, 0,
                static_cast<std::int32_t>(out->lines.size()) * out->line_height + out->ascent};
      std::int32_t pen = 0, ink_end = 0;
      for (const Piece* p : line_pieces) {
        for (PlacedGlyph g : p->glyphs) {
          g.x += pen;
          g.y += line.baseline;
          out->glyphs.push_back(g);
        }
        pen += p->advance;
        if (!p->space) ink_end = pen;
      }
      line.glyph_count = out->glyphs.size() - line.first_glyph;
      line.width = ink_end;
      out->lines.push_back(line);
      out->width = std::max(out->width, line.width);
    }
  }
  out->height = static_cast<std::int32_t>(out->lines.size()) * out->line_height;
  // Alignment within the wrap width (or the widest line when not wrapping).
  const std::int32_t box = max_width > 0 ? std::max(max_width, out->width) : out->width;
  if (style.align != Align::Left) {
    for (const Line& line : out->lines) {
      const std::int32_t shift =
          style.align == Align::Center ? (box - line.width) / 2 : box - line.width;
      for (std::size_t i = 0; i < line.glyph_count; ++i)
        out->glyphs[line.first_glyph + i].x += shift;
    }
    out->width = box;
  }
  std::shared_ptr<const Layout> result = std::move(out);
  LayoutKey key{std::string(utf8), style};
  layout_lru_.push_front(key);
  layouts_.emplace(std::move(key), std::make_pair(result, layout_lru_.begin()));
  if (layouts_.size() > kMaxLayouts) {
    layouts_.erase(layout_lru_.back());
    layout_lru_.pop_back();
  }
  return result;
}

const GlyphBitmap& Engine::glyph(FontSlot font, std::uint32_t glyph, std::int32_t size26,
                                 RasterMode mode) {
  std::lock_guard lock(mutex_);
  return glyph_locked(font, glyph, size26, mode);
}

const GlyphBitmap& Engine::glyph_locked(FontSlot font, std::uint32_t glyph_id, std::int32_t size26,
                                        RasterMode mode) {
  const auto key = std::make_tuple(font, glyph_id, size26, mode);
  if (auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;
  GlyphBitmap bitmap;
  FT_Face face = fonts_[static_cast<int>(font)]->ft_face_at(size26);
  // Screens: light (vertical-only) hinting keeps glyph shapes and advances true to the
  // outlines HarfBuzz positioned; receipts: full mono hinting for crisp 1-bit stems.
  const FT_Int32 load = mode == RasterMode::Mono ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_LIGHT;
  if (FT_Load_Glyph(face, glyph_id, load) == 0 &&
      FT_Render_Glyph(face->glyph, mode == RasterMode::Mono ? FT_RENDER_MODE_MONO
                                                            : FT_RENDER_MODE_NORMAL) == 0) {
    const FT_Bitmap& bm = face->glyph->bitmap;
    bitmap.width = static_cast<int>(bm.width);
    bitmap.height = static_cast<int>(bm.rows);
    bitmap.left = face->glyph->bitmap_left;
    bitmap.top = face->glyph->bitmap_top;
    bitmap.coverage.resize(static_cast<std::size_t>(bitmap.width) * bitmap.height);
    for (int y = 0; y < bitmap.height; ++y) {
      const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
      for (int x = 0; x < bitmap.width; ++x) {
        const bool mono = bm.pixel_mode == FT_PIXEL_MODE_MONO;
        const std::uint8_t v = mono ? ((row[x / 8] >> (7 - x % 8)) & 1) * 255 : row[x];
        bitmap.coverage[static_cast<std::size_t>(y) * bitmap.width + x] = v;
      }
    }
    ++stats_.glyphs_rendered;
  }
  return glyphs_.emplace(key, std::move(bitmap)).first->second;
}

Image Engine::render_grey(const Layout& layout, int margin) {
  const int w = static_cast<int>(std::ceil(layout.width / 64.0)) + 2 * margin;
  const int h = static_cast<int>(std::ceil(layout.height / 64.0)) + 2 * margin;
  Image image{std::max(w, 1), std::max(h, 1), 1, {}};
  std::vector<int> ink(static_cast<std::size_t>(image.width) * image.height, 0);
  std::lock_guard lock(mutex_);
  for (const PlacedGlyph& g : layout.glyphs) {
    const GlyphBitmap& bm = glyph_locked(g.font, g.glyph, layout.size, RasterMode::Grey);
    const int x0 = margin + static_cast<int>(std::lround(g.x / 64.0)) + bm.left;
    const int y0 = margin + static_cast<int>(std::lround(g.y / 64.0)) - bm.top;
    for (int y = 0; y < bm.height; ++y) {
      for (int x = 0; x < bm.width; ++x) {
        const int px = x0 + x, py = y0 + y;
        if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
        int& cell = ink[static_cast<std::size_t>(py) * image.width + px];
        cell = std::min(255, cell + bm.coverage[static_cast<std::size_t>(y) * bm.width + x]);
      }
    }
  }
  image.pixels.resize(ink.size());
  std::transform(ink.begin(), ink.end(), image.pixels.begin(),
                 [](int v) { return static_cast<std::uint8_t>(255 - v); });
  return image;
}

MonoBitmap Engine::render_mono(const Layout& layout, int width_dots) {
  MonoBitmap out;
  out.width = width_dots;
  out.height = std::max(1, static_cast<int>(std::ceil(layout.height / 64.0)));
  out.stride = (width_dots + 7) / 8;
  out.bits.assign(static_cast<std::size_t>(out.stride) * out.height, 0);
  std::lock_guard lock(mutex_);
  for (const PlacedGlyph& g : layout.glyphs) {
    const GlyphBitmap& bm = glyph_locked(g.font, g.glyph, layout.size, RasterMode::Mono);
    const int x0 = static_cast<int>(std::lround(g.x / 64.0)) + bm.left;
    const int y0 = static_cast<int>(std::lround(g.y / 64.0)) - bm.top;
    for (int y = 0; y < bm.height; ++y) {
      for (int x = 0; x < bm.width; ++x) {
        const int px = x0 + x, py = y0 + y;
        if (px < 0 || py < 0 || px >= out.width || py >= out.height) continue;
        if (bm.coverage[static_cast<std::size_t>(y) * bm.width + x] >= 128) {
          out.bits[static_cast<std::size_t>(py) * out.stride + px / 8] |= 0x80 >> (px % 8);
        }
      }
    }
  }
  return out;
}

std::size_t Engine::forget_layouts() {
  std::lock_guard lock(mutex_);
  const std::size_t forgotten = layouts_.size();
  for (auto& key : layout_lru_) explicit_bzero(key.text.data(), key.text.size());
  // The map's keys are separate copies of the same texts.
  for (auto& [key, value] : layouts_) {
    explicit_bzero(const_cast<char*>(key.text.data()), key.text.size());
  }
  layouts_.clear();
  layout_lru_.clear();
  return forgotten;
}

std::size_t Engine::cached_layouts() const {
  std::lock_guard lock(mutex_);
  return layouts_.size();
}

EngineStats Engine::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace kiosk::text

#include <catch2/catch.hpp>

#include "kiosk/text/engine.h"

using namespace kiosk::text;

namespace {

std::unique_ptr<Engine> engine() {
  auto e = Engine::create({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                           "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"});
  REQUIRE(e);
  return std::move(*e);
}

}  // namespace

TEST_CASE("A layout without a width is one line as wide as its advances", "[text][layout]") {
  auto e = engine();
  const auto l = e->layout("आय प्रमाण पत्र", {32, 0, Align::Left});
  REQUIRE(l->lines.size() == 1);
  std::int32_t advances = 0;
  for (const auto& run : e->shape("आय प्रमाण पत्र", 32)) {
    for (const auto& g : run.glyphs) advances += g.x_advance;
  }
  CHECK(l->width == advances);
  CHECK(l->height == l->line_height);
  CHECK(l->lines[0].baseline == l->ascent);
}

TEST_CASE("Text wraps at spaces to the given width and never mid-word", "[text][layout][wrap]") {
  auto e = engine();
  const std::string text = "कृपया अपना आधार नंबर दर्ज करें";
  const auto one = e->layout(text, {32, 0, Align::Left});
  const float width = one->width_px() * 0.45f;
  const auto wrapped = e->layout(text, {32, width, Align::Left});
  CHECK(wrapped->lines.size() >= 3);
  for (const auto& line : wrapped->lines)
    CHECK(line.width <= static_cast<std::int32_t>(width * 64));
  CHECK(wrapped->height == static_cast<std::int32_t>(wrapped->lines.size()) * wrapped->line_height);
  std::size_t glyphs = 0;
  for (const auto& line : wrapped->lines) glyphs += line.glyph_count;
  CHECK(glyphs == wrapped->glyphs.size());
  // The space at each line break is dropped; every other glyph is kept.
  CHECK(glyphs + wrapped->lines.size() - 1 == one->glyphs.size());
}

TEST_CASE("A word wider than the width gets a line of its own", "[text][layout][wrap]") {
  auto e = engine();
  const auto l = e->layout("क्षत्रिय प्रमाणपत्र", {48, 10, Align::Left});
  CHECK(l->lines.size() == 2);
  CHECK(l->lines[0].width > 10 * 64);
}

TEST_CASE("Explicit newlines start new lines", "[text][layout]") {
  auto e = engine();
  const auto l = e->layout("Fee\nशुल्क\n₹30", {24, 0, Align::Left});
  CHECK(l->lines.size() == 3);
  CHECK(l->lines[2].baseline == 2 * l->line_height + l->ascent);
}

TEST_CASE("Centre and right alignment shift each line within the box", "[text][layout][align]") {
  auto e = engine();
  const auto left = e->layout("सेवा", {32, 400, Align::Left});
  const auto centre = e->layout("सेवा", {32, 400, Align::Center});
  const auto right = e->layout("सेवा", {32, 400, Align::Right});
  const std::int32_t ink = left->lines[0].width;
  CHECK(centre->glyphs[0].x - left->glyphs[0].x == (400 * 64 - ink) / 2);
  CHECK(right->glyphs[0].x - left->glyphs[0].x == 400 * 64 - ink);
  CHECK(centre->width == 400 * 64);
}

TEST_CASE("Layouts are cached: the same request returns the same object without reshaping",
          "[text][layout][cache]") {
  auto e = engine();
  const auto first = e->layout("जाति प्रमाण पत्र", {32, 0, Align::Left});
  const auto shaped = e->stats().shape_calls;
  for (int i = 0; i < 100; ++i) {
    CHECK(e->layout("जाति प्रमाण पत्र", {32, 0, Align::Left}) == first);
  }
  CHECK(e->stats().shape_calls == shaped);
  CHECK(e->stats().layout_hits == 100);
  CHECK(e->layout("जाति प्रमाण पत्र", {40, 0, Align::Left}) != first);  // another size
}

TEST_CASE("Invalid UTF-8 is shaped as replacement characters, not crashed on",
          "[text][layout][bad-input]") {
  auto e = engine();
  const auto l = e->layout(std::string("ab\xFF\xC0", 4) + "कि", {24, 0, Align::Left});
  CHECK(l->glyphs.size() >= 4);
  CHECK(e->layout("", {24, 0, Align::Left})->glyphs.empty());
}

TEST_CASE("Receipt text renders to a 1-bit raster at printer width, MSB first",
          "[text][raster][mono]") {
  auto e = engine();
  const auto l = e->layout("रसीद ₹30", {24, 384, Align::Left});  // 24 px ≈ 3 mm at 203 dpi
  const auto bits = e->render_mono(*l, 384);
  CHECK(bits.width == 384);
  CHECK(bits.stride == 48);
  CHECK(bits.height == (l->height + 63) / 64);
  int black = 0, leftmost = bits.width;
  for (int y = 0; y < bits.height; ++y) {
    for (int x = 0; x < bits.width; ++x) {
      if (bits.black(x, y)) {
        ++black;
        leftmost = std::min(leftmost, x);
      }
    }
  }
  CHECK(black > 100);
  CHECK(leftmost < 8);  // text starts at the left edge: the first byte's high bits
  const auto wide = e->render_mono(*l, 576);
  CHECK(wide.stride == 72);
}

TEST_CASE("Greyscale rendering is black ink on white", "[text][raster][grey]") {
  auto e = engine();
  const auto l = e->layout("हिन्दी", {32, 0, Align::Left});
  const auto img = e->render_grey(*l, 4);
  CHECK(img.channels == 1);
  CHECK(img.pixels[0] == 255);                                          // margin is white
  CHECK(*std::min_element(img.pixels.begin(), img.pixels.end()) == 0);  // solid ink somewhere
}

TEST_CASE("Forgetting layouts drops every cached text and shapes it again on demand",
          "[text][layout][privacy]") {
  auto engine = ::engine();
  const TextStyle style{24, 0, Align::Left};
  const auto first = engine->layout("सीता देवी", style);
  (void)engine->layout("Sita Devi", style);
  CHECK(engine->cached_layouts() == 2);
  CHECK(engine->forget_layouts() == 2);
  CHECK(engine->cached_layouts() == 0);
  const auto again = engine->layout("सीता देवी", style);
  CHECK(again != first);  // shaped anew, not served from the cache
  CHECK(again->glyphs.size() == first->glyphs.size());
}

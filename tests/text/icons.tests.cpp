// Pictograms through the text engine: Material Icons by codepoint (U+E000–U+F8FF), names
// looked up in the icon font package's own map, and text lines that icons never change.
#include <catch2/catch.hpp>

#include "kiosk/text/engine.h"
#include "kiosk/text/icon_names.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::text;

namespace {

std::unique_ptr<Engine> engine(bool with_icons) {
  auto e = Engine::create(
      {testing::kLatinFont, testing::kDevanagariFont, with_icons ? testing::kIconFont : ""});
  REQUIRE(e);
  return std::move(*e);
}

}  // namespace

TEST_CASE("The icon map of the font package names the icons the screens use", "[text][icons]") {
  auto names = IconNames::load(testing::kIconNames);
  REQUIRE(names);
  CHECK(names->size() > 2000);
  CHECK(names->find("home") == char32_t{0xE88A});
  CHECK(names->find("print") == char32_t{0xE8AD});
  CHECK(names->find("fingerprint") == char32_t{0xE90D});
  CHECK(names->find("qr_code_scanner") == char32_t{0xF206});
  CHECK_FALSE(names->find("no_such_icon"));
  CHECK(icon_text(0xE88A) == "\uE88A");
}

TEST_CASE("Lines that are not an icon entry, or name a codepoint outside the icons, are skipped",
          "[text][icons]") {
  const auto names = IconNames::parse(
      "$material-icons-codepoints: map-merge((\n"
      "\t\"home\": e88a,\n"
      "\t\"latin_a\": 41,\n"        // not an icon codepoint
      "\t\"Upper\": e000,\n"        // names are lower case
      "\t\"spaced name\": e001,\n"  // and have no spaces
      "\t\"beyond\": 10ffff,\n"     // past the icon range
      "\t\"garbled\": e8zz,\n"
      "\t\"print\": e8ad\n");  // the last line has no comma
  CHECK(names.size() == 2);
  CHECK(names.find("home") == char32_t{0xE88A});
  CHECK(names.find("print") == char32_t{0xE8AD});
  CHECK_FALSE(names.find("latin_a"));
  CHECK_FALSE(IconNames::load("/nonexistent/_variables.scss"));
}

TEST_CASE("An icon codepoint is shaped with the icon font and drawn as ink",
          "[text][icons][shaping]") {
  auto e = engine(true);
  CHECK(e->has_codepoint(FontSlot::Icons, 0xE88A));
  const auto runs = e->shape("\uE88A Home", 48);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].font == FontSlot::Icons);
  CHECK(runs[1].font == FontSlot::Latin);  // the space after it goes back to the text
  REQUIRE(runs[0].glyphs.size() == 1);
  CHECK(runs[0].glyphs[0].glyph != 0);  // not the missing-glyph box
  const auto layout = e->layout("\uE88A", {48, 0, Align::Left});
  const auto image = e->render_grey(*layout);
  int ink = 0;
  for (auto v : image.pixels) ink += v < 128;
  CHECK(ink > 200);  // a house, not an empty box
}

TEST_CASE("The icon font never makes a line of text taller, and without it icons fall back",
          "[text][icons][layout]") {
  auto with = engine(true);
  auto without = engine(false);
  for (const char* text : {"Apply आवेदन", "\uE88A Home"}) {
    INFO(text);
    CHECK(with->layout(text, {40, 0, Align::Left})->line_height ==
          without->layout(text, {40, 0, Align::Left})->line_height);
  }
  CHECK_FALSE(without->has_codepoint(FontSlot::Icons, 0xE88A));
  const auto runs = without->shape("\uE88A", 40);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].font == FontSlot::Latin);  // the missing-glyph box, never a crash
}

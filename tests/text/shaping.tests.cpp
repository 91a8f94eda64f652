// The engine's shaping equals HarfBuzz's own command line, run by run: same glyph ids,
// advances and GPOS offsets. hb-shape runs at --font-size=px*64, the 26.6 scale the engine
// and hb-view shape at, so positions compare exactly.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/text/engine.h"
#include "tests/support/process.h"
#include "tests/text/tricky_strings.h"

using namespace kiosk::text;
using kiosk::testing::run_process;

namespace {

const FontFiles kFonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                       "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"};

nlohmann::json hb_shape(const ShapedRun& run, std::string_view text, float px) {
  const bool deva = run.font == FontSlot::Devanagari;
  const auto r = run_process({"hb-shape", "--output-format=json", "--no-glyph-names",
                              "--utf8-clusters", "--font-size=" + std::to_string(to_size26(px)),
                              deva ? "--script=deva" : "--script=latn",
                              deva ? "--language=hi" : "--language=en",
                              deva ? kFonts.devanagari.string() : kFonts.latin.string(),
                              std::string(text.substr(run.begin, run.end - run.begin))});
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("Shaped runs equal hb-shape's glyphs, advances and offsets for tricky strings",
          "[text][shaping][hb-shape]") {
  auto engine = Engine::create(kFonts);
  REQUIRE(engine);
  for (float px : {24.0f, 48.0f}) {
    for (const auto& tricky : kiosk::testing::kTrickyStrings) {
      INFO(tricky.text << " (" << tricky.why << ") at " << px << " px");
      const auto runs = (*engine)->shape(tricky.text, px);
      REQUIRE_FALSE(runs.empty());
      for (const auto& run : runs) {
        const auto expected = hb_shape(run, tricky.text, px);
        REQUIRE(run.glyphs.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
          INFO("glyph " << i);
          CHECK(run.glyphs[i].glyph == expected[i]["g"].get<std::uint32_t>());
          CHECK(run.glyphs[i].x_advance == expected[i]["ax"].get<int>());
          CHECK(run.glyphs[i].x_offset == expected[i]["dx"].get<int>());
          CHECK(run.glyphs[i].y_offset == expected[i]["dy"].get<int>());
          CHECK(run.glyphs[i].cluster - run.begin == expected[i]["cl"].get<std::uint32_t>());
        }
      }
    }
  }
}

TEST_CASE("Hindi is reordered, not drawn one glyph per codepoint", "[text][shaping]") {
  auto engine = Engine::create(kFonts);
  REQUIRE(engine);
  const auto runs = (*engine)->shape("कि", 32);
  REQUIRE(runs.size() == 1);
  REQUIRE(runs[0].glyphs.size() == 2);
  // The i-matra (U+093F, byte 3) belongs to the cluster of क and is drawn first.
  CHECK(runs[0].glyphs[0].cluster == 0);
  CHECK(runs[0].glyphs[1].cluster == 0);
  const auto conjunct = (*engine)->shape("क्ष", 32);
  REQUIRE(conjunct.size() == 1);
  CHECK(conjunct[0].glyphs.size() == 1);  // one conjunct glyph, no visible halant
}

TEST_CASE("Runs split by script: Devanagari font for Hindi, Latin font for Latin, digits and ₹",
          "[text][runs]") {
  auto engine = Engine::create(kFonts);
  REQUIRE(engine);
  const std::string text = "आय ₹30 Fee १२";
  const auto runs = (*engine)->shape(text, 24);
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].font == FontSlot::Devanagari);
  CHECK(text.substr(runs[0].begin, runs[0].end - runs[0].begin) == "आय ");
  CHECK(runs[1].font == FontSlot::Latin);
  CHECK(text.substr(runs[1].begin, runs[1].end - runs[1].begin) == "₹30 Fee ");
  CHECK(runs[2].font == FontSlot::Devanagari);
  CHECK(text.substr(runs[2].begin, runs[2].end - runs[2].begin) == "१२");
}

TEST_CASE("ZWJ and ZWNJ stay inside their Devanagari run", "[text][runs]") {
  auto engine = Engine::create(kFonts);
  REQUIRE(engine);
  CHECK((*engine)->shape("क्\u200Dष", 24).size() == 1);
  CHECK((*engine)->shape("क्\u200Cष", 24).size() == 1);
}

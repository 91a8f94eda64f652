#include <catch2/catch.hpp>
#include <regex>

#include "kiosk/core/log.h"
#include "kiosk/forms/masks.h"
#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/catalogues.h"
#include "tests/support/ui_harness.h"
#include "ui/keyboards/keyboard.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

void open_details(UiHarness& h, const char* language) {
  h.tap(std::string("welcome.language.") + language);
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  REQUIRE(h.snapshot().screen == Screen::Details);
}

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(std::string("kb.k.") + c);
}

std::string field(const UiHarness& h, const char* id) {
  auto it = h.snapshot().fields.find(id);
  return it == h.snapshot().fields.end() ? "" : it->second;
}

// A valid Aadhaar-format number: 11 digits and their Verhoeff check digit.
std::string valid_aadhaar() {
  const std::string body = "23456789012";
  return body + qr::verhoeff_check_digit(body);
}

}  // namespace

TEST_CASE("Tapping a field opens its keyboard, and Hindi is typed on InScript",
          "[ui][keyboard][inscript][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "hi");
  CHECK_FALSE(h.has("kb.k.u"));
  h.tap("details.name");
  REQUIRE(h.snapshot().focused_field == "name");
  REQUIRE(h.has("kb.k.u"));
  h.tap("keyboard.layout.inscript");
  type(h, "ufxor");                                             // IS 13194: u f x o r
  CHECK(field(h, "name") == "\u0939\u093F\u0902\u0926\u0940");  // हिंदी
  h.tap("kb.k.backspace");
  CHECK(field(h, "name") == "\u0939\u093F\u0902\u0926");  // one codepoint gone
  // Typed Hindi is laid out shaped: the i-matra glyph is placed before ह.
  const auto layout =
      h.engine().layout(field(h, "name"), {h.metrics().body_font_px, 0, text::Align::Left});
  const auto ha = h.engine().layout("ह", {h.metrics().body_font_px, 0, text::Align::Left});
  REQUIRE(layout->glyphs.size() >= 2);
  CHECK(layout->glyphs[0].glyph != ha->glyphs[0].glyph);  // the i-matra comes first, not ह
  CHECK(layout->glyphs[1].glyph == ha->glyphs[0].glyph);
  h.tap("kb.k.done");
  CHECK(h.snapshot().focused_field.empty());
}

TEST_CASE("A Hindi session types a name by sound, shaped as it is typed",
          "[ui][keyboard][phonetic][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "hi");
  h.tap("details.name");
  CHECK(h.ui().prompt_key() == "prompt.typing");
  type(h, "ramesh");
  CHECK(field(h, "name") == "रमेश");
  h.tap("kb.k.space");
  type(h, "kumaa");
  CHECK(field(h, "name") == "रमेश कुमा");
  h.tap("kb.k.r");
  CHECK(field(h, "name") == "रमेश कुमार");  // the live preview: the pending र committed
  h.tap("kb.k.backspace");                // one typed letter back: "kumaa"
  CHECK(field(h, "name") == "रमेश कुमा");
  h.tap("kb.k.backspace");
  CHECK(field(h, "name") == "रमेश कुम");
  h.tap("kb.k.done");
  CHECK(h.snapshot().focused_field.empty());
  CHECK(h.snapshot().field_errors.empty());
}

TEST_CASE("The keyboard switch lists Hindi phonetic, Hindi InScript and English",
          "[ui][keyboard][qwerty][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "hi");
  h.tap("details.name");
  REQUIRE(h.has("keyboard.layout.phonetic"));
  REQUIRE(h.has("keyboard.layout.inscript"));
  REQUIRE(h.has("keyboard.layout.english"));
  // In a row, in that order, and the first is the one in use in a Hindi session.
  CHECK(h.rect("keyboard.layout.phonetic").min.x < h.rect("keyboard.layout.inscript").min.x);
  CHECK(h.rect("keyboard.layout.inscript").min.x < h.rect("keyboard.layout.english").min.x);
  // itrans spells long vowels with capitals: shift is one-shot, as on QWERTY.
  for (const char* key : {"s", "shift", "i", "t", "shift", "a"}) h.tap(std::string("kb.k.") + key);
  CHECK(field(h, "name") == "सीता");
  h.tap("kb.k.space");
  h.tap("keyboard.layout.english");
  h.tap("kb.k.shift");
  type(h, "ram");
  CHECK(field(h, "name") == "सीता Ram");  // one-shot shift on QWERTY
  h.tap("kb.k.done");
  h.tap("details.mobile");  // numbers: one keyboard, no switch
  CHECK_FALSE(h.has("keyboard.layout.english"));
}

TEST_CASE("Without an input method the switch offers InScript and English",
          "[ui][keyboard][screen]") {
  UiHarness h({.display = ImVec2(1366, 768),
               .catalogue = testing::applicant_catalogue(),
               .phonetic = false});
  open_details(h, "hi");
  h.tap("details.name");
  CHECK_FALSE(h.has("keyboard.layout.phonetic"));
  CHECK(h.has("keyboard.layout.inscript"));
  type(h, "ufxor");
  CHECK(field(h, "name") == "हिंदी");  // InScript is the Hindi default then
}

TEST_CASE("The mobile pad has no letters and refuses a first digit below 6",
          "[ui][keyboard][numeric][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "en");
  h.tap("details.mobile");
  CHECK_FALSE(h.has("kb.k.a"));
  CHECK(h.has("kb.k.0"));
  type(h, "5");
  CHECK(field(h, "mobile").empty());
  type(h, "98765432109");  // 11 digits: the 11th is refused
  CHECK(field(h, "mobile") == "9876543210");
}

TEST_CASE("Aadhaar is typed masked and never logged in full",
          "[ui][keyboard][aadhaar][privacy][screen]") {
  std::vector<std::string> lines;
  log::set_level(log::Level::Debug);
  log::set_sink([&](log::Level, std::string_view line) { lines.emplace_back(line); });
  {
    UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
    open_details(h, "en");
    h.tap("details.name");
    type(h, "asha");
    h.tap("kb.k.done");
    h.tap("details.mobile");
    type(h, "9876543210");
    h.tap("kb.k.done");
    h.tap("details.aadhaar");
    const std::string aadhaar = valid_aadhaar();
    h.clear_posted();
    type(h, aadhaar);
    // The snapshot holds the mask only; the screen sent the keys one by one and never the
    // number, which the core keeps in locked memory.
    CHECK(field(h, "aadhaar") == "XXXX XXXX " + aadhaar.substr(8));
    CHECK(count_posted<app::TypeSecret>(h) == 12);
    CHECK(count_posted<app::SetField>(h) == 0);
    h.tap("kb.k.backspace");  // the last digit taken back, in the core
    CHECK(field(h, "aadhaar") == "XXXX XXX" + aadhaar.substr(7, 1) + " " + aadhaar.substr(8, 3));
    type(h, aadhaar.substr(11));
    CHECK(field(h, "aadhaar") == "XXXX XXXX " + aadhaar.substr(8));
    h.tap("kb.k.done");
    h.tap("details.continue");
    CHECK(h.snapshot().screen == Screen::Review);
    h.tap("nav.start_over");
    CHECK(h.snapshot().fields.empty());  // wiped with the session
  }
  log::set_sink(nullptr);
  log::set_level(log::Level::Info);
  for (const auto& line : lines) CHECK_FALSE(std::regex_search(line, std::regex("[0-9]{12}")));
}

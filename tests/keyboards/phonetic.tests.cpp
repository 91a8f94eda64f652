// Phonetic Hindi typing through the real libm17n and m17n-db's hi-itrans: Latin letters in,
// Devanagari out, as a citizen who learnt Hindi typing on a phone types it.
#include <catch2/catch.hpp>

#include "kiosk/forms/field.h"
#include "kiosk/text/input_method.h"
#include "ui/keyboards/keyboard.h"

using namespace kiosk;
using namespace kiosk::ui::keyboards;

namespace {

const text::M17nInputMethod& itrans() {
  static const auto im = [] {
    auto opened = text::M17nInputMethod::open("hi", "itrans");
    REQUIRE(opened);
    return std::move(*opened);
  }();
  return *im;
}

// Types `keys` on the phonetic keyboard as a finger would: shift before a capital, the
// space bar for ' '.
std::string type_on(KeyboardModel& model, std::string value, std::string_view keys) {
  for (char c : keys) {
    INFO("key " << c);
    if (c == ' ') {
      REQUIRE(model.press(value, "k.space"));
      continue;
    }
    if (c >= 'A' && c <= 'Z') REQUIRE(model.press(value, "k.shift"));
    const std::string lower(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    const std::string id = c == '.'   ? "k.period"
                           : c == '~' ? "k.tilde"
                           : c == '^' ? "k.caret"
                                      : "k." + lower;
    REQUIRE(model.press(value, id));
  }
  return value;
}

KeyboardModel phonetic_name_keyboard() {
  return KeyboardModel(forms::FieldSpec{.id = "name", .kind = forms::FieldKind::Name},
                       Layout::Phonetic, &itrans());
}

}  // namespace

TEST_CASE("hi-itrans turns typed Latin letters into Devanagari", "[keyboard][phonetic][m17n]") {
  // Hand-written pairs: names, villages and towns, conjuncts, nuktas and a chandrabindu.
  const std::pair<const char*, const char*> pairs[] = {
      {"ramesh kumaar", "रमेश कुमार"},  // the issue's own example
      {"sItaa", "सीता"},              // capitals are long vowels
      {"mohan", "मोहन"},
      {"raayapur", "रायपुर"},  // a town
      {"jagadalapur", "जगदलपुर"},
      {"prayaagaraaj", "प्रयागराज"},  // conjunct with r: प्र
      {"lakShmii", "लक्ष्मी"},         // क्ष and a three-consonant cluster
      {"kShetra", "क्षेत्र"},
      {"j~naana", "ज्ञान"},  // ज्ञ
      {"kR^iShNa", "कृष्ण"},  // vocalic r
      {"dillii", "दिल्ली"},  // a doubled consonant
      {"gaa.Nv", "गाँव"},    // chandrabindu: village
      {"maa.N", "माँ"},
      {"qilaa", "क़िला"},    // nukta
      {"fal", "फ़ल"},        // nukta
      {"pa.nDit", "पंडित"},  // anusvara and retroflex D
  };
  for (const auto& [keys, devanagari] : pairs) {
    INFO(keys);
    CHECK(itrans().transliterate(keys) == devanagari);
    KeyboardModel model = phonetic_name_keyboard();
    CHECK(type_on(model, "", keys) == devanagari);  // the same, key by key on the keyboard
  }
}

TEST_CASE("Backspace takes back one typed letter, not a whole conjunct",
          "[keyboard][phonetic][m17n]") {
  KeyboardModel model = phonetic_name_keyboard();
  std::string value = type_on(model, "", "lakShmii");
  REQUIRE(value == "लक्ष्मी");
  REQUIRE(model.press(value, "k.backspace"));
  CHECK(value == "लक्ष्मि");  // "lakShmi": the long ī became a short i
  CHECK(model.phonetic_keys() == "lakShmi");
  REQUIRE(model.press(value, "k.backspace"));
  CHECK(value == "लक्ष्म");  // "lakShm": the vowel gone, the conjunct kept
  REQUIRE(model.press(value, "k.backspace"));
  CHECK(model.phonetic_keys() == "lakSh");
  CHECK(value == "लक्ष");
}

TEST_CASE("Space ends a word, and backspace then removes one codepoint of it",
          "[keyboard][phonetic][m17n]") {
  KeyboardModel model = phonetic_name_keyboard();
  std::string value = type_on(model, "", "ram ");
  CHECK(value == "रम ");
  CHECK(model.phonetic_keys().empty());
  REQUIRE(model.press(value, "k.backspace"));  // the space
  REQUIRE(model.press(value, "k.backspace"));  // no word in progress: one codepoint, म
  CHECK(value == "र");
  value = type_on(model, value, "aa");  // typing goes on from what is there
  CHECK(value == "रआ");
}

TEST_CASE("A value changed elsewhere starts a new phonetic word", "[keyboard][phonetic][m17n]") {
  KeyboardModel model = phonetic_name_keyboard();
  std::string value = type_on(model, "", "sI");
  value = "सीता";  // e.g. typed on InScript, or a refused review reopened the field
  value = type_on(model, value, " devii");
  CHECK(value == "सीता देवी");
}

TEST_CASE("The field's rule still applies to what the phonetic keyboard makes",
          "[keyboard][phonetic][m17n]") {
  KeyboardModel model = phonetic_name_keyboard();
  std::string value = type_on(model, "", "raam");
  CHECK_FALSE(model.press(value, "k.1"));  // itrans types १: a name has no digits
  CHECK(value == "राम");
  CHECK_FALSE(model.refused_value().empty());
  CHECK(model.phonetic_keys() == "raam");  // the refused key is not part of the word
}

TEST_CASE("An input method m17n-db lacks is an error, not a crash", "[keyboard][phonetic][m17n]") {
  auto missing = text::M17nInputMethod::open("hi", "no-such-method");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::NotFound);
}

TEST_CASE("A nukta letter typed by sound is the same text as typed on InScript",
          "[keyboard][phonetic][m17n][nukta]") {
  // hi-itrans makes the precomposed क़ (U+0958); the kiosk keeps NFC, क + ़, as InScript types.
  CHECK(itrans().transliterate("q") == "\u0915\u093C");
  CHECK(itrans().transliterate("q") == inscript_type("k]"));
  CHECK(itrans().transliterate("za") == inscript_type("p]"));  // ज़
}

// On-screen keyboard models: InScript against xkeyboard-config "deva" by exact codepoints,
// the rows a widget draws, and keys under the field rules of kiosk/forms.
//
// [X] InScript sequences: हिंदी, क्र, का, अ, ZWJ/ZWNJ, nukta, Devanagari digits
// [X] Rows: non-empty labels, unique ids stable across shift, QWERTY a–z and capitals
// [X] Field rules: numeric kinds refuse letters, length limits, Mobile's first digit
// [X] Backspace by codepoint in Hindi
// [X] Verhoeff known vectors and error-detection properties (kiosk/qr, as the keys use it)
#include "ui/keyboards/keyboard.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <set>

#include "kiosk/forms/rules.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/text/utf8.h"

using namespace kiosk::ui::keyboards;
using kiosk::forms::field_of_kind;
using kiosk::qr::aadhaar_number_valid;
using kiosk::qr::verhoeff_check_digit;
using kiosk::qr::verhoeff_valid;

namespace {

// Codepoints as integers, so a failure prints numbers rather than "{?}".
std::vector<std::uint32_t> cps(std::string_view utf8) {
  const auto decoded = kiosk::text::decode_utf8(utf8);
  REQUIRE(decoded);
  return {decoded->begin(), decoded->end()};
}

std::vector<Key> all_keys(Layout layout, bool shift) {
  std::vector<Key> keys;
  for (const auto& row : rows(layout, shift)) keys.insert(keys.end(), row.begin(), row.end());
  return keys;
}

const Key& find_key(const std::vector<Key>& keys, std::string_view id) {
  for (const auto& key : keys) {
    if (key.id == id) return key;
  }
  FAIL("no key " << id);
  return keys.front();
}

// Presses keys by id; every press must be accepted.
std::string type_ids(KeyboardModel& model, std::initializer_list<std::string_view> ids) {
  std::string value;
  for (auto id : ids) {
    INFO("key " << id);
    REQUIRE(model.press(value, id));
  }
  return value;
}

std::string type_digits(FieldKind kind, std::string_view digits) {
  KeyboardModel model(kind);
  std::string value;
  for (char d : digits) REQUIRE(model.press(value, std::string("k.") + d));
  return value;
}

constexpr FieldKind kNumericKinds[] = {FieldKind::Aadhaar, FieldKind::Mobile, FieldKind::PinCode};
constexpr Layout kLayouts[] = {Layout::Qwerty, Layout::Numeric, Layout::Inscript};

}  // namespace

TEST_CASE("InScript types हिंदी from u f x o r", "[keyboard][inscript]") {
  CHECK(cps(inscript_type("ufxor")) ==
        std::vector<std::uint32_t>{0x0939, 0x093F, 0x0902, 0x0926, 0x0940});
  CHECK(inscript_type("ufxor") == "हिंदी");
}

TEST_CASE("InScript types conjuncts, matras and independent vowels by xkb deva",
          "[keyboard][inscript]") {
  CHECK(cps(inscript_type("kdj")) == std::vector<std::uint32_t>{0x0915, 0x094D, 0x0930});  // क्र
  CHECK(cps(inscript_type("ke")) == std::vector<std::uint32_t>{0x0915, 0x093E});           // का
  CHECK(cps(inscript_type("D")) == std::vector<std::uint32_t>{0x0905});                    // अ
  CHECK(cps(inscript_type("E")) == std::vector<std::uint32_t>{0x0906});                    // आ
  CHECK(cps(inscript_type("k;")) == std::vector<std::uint32_t>{0x0915, 0x091A});           // कच
  CHECK(cps(inscript_type(">")) == std::vector<std::uint32_t>{0x0964});                    // ।
  CHECK(cps(inscript_type("12309")) ==
        std::vector<std::uint32_t>{0x0967, 0x0968, 0x0969, 0x0966, 0x096F});  // १२३०९
  CHECK(inscript_type("ke ke") == "का का");  // space has no InScript key: copied
}

TEST_CASE("InScript ZWJ asks for a half form and ZWNJ for a visible halant",
          "[keyboard][inscript]") {
  // क्‍ष: क, halant, ZWJ, ष (Shift+comma)
  CHECK(cps(inscript_type("kd<zwj><")) ==
        std::vector<std::uint32_t>{0x0915, 0x094D, 0x200D, 0x0937});
  CHECK(cps(inscript_type("kd<zwnj><")) ==
        std::vector<std::uint32_t>{0x0915, 0x094D, 0x200C, 0x0937});

  KeyboardModel model(FieldKind::HindiText);
  const auto value = type_ids(model, {"k.k", "k.d", "k.zwj", "k.shift", "k.comma"});
  CHECK(cps(value) == std::vector<std::uint32_t>{0x0915, 0x094D, 0x200D, 0x0937});
}

TEST_CASE("InScript has the nukta on the right-bracket key and य़ on Shift+slash",
          "[keyboard][inscript]") {
  CHECK(cps(inscript_type("k]")) == std::vector<std::uint32_t>{0x0915, 0x093C});  // क़
  CHECK(cps(inscript_type("?")) == std::vector<std::uint32_t>{0x095F});           // य़
  CHECK(find_key(all_keys(Layout::Inscript, false), "k.rbracket").label == "◌़");
}

TEST_CASE("InScript's shift is a layer that stays until Shift is pressed again",
          "[keyboard][inscript]") {
  KeyboardModel model(FieldKind::HindiText);
  REQUIRE(model.layout() == Layout::Inscript);
  // ऋषि is Shift+= Shift+comma, then unshifted f.
  const auto value = type_ids(model, {"k.shift", "k.equal", "k.comma", "k.shift", "k.f"});
  CHECK(cps(value) == std::vector<std::uint32_t>{0x090B, 0x0937, 0x093F});
  CHECK_FALSE(model.shifted());
}

TEST_CASE("Every InScript key types what inscript_type types for its US key",
          "[keyboard][inscript]") {
  const std::map<std::string, std::string> punctuation{
      {"grave", "`~"},    {"minus", "-_"},      {"equal", "=+"},     {"lbracket", "[{"},
      {"rbracket", "]}"}, {"backslash", "\\|"}, {"semicolon", ";:"}, {"apostrophe", "'\""},
      {"comma", ",<"},    {"period", ".>"},     {"slash", "/?"}};
  int checked = 0;
  for (bool shift : {false, true}) {
    for (const auto& key : all_keys(Layout::Inscript, shift)) {
      if (key.action != KeyAction::Insert) continue;
      const std::string name = key.id.substr(2);
      std::string us = name;
      if (name.size() == 1 && shift && name[0] >= 'a' && name[0] <= 'z') us[0] -= 'a' - 'A';
      if (punctuation.contains(name)) us = punctuation.at(name).substr(shift ? 1 : 0, 1);
      if (name.size() == 1 && shift && name[0] >= '0' && name[0] <= '9') {
        us = std::string(1, ")!@#$%^&*("[name[0] - '0']);
      }
      INFO(key.id << (shift ? " shifted" : ""));
      CHECK(inscript_type(us) == key.text);
      ++checked;
    }
  }
  CHECK(checked == 94);
}

TEST_CASE("InScript types 94 different characters, all accepted in a Hindi field",
          "[keyboard][inscript]") {
  std::set<std::string> typed;
  for (bool shift : {false, true}) {
    for (const auto& key : all_keys(Layout::Inscript, shift)) {
      if (key.action != KeyAction::Insert) continue;
      typed.insert(key.text);
      std::string value;
      INFO(key.id << " " << key.text);
      CHECK(apply(field_of_kind(FieldKind::HindiText), value, key));
      CHECK(value == key.text);
    }
  }
  CHECK(typed.size() == 94);
}

TEST_CASE("InScript matras are labelled on a dotted circle and letters are not",
          "[keyboard][inscript]") {
  const auto plain = all_keys(Layout::Inscript, false);
  CHECK(find_key(plain, "k.e").label == "◌ा");
  CHECK(find_key(plain, "k.d").label == "◌्");
  CHECK(find_key(plain, "k.x").label == "◌ं");
  CHECK(find_key(plain, "k.k").label == "क");
  CHECK(find_key(plain, "k.1").label == "१");
  const auto shifted = all_keys(Layout::Inscript, true);
  CHECK(find_key(shifted, "k.d").label == "अ");
  CHECK(find_key(shifted, "k.minus").label == "◌ः");
}

TEST_CASE("Every key has a label and an id unique in its layout, stable across shift",
          "[keyboard][layout]") {
  for (Layout layout : kLayouts) {
    std::vector<std::string> ids[2];
    for (bool shift : {false, true}) {
      std::set<std::string> seen;
      for (const auto& key : all_keys(layout, shift)) {
        INFO("layout " << static_cast<int>(layout) << " key " << key.id);
        CHECK_FALSE(key.label.empty());
        CHECK(key.width > 0);
        CHECK(seen.insert(key.id).second);
        ids[shift].push_back(key.id);
      }
    }
    CHECK(ids[0] == ids[1]);
  }
}

TEST_CASE("QWERTY has a to z and shift gives the capitals", "[keyboard][qwerty]") {
  const auto plain = all_keys(Layout::Qwerty, false);
  const auto shifted = all_keys(Layout::Qwerty, true);
  for (char c = 'a'; c <= 'z'; ++c) {
    const std::string id = std::string("k.") + c;
    CHECK(find_key(plain, id).text == std::string(1, c));
    CHECK(find_key(plain, id).label == std::string(1, c));
    CHECK(find_key(shifted, id).text == std::string(1, static_cast<char>(c - 'a' + 'A')));
  }
}

TEST_CASE("QWERTY shift is one-shot: it capitalises the next letter only", "[keyboard][qwerty]") {
  KeyboardModel model(FieldKind::Text);
  REQUIRE(model.layout() == Layout::Qwerty);
  CHECK(type_ids(model, {"k.shift", "k.r", "k.a", "k.m", "k.space"}) == "Ram ");
  CHECK_FALSE(model.shifted());
}

TEST_CASE("Numeric fields refuse letters and leave the value unchanged", "[keyboard][fields]") {
  for (FieldKind kind : kNumericKinds) {
    CHECK(default_layout(kind) == Layout::Numeric);
    for (Layout layout : {Layout::Qwerty, Layout::Inscript}) {
      for (bool shift : {false, true}) {
        for (const auto& key : all_keys(layout, shift)) {
          const bool latin_digit = key.text.size() == 1 && key.text[0] >= '0' && key.text[0] <= '9';
          if (key.action != KeyAction::Insert || latin_digit) continue;
          std::string value = "9";
          INFO("kind " << static_cast<int>(kind) << " key " << key.id << " " << key.text);
          CHECK_FALSE(apply(field_of_kind(kind), value, key));
          CHECK(value == "9");
        }
      }
    }
    std::string value = "9";
    CHECK_FALSE(apply(field_of_kind(kind), value, Key{"k.space", " ", 1, KeyAction::Space, " "}));
    CHECK(value == "9");
  }
}

TEST_CASE("An Aadhaar number stops at 12 digits", "[keyboard][fields][aadhaar]") {
  KeyboardModel model(FieldKind::Aadhaar);
  std::string value = type_digits(FieldKind::Aadhaar, "234567890124");
  CHECK_FALSE(model.press(value, "k.5"));
  CHECK(value == "234567890124");
  CHECK(model.press(value, "k.done"));
}

TEST_CASE("Done always closes the keyboard and leaves the value as it is",
          "[keyboard][fields][aadhaar]") {
  KeyboardModel model(FieldKind::Aadhaar);
  std::string short_value = "23456789012";
  CHECK(model.press(short_value, "k.done"));  // the core says what is wrong, at the field
  CHECK(short_value == "23456789012");
  std::string typo = "234567890125";
  CHECK(model.press(typo, "k.done"));
  CHECK(typo == "234567890125");
  std::string starts_with_one = "1";
  CHECK_FALSE(model.press(starts_with_one, "k.2"));  // UIDAI issues no number starting 0/1
}

TEST_CASE("A mobile number refuses a first digit of 0 to 5", "[keyboard][fields][mobile]") {
  KeyboardModel model(FieldKind::Mobile);
  for (char d = '0'; d <= '5'; ++d) {
    std::string value;
    CHECK_FALSE(model.press(value, std::string("k.") + d));
    CHECK(value.empty());
  }
  for (char d = '6'; d <= '9'; ++d) {
    std::string value;
    CHECK(model.press(value, std::string("k.") + d));
  }
  std::string value = type_digits(FieldKind::Mobile, "9000000000");  // later digits: any
  CHECK_FALSE(model.press(value, "k.1"));
  CHECK(value == "9000000000");
  CHECK(model.press(value, "k.done"));
}

TEST_CASE("A refused key tells what the value would have been", "[keyboard][fields]") {
  KeyboardModel model(FieldKind::Mobile);
  std::string value;
  CHECK_FALSE(model.press(value, "k.5"));
  CHECK(model.refused_value() == "5");  // the core is told, and says why at the field
  CHECK(model.press(value, "k.9"));
  CHECK(model.refused_value().empty());
}

TEST_CASE("A PIN code is six digits", "[keyboard][fields]") {
  KeyboardModel model(FieldKind::PinCode);
  std::string value = type_digits(FieldKind::PinCode, "49200");
  CHECK(model.press(value, "k.1"));
  CHECK_FALSE(model.press(value, "k.1"));
  CHECK(value == "492001");
  CHECK(model.press(value, "k.done"));
}

TEST_CASE("Backspace removes exactly one codepoint of Hindi", "[keyboard][fields]") {
  KeyboardModel model(FieldKind::HindiText);
  std::string value = "कि";
  CHECK(model.press(value, "k.backspace"));
  CHECK(value == "क");
  CHECK(model.press(value, "k.backspace"));
  CHECK(value.empty());
  CHECK_FALSE(model.press(value, "k.backspace"));
}

TEST_CASE("A Hindi field refuses Latin letters and stops at 80 codepoints", "[keyboard][fields]") {
  std::string value = "क";
  CHECK_FALSE(apply(field_of_kind(FieldKind::HindiText), value,
                    find_key(all_keys(Layout::Qwerty, false), "k.a")));
  CHECK(value == "क");
  KeyboardModel model(FieldKind::HindiText);
  value.clear();
  for (int i = 0; i < 80; ++i) REQUIRE(model.press(value, "k.k"));
  CHECK_FALSE(model.press(value, "k.e"));
  CHECK(cps(value).size() == 80);
}

TEST_CASE("A text field takes printable text up to 80 codepoints", "[keyboard][fields]") {
  std::string value;
  CHECK_FALSE(
      apply(field_of_kind(FieldKind::Text), value, Key{"x", "tab", 1, KeyAction::Insert, "\t"}));
  CHECK(apply(field_of_kind(FieldKind::Text), value, Key{"x", "क", 1, KeyAction::Insert, "क"}));
  value = std::string(79, 'a');
  CHECK(apply(field_of_kind(FieldKind::Text), value, Key{"x", "क", 1, KeyAction::Insert, "क"}));
  CHECK_FALSE(
      apply(field_of_kind(FieldKind::Text), value, Key{"x", "a", 1, KeyAction::Insert, "a"}));
  CHECK_FALSE(kiosk::forms::is_complete(field_of_kind(FieldKind::Text), "   "));
}

TEST_CASE("A receipt number is upper-cased and limited to letters, digits and hyphens",
          "[keyboard][fields]") {
  KeyboardModel model(FieldKind::Receipt);
  const auto value = type_ids(model, {"k.c", "k.s", "k.c", "k.minus", "k.2", "k.4"});
  CHECK(value == "CSC-24");
  std::string v = value;
  CHECK_FALSE(model.press(v, "k.space"));
  CHECK_FALSE(model.press(v, "k.period"));
  v = std::string(40, 'A');
  CHECK_FALSE(model.press(v, "k.a"));
  CHECK(v.size() == 40);
}

TEST_CASE("A consumer number is upper-cased and typed on the pad its masks call for",
          "[keyboard][fields][consumer_no]") {
  const FieldSpec water{.kind = FieldKind::ConsumerNo, .masks = {"A-99-9999"}};
  KeyboardModel letters(water);
  CHECK(letters.layout() == Layout::Qwerty);
  CHECK(type_ids(letters, {"k.w", "k.minus", "k.4", "k.4", "k.minus", "k.1", "k.2", "k.0",
                           "k.7"}) == "W-44-1207");
  std::string v = "W-44-1207";
  CHECK_FALSE(letters.press(v, "k.1"));  // the mask is full
  v = "W";
  CHECK_FALSE(letters.press(v, "k.4"));  // the mask wants '-' here
  const FieldSpec power{.kind = FieldKind::ConsumerNo, .masks = {"9999999999"}};
  CHECK(KeyboardModel(power).layout() == Layout::Numeric);
  CHECK(layouts_for(power, true) == std::vector<Layout>{Layout::Numeric});
  CHECK(layouts_for(water, true) == std::vector<Layout>{Layout::Qwerty});
}

TEST_CASE("Verhoeff accepts known valid numbers and rejects altered ones",
          "[keyboard][aadhaar][verhoeff]") {
  CHECK(verhoeff_valid("2363"));  // Verhoeff's worked example: 236 → check digit 3
  CHECK_FALSE(verhoeff_valid("2364"));
  CHECK(verhoeff_check_digit("236") == '3');
  CHECK(verhoeff_valid("234567890124"));
  CHECK(verhoeff_check_digit("23456789012") == '4');
  CHECK(verhoeff_valid("123412341234"));
  CHECK_FALSE(aadhaar_number_valid("123412341234"));  // checksum fine, but starts with 1
  CHECK(aadhaar_number_valid("234567890124"));
  CHECK(verhoeff_valid("999999999999"));
  CHECK_FALSE(verhoeff_valid("234567890123"));
  CHECK_FALSE(verhoeff_valid(""));
  CHECK_FALSE(verhoeff_valid("2345-6789"));
}

TEST_CASE("A generated Aadhaar-format number has one check digit that catches typos",
          "[keyboard][aadhaar][verhoeff]") {
  const std::string prefix = "49781234560";
  std::string valid_digits;
  for (char d = '0'; d <= '9'; ++d) {
    if (verhoeff_valid(prefix + d)) valid_digits += d;
  }
  REQUIRE(valid_digits.size() == 1);  // exactly one digit completes any prefix
  CHECK(valid_digits[0] == verhoeff_check_digit(prefix));
  const std::string number = prefix + valid_digits;
  CHECK(aadhaar_number_valid(number));

  for (std::size_t i = 0; i < number.size(); ++i) {  // every single-digit substitution
    for (char d = '0'; d <= '9'; ++d) {
      if (d == number[i]) continue;
      std::string typo = number;
      typo[i] = d;
      INFO(typo);
      CHECK_FALSE(verhoeff_valid(typo));
    }
  }
  for (std::size_t i = 0; i + 1 < number.size(); ++i) {  // every adjacent transposition
    if (number[i] == number[i + 1]) continue;
    std::string swapped = number;
    std::swap(swapped[i], swapped[i + 1]);
    INFO(swapped);
    CHECK_FALSE(verhoeff_valid(swapped));
  }
}

TEST_CASE("Default layouts follow the field kind", "[keyboard][layout]") {
  CHECK(default_layout(FieldKind::Text) == Layout::Qwerty);
  CHECK(default_layout(FieldKind::Receipt) == Layout::Qwerty);
  CHECK(default_layout(FieldKind::Date) == Layout::Numeric);
  CHECK(default_layout(FieldKind::HindiText) == Layout::Inscript);
  KeyboardModel model(FieldKind::Text);
  std::string value;
  REQUIRE(model.press(value, "k.shift"));
  model.set_layout(Layout::Inscript);
  CHECK_FALSE(model.shifted());
  CHECK(model.press(value, "k.k"));
  CHECK(value == "क");
}

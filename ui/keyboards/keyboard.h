// On-screen keyboard models for the touch kiosk: which keys to draw, what a key press does
// to a form field's value, how a field's value is shown, and the Aadhaar check digit.
// Pure data and rules: no ImGui, no drawing, no SDL. The widget that draws the keys asks
// `rows()` for them and hands every tap to `KeyboardModel::press()`.
//
// [X] Three layouts: QWERTY (one-shot shift), numeric pad, InScript Devanagari (shift layer)
// [X] InScript table from xkeyboard-config symbols/in "deva" (IS 13194), levels 1 and 2
// [X] InScript ZWNJ / ZWJ keys (xkb puts them on Space levels 3 and 4: nbsp(zwnj3zwj4))
// [X] Field rules: Aadhaar, Mobile, PIN code, receipt number, free text, Hindi text
// [X] Backspace removes one codepoint ("कि" is two taps, so two backspaces)
// [X] Masked Aadhaar display (XXXX XXXX 1234, UIDAI masking)
// [X] Verhoeff checksum (Aadhaar's 12th digit)
// [ ] Enhanced InScript (IS 16350:2016) conjunct keys क्ष त्र ज्ञ श्र: xkb "deva" lacks them
// [ ] Level 3/4 (AltGr) characters such as ॐ, ₹ and the precomposed nukta letters
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui::keyboards {

enum class Layout { Qwerty, Numeric, Inscript };

// What a form field holds; each kind has a typing rule (see `accepts`).
//   Aadhaar   12 ASCII digits, the first 2–9, the last a Verhoeff check digit
//   Mobile    10 ASCII digits, the first 6–9
//   PinCode   6 ASCII digits, the first 1–9
//   Receipt   A–Z, 0–9 and '-', up to 40 (lower-case letters are upper-cased on entry)
//   Text      printable codepoints (no controls), up to 80
//   HindiText Devanagari, ZWNJ/ZWJ, space and basic punctuation, up to 80 codepoints
enum class FieldKind { Text, HindiText, Aadhaar, Mobile, PinCode, Receipt };

Layout default_layout(FieldKind kind);

enum class KeyAction { Insert, Backspace, Shift, Space, Done, Zwnj, Zwj };

struct Key {
  // Stable across shift states, so a widget can keep press feedback on the same key:
  // "k.q", "k.1", "k.semicolon", "k.shift", "k.backspace", "k.space", "k.done", "k.zwj".
  std::string id;
  // UTF-8 shown on the key. Devanagari dependent signs sit on a dotted circle (◌ U+25CC)
  // so they are visible alone. Control keys carry a default word; the widget may replace
  // it by id from the i18n catalogue.
  std::string label;
  float width = 1;  // in key units; every row is laid out left to right
  KeyAction action = KeyAction::Insert;
  // UTF-8 that the key types: the character for Insert, " " for Space, U+200C for Zwnj,
  // U+200D for Zwj, empty for the others.
  std::string text;
};

using KeyRows = std::vector<std::vector<Key>>;

// The rows to draw, top to bottom. `shift` selects the shifted labels and characters;
// the numeric pad has no shift and ignores it.
KeyRows rows(Layout layout, bool shift);

// Typing rules. `accepts`: the value can still become a complete one (what typing may
// produce). `is_complete`: the value may be submitted (Done is accepted).
bool accepts(FieldKind kind, std::string_view value);
bool is_complete(FieldKind kind, std::string_view value);

// Applies one key to `value`. Returns false and leaves `value` unchanged when the field
// refuses it: a character outside the rule, a length limit, Backspace on an empty value,
// Done on an incomplete value. Shift is always accepted and changes nothing here (the
// shift state lives in KeyboardModel).
bool apply(FieldKind kind, std::string& value, const Key& key);

// A keyboard attached to one field: the layout and its shift state.
class KeyboardModel {
 public:
  explicit KeyboardModel(FieldKind kind) : KeyboardModel(kind, default_layout(kind)) {}
  KeyboardModel(FieldKind kind, Layout layout) : kind_(kind), layout_(layout) {}

  FieldKind kind() const { return kind_; }
  Layout layout() const { return layout_; }
  bool shifted() const { return shift_; }
  void set_layout(Layout layout);  // clears shift

  KeyRows rows() const { return keyboards::rows(layout_, shift_); }

  // Shift toggles the shift state. On QWERTY it is one-shot: the next accepted character
  // clears it. On InScript it selects the shifted layer until Shift is pressed again,
  // because whole words (ऋषि, ईख) need several shifted letters in a row.
  bool press(std::string& value, const Key& key);
  // The key with this id in the current rows; false when there is none.
  bool press(std::string& value, std::string_view key_id);

 private:
  FieldKind kind_;
  Layout layout_;
  bool shift_ = false;
};

// How a value is shown in its field. Aadhaar: every digit but the last four typed is an
// X, in groups of four ("12345678" → "XXXX 5678"). Everything else as typed.
std::string display_value(FieldKind kind, std::string_view value);

// Verhoeff checksum over a string of ASCII digits (true when the last digit is the check
// digit of the others). False for an empty string or any non-digit.
bool verhoeff_valid(std::string_view digits);
// The Verhoeff check digit ('0'–'9') to append to `digits`; '\0' for a non-digit.
char verhoeff_check_digit(std::string_view digits);
// A complete Aadhaar number: 12 digits, the first not 0 or 1, Verhoeff-valid.
bool aadhaar_number_valid(std::string_view digits);

// The Devanagari that InScript types for a sequence of US-keyboard characters: a
// character is its key at level 1, a shifted character ('K', '{', '<') its key at level
// 2. "<zwnj>" and "<zwj>" type U+200C and U+200D (they take precedence over the '<' key).
// Characters with no InScript key (space, non-ASCII) are copied unchanged. For tests and
// documentation: `inscript_type("ufxor") == "हिंदी"`.
std::string inscript_type(std::string_view qwerty_keys);

namespace detail {
KeyRows inscript_rows(bool shift);  // inscript.cpp
}  // namespace detail

}  // namespace kiosk::ui::keyboards

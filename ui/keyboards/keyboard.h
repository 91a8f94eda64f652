// On-screen keyboard models for the touch kiosk: which keys to draw and what a key press
// does to a form field's value. Pure data and rules: no ImGui, no drawing, no SDL. What a
// field accepts is kiosk/forms' rule, asked here before a key changes anything. The widget
// that draws the keys asks `rows()` for them and hands every tap to `KeyboardModel::press()`.
//
// [X] Four layouts: QWERTY (one-shot shift), numeric pad, InScript Devanagari (shift layer),
//     Hindi phonetic (Latin letters through m17n's hi-itrans, kiosk/text/input_method.h)
// [X] InScript table from xkeyboard-config symbols/in "deva" (IS 13194), levels 1 and 2
// [X] InScript ZWNJ / ZWJ keys (xkb puts them on Space levels 3 and 4: nbsp(zwnj3zwj4))
// [X] Phonetic: the word being typed is kept as its Latin keys and transliterated whole, so
//     backspace takes back one typed letter ("kSh" → "kS"), not a whole conjunct
// [X] Backspace elsewhere removes one codepoint ("कि" is two taps, so two backspaces)
// [X] Field rules from kiosk/forms; a refused key leaves the value unchanged and tells the
//     screen what the value would have been, so the core can say why
// [ ] Enhanced InScript (IS 16350:2016) conjunct keys क्ष त्र ज्ञ श्र: xkb "deva" lacks them
// [ ] Level 3/4 (AltGr) characters such as ॐ, ₹ and the precomposed nukta letters
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/forms/field.h"
#include "kiosk/text/input_method.h"

namespace kiosk::ui::keyboards {

using forms::FieldKind;
using forms::FieldSpec;

// Phonetic: Latin letters that become Devanagari as typed (hi-itrans).
enum class Layout { Qwerty, Numeric, Inscript, Phonetic };

Layout default_layout(FieldKind kind);
// The field's own: a consumer number whose masks are all digits takes the numeric pad.
Layout default_layout(const FieldSpec& field);
// The keyboards a citizen may switch between for a field, in the switch's order: Hindi
// phonetic (when an input method is there), Hindi InScript and English for names and free
// text; the two Hindi ones for Hindi text; the one default for the others.
std::vector<Layout> layouts_for(const FieldSpec& field, bool phonetic_available);

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

// Applies one key to `value`. Returns false and leaves `value` unchanged when the field
// refuses it (a character outside the rule, a length limit: forms::accepts) or for
// Backspace on an empty value. Shift and Done are accepted and change nothing here (the
// shift state lives in KeyboardModel; Done is the screen's to act on).
bool apply(const FieldSpec& field, std::string& value, const Key& key);

// A keyboard attached to one field: the layout, its shift state, and the phonetic word
// being typed.
class KeyboardModel {
 public:
  explicit KeyboardModel(FieldSpec field) : KeyboardModel(field, default_layout(field)) {}
  explicit KeyboardModel(FieldKind kind) : KeyboardModel(FieldSpec{.kind = kind}) {}
  // `phonetic` must outlive the model; without one, Layout::Phonetic types Latin letters.
  KeyboardModel(FieldSpec field, Layout layout, const text::Transliterator* phonetic = nullptr)
      : field_(std::move(field)), layout_(layout), phonetic_(phonetic) {}

  FieldKind kind() const { return field_.kind; }
  const FieldSpec& field() const { return field_; }
  Layout layout() const { return layout_; }
  bool shifted() const { return shift_; }
  void set_layout(Layout layout);  // clears shift and the phonetic word

  KeyRows rows() const { return keyboards::rows(layout_, shift_); }

  // Shift toggles the shift state. On QWERTY and phonetic it is one-shot: the next
  // accepted character clears it. On InScript it selects the shifted layer until Shift is
  // pressed again, because whole words (ऋषि, ईख) need several shifted letters in a row.
  bool press(std::string& value, const Key& key);
  // The key with this id in the current rows; false when there is none.
  bool press(std::string& value, std::string_view key_id);
  // After a refused press: the value the key would have made (the core is told it, to
  // publish why the field refuses it). Empty after an accepted press.
  const std::string& refused_value() const { return refused_; }
  // The Latin keys of the phonetic word being typed ("kumaa" while कुमा shows).
  const std::string& phonetic_keys() const { return word_keys_; }

 private:
  bool press_phonetic(std::string& value, const Key& key);
  std::string word_text(std::string_view keys, bool finished) const;
  FieldSpec field_;
  Layout layout_;
  const text::Transliterator* phonetic_ = nullptr;
  bool shift_ = false;
  std::string refused_;
  // The phonetic word: the value before it, and its keys. While the citizen types, the
  // value is word_base_ followed by the transliterated keys; any other value means it was
  // changed elsewhere, and the next word starts from it.
  std::string word_base_;
  std::string word_keys_;
};

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

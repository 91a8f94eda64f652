// On-screen keyboard models: QWERTY, phonetic and numeric rows, applying a key to a value
// under the field's rule (kiosk/forms), the shift state and the phonetic word.
// InScript's table and rows are in inscript.cpp.
//
// [X] QWERTY rows (digits, letters, - / @) with one-shot shift; numeric 3×4 pad
// [X] Phonetic rows: QWERTY's letters, with ~ and ^ for hi-itrans's nasals and vowels
// [X] Field rules checked on the whole would-be value, so a refused key changes nothing
// [X] Backspace by codepoint (kiosk::text::pop_last_codepoint), by key in a phonetic word
#include "ui/keyboards/keyboard.h"

#include <algorithm>
#include <array>
#include <optional>

#include "kiosk/forms/rules.h"
#include "kiosk/text/utf8.h"

namespace kiosk::ui::keyboards {
namespace {

Key insert_key(std::string id, std::string_view chars) {
  return Key{std::move(id), std::string(chars), 1, KeyAction::Insert, std::string(chars)};
}

// One row of single-character keys: ids "k.<c>" from `plain`, characters from `chars`.
std::vector<Key> char_row(std::string_view plain, std::string_view chars) {
  std::vector<Key> row;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    row.push_back(insert_key(std::string("k.") + plain[i], chars.substr(i, 1)));
  }
  return row;
}

// US positions so an InScript user finds the same keys (same ids as inscript.cpp). The
// last row carries the punctuation names and addresses need; shift gives US symbols.
KeyRows qwerty_rows(bool shift) {
  KeyRows out;
  out.push_back(char_row("1234567890", shift ? "!@#$%^&*()" : "1234567890"));
  out[0].push_back({"k.backspace", "Delete", 2, KeyAction::Backspace, {}});
  out.push_back(char_row("qwertyuiop", shift ? "QWERTYUIOP" : "qwertyuiop"));
  out.push_back(char_row("asdfghjkl", shift ? "ASDFGHJKL" : "asdfghjkl"));
  out.push_back(char_row("zxcvbnm", shift ? "ZXCVBNM" : "zxcvbnm"));
  out[3].insert(out[3].begin(), Key{"k.shift", "Shift", 2, KeyAction::Shift, {}});
  out[3].push_back(insert_key("k.comma", ","));
  out[3].push_back(insert_key("k.period", "."));
  out.push_back({insert_key("k.minus", shift ? "_" : "-"),
                 insert_key("k.slash", shift ? "?" : "/"),
                 {"k.space", "Space", 5, KeyAction::Space, " "},
                 insert_key("k.at", shift ? "&" : "@"),
                 {"k.done", "Done", 2, KeyAction::Done, {}}});
  return out;
}

// hi-itrans spells with Latin letters and . ~ ^ ("gaa.Nv" गाँव, "j~naana" ज्ञान,
// "kR^iShNa" कृष्ण); capitals matter ("T" ट, "t" त), so shift is there as on QWERTY.
KeyRows phonetic_rows(bool shift) {
  KeyRows out = qwerty_rows(shift);
  out.back() = {insert_key("k.minus", "-"),      insert_key("k.tilde", "~"),
                insert_key("k.caret", "^"),      {"k.space", "Space", 5, KeyAction::Space, " "},
                insert_key("k.apostrophe", "'"), {"k.done", "Done", 2, KeyAction::Done, {}}};
  return out;
}

// Telephone order (1 2 3 on top), as on ATMs and phones, not calculator order.
KeyRows numeric_rows() {
  KeyRows out{char_row("123", "123"), char_row("456", "456"), char_row("789", "789")};
  out.push_back({{"k.backspace", "Delete", 1, KeyAction::Backspace, {}},
                 insert_key("k.0", "0"),
                 {"k.done", "Done", 1, KeyAction::Done, {}}});
  return out;
}

// What a key types; empty for keys that type nothing.
std::string_view typed_text(const Key& key) {
  switch (key.action) {
    case KeyAction::Insert:
      return key.text;
    case KeyAction::Space:
      return " ";
    case KeyAction::Zwnj:
      return "\u200C";
    case KeyAction::Zwj:
      return "\u200D";
    default:
      return {};
  }
}

// Receipt and consumer numbers are printed upper-case; the kiosk user should not have to
// find Shift.
std::string normalise(const FieldSpec& field, std::string_view typed) {
  std::string out(typed);
  if (field.kind == FieldKind::Receipt || field.kind == FieldKind::ConsumerNo) {
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

bool insert(const FieldSpec& field, std::string& value, std::string_view typed) {
  if (typed.empty()) return false;
  std::string candidate = value + normalise(field, typed);
  if (!forms::accepts(field, candidate)) return false;
  value = std::move(candidate);
  return true;
}

}  // namespace

Layout default_layout(FieldKind kind) {
  switch (kind) {
    case FieldKind::HindiText:
      return Layout::Inscript;
    case FieldKind::Aadhaar:
    case FieldKind::Mobile:
    case FieldKind::PinCode:
    case FieldKind::Date:
      return Layout::Numeric;
    default:
      break;
  }
  return Layout::Qwerty;
}

Layout default_layout(const FieldSpec& field) {
  if (field.kind == FieldKind::ConsumerNo && forms::numeric_masks(field.masks))
    return Layout::Numeric;
  return default_layout(field.kind);
}

std::vector<Layout> layouts_for(const FieldSpec& field, bool phonetic_available) {
  const FieldKind kind = field.kind;
  std::vector<Layout> out;
  const bool hindi = kind == FieldKind::HindiText;
  if (!hindi && kind != FieldKind::Name && kind != FieldKind::Text) return {default_layout(field)};
  if (phonetic_available) out.push_back(Layout::Phonetic);
  out.push_back(Layout::Inscript);
  if (!hindi) out.push_back(Layout::Qwerty);
  return out;
}

KeyRows rows(Layout layout, bool shift) {
  switch (layout) {
    case Layout::Numeric:
      return numeric_rows();
    case Layout::Inscript:
      return detail::inscript_rows(shift);
    case Layout::Phonetic:
      return phonetic_rows(shift);
    case Layout::Qwerty:
      break;
  }
  return qwerty_rows(shift);
}

bool apply(const FieldSpec& field, std::string& value, const Key& key) {
  switch (key.action) {
    case KeyAction::Shift:
    case KeyAction::Done:
      return true;
    case KeyAction::Backspace:
      if (value.empty()) return false;
      text::pop_last_codepoint(value);
      return true;
    case KeyAction::Insert:
    case KeyAction::Space:
    case KeyAction::Zwnj:
    case KeyAction::Zwj:
      break;
  }
  return insert(field, value, typed_text(key));
}

void KeyboardModel::set_layout(Layout layout) {
  layout_ = layout;
  shift_ = false;
  word_base_.clear();
  word_keys_.clear();
}

bool KeyboardModel::press(std::string& value, const Key& key) {
  refused_.clear();
  if (key.action == KeyAction::Shift) {
    if (layout_ == Layout::Numeric) return false;  // the pad has no shifted layer
    shift_ = !shift_;
    return true;
  }
  const bool phonetic = layout_ == Layout::Phonetic && phonetic_ != nullptr;
  const bool accepted = phonetic ? press_phonetic(value, key) : apply(field_, value, key);
  if (!accepted && key.action == KeyAction::Insert && refused_.empty())
    refused_ = value + normalise(field_, typed_text(key));
  // One-shot: a refused character keeps shift on, so the retry is still a capital.
  const bool one_shot = layout_ == Layout::Qwerty || layout_ == Layout::Phonetic;
  if (accepted && key.action == KeyAction::Insert && one_shot) shift_ = false;
  return accepted;
}

// What a phonetic word shows while it is typed: its transliteration without the marks
// hi-itrans is still waiting to combine ("j~" shows ज until the "n" of "j~n" makes ज्ञ), so
// a half-typed sequence never puts a stray ~ in the field. A finished word keeps them.
std::string KeyboardModel::word_text(std::string_view keys, bool finished) const {
  std::string text = phonetic_->transliterate(keys);
  if (!finished) {
    while (!text.empty() && std::string_view(".~^'").find(text.back()) != std::string_view::npos)
      text.pop_back();
  }
  return text;
}

// The word is typed again from its keys at every press: the same keys give the same text
// (the input method is deterministic), and backspace can take back exactly one key.
bool KeyboardModel::press_phonetic(std::string& value, const Key& key) {
  if (value != word_base_ + word_text(word_keys_, false)) {
    word_base_ = value;  // changed elsewhere (another keyboard, a refused review): start anew
    word_keys_.clear();
  }
  std::string keys = word_keys_;
  switch (key.action) {
    case KeyAction::Insert:
      keys += key.text;
      break;
    case KeyAction::Backspace:
      if (keys.empty()) break;  // no word in progress: one codepoint, as elsewhere
      keys.pop_back();
      break;
    default: {  // Space ends the word; Done, ZWJ and ZWNJ are as on any keyboard
      std::string finished = word_base_ + word_text(word_keys_, true);
      if (!forms::accepts(field_, finished)) finished = value;
      if (!apply(field_, finished, key)) return false;
      value = std::move(finished);
      word_base_ = value;
      word_keys_.clear();
      return true;
    }
  }
  if (key.action == KeyAction::Backspace && word_keys_.empty()) {
    if (!apply(field_, value, key)) return false;
    word_base_ = value;
    return true;
  }
  std::string candidate = word_base_ + word_text(keys, false);
  if (!forms::accepts(field_, candidate)) {
    refused_ = std::move(candidate);
    return false;
  }
  value = std::move(candidate);
  word_keys_ = std::move(keys);
  return true;
}

bool KeyboardModel::press(std::string& value, std::string_view key_id) {
  for (const auto& row : rows()) {
    for (const auto& key : row) {
      if (key.id == key_id) return press(value, key);
    }
  }
  return false;
}

}  // namespace kiosk::ui::keyboards

// On-screen keyboard models: QWERTY and numeric rows, the field typing rules, applying a
// key to a value, the keyboard's shift state, masked display and the Verhoeff checksum.
// InScript's table and rows are in inscript.cpp.
//
// [X] QWERTY rows (digits, letters, - / @) with one-shot shift; numeric 3×4 pad
// [X] Field rules checked on the whole would-be value, so a refused key changes nothing
// [X] Backspace by codepoint (kiosk::text::pop_last_codepoint)
// [X] Aadhaar masking while typing, grouped 4-4-4
// [X] Verhoeff check and check digit (Aadhaar's 12th digit)
#include "ui/keyboards/keyboard.h"

#include <algorithm>
#include <array>
#include <optional>

#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/text/utf8.h"

namespace kiosk::ui::keyboards {
namespace {

constexpr std::size_t kTextMax = 80;     // Text and HindiText, in codepoints
constexpr std::size_t kReceiptMax = 40;  // receipt numbers, ASCII

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

// Telephone order (1 2 3 on top), as on ATMs and phones, not calculator order.
KeyRows numeric_rows() {
  KeyRows out{char_row("123", "123"), char_row("456", "456"), char_row("789", "789")};
  out.push_back({{"k.backspace", "Delete", 1, KeyAction::Backspace, {}},
                 insert_key("k.0", "0"),
                 {"k.done", "Done", 1, KeyAction::Done, {}}});
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// At most `max` ASCII digits, the first no lower than `lowest_first`.
bool digits_prefix(std::string_view value, std::size_t max, char lowest_first) {
  if (value.size() > max || !std::ranges::all_of(value, is_digit)) return false;
  return value.empty() || value.front() >= lowest_first;
}

bool is_receipt_char(char c) {
  return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-';
}

// Printable: no C0/C1 controls or DEL, no line/paragraph separators, no noncharacters.
bool is_printable(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) return false;
  return !(cp >= 0xFDD0 && cp <= 0xFDEF) && (cp & 0xFFFE) != 0xFFFE;
}

// Devanagari block, ZWNJ/ZWJ (InScript's half-form and explicit-halant controls), space,
// and basic ASCII punctuation. # $ % ^ & * ( ) are in because xkb "deva" types them on
// Shift+digits, so every InScript key is accepted by a Hindi field.
bool is_hindi_char(char32_t cp) {
  constexpr std::u32string_view kPunctuation = U" .,;:?!-'\"()/#$%^&*";
  return (cp >= 0x0900 && cp <= 0x097F) || cp == 0x200C || cp == 0x200D ||
         kPunctuation.find(cp) != std::u32string_view::npos;
}

template <typename Pred>
bool codepoints_within(std::string_view value, std::size_t max, Pred pred) {
  const auto cps = text::decode_utf8(value);
  return cps && cps->size() <= max && std::ranges::all_of(*cps, pred);
}

bool has_non_space(std::string_view value) {
  return value.find_first_not_of(' ') != std::string_view::npos;
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

// Receipt numbers are printed upper-case; the kiosk user should not have to find Shift.
std::string normalise(FieldKind kind, std::string_view typed) {
  std::string out(typed);
  if (kind == FieldKind::Receipt) {
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

bool insert(FieldKind kind, std::string& value, std::string_view typed) {
  if (typed.empty()) return false;
  std::string candidate = value + normalise(kind, typed);
  if (!accepts(kind, candidate)) return false;
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
      return Layout::Numeric;
    case FieldKind::Text:
    case FieldKind::Receipt:
      break;
  }
  return Layout::Qwerty;
}

KeyRows rows(Layout layout, bool shift) {
  switch (layout) {
    case Layout::Numeric:
      return numeric_rows();
    case Layout::Inscript:
      return detail::inscript_rows(shift);
    case Layout::Qwerty:
      break;
  }
  return qwerty_rows(shift);
}

// Aadhaar: UIDAI never issues numbers starting 0 or 1. Mobile: TRAI's national numbering
// plan gives mobiles 6–9. PIN code: India Post's first digit is a zone, 1–9.
bool accepts(FieldKind kind, std::string_view value) {
  switch (kind) {
    case FieldKind::Aadhaar:
      return digits_prefix(value, 12, '2');
    case FieldKind::Mobile:
      return digits_prefix(value, 10, '6');
    case FieldKind::PinCode:
      return digits_prefix(value, 6, '1');
    case FieldKind::Receipt:
      return value.size() <= kReceiptMax && std::ranges::all_of(value, is_receipt_char);
    case FieldKind::Text:
      return codepoints_within(value, kTextMax, is_printable);
    case FieldKind::HindiText:
      return codepoints_within(value, kTextMax, is_hindi_char);
  }
  return false;
}

bool is_complete(FieldKind kind, std::string_view value) {
  if (!accepts(kind, value)) return false;
  switch (kind) {
    case FieldKind::Aadhaar:
      return aadhaar_number_valid(value);
    case FieldKind::Mobile:
      return value.size() == 10;
    case FieldKind::PinCode:
      return value.size() == 6;
    case FieldKind::Receipt:
      return !value.empty();
    case FieldKind::Text:
    case FieldKind::HindiText:
      return has_non_space(value);
  }
  return false;
}

bool apply(FieldKind kind, std::string& value, const Key& key) {
  switch (key.action) {
    case KeyAction::Shift:
      return true;
    case KeyAction::Done:
      return is_complete(kind, value);
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
  return insert(kind, value, typed_text(key));
}

void KeyboardModel::set_layout(Layout layout) {
  layout_ = layout;
  shift_ = false;
}

bool KeyboardModel::press(std::string& value, const Key& key) {
  if (key.action == KeyAction::Shift) {
    if (layout_ == Layout::Numeric) return false;  // the pad has no shifted layer
    shift_ = !shift_;
    return true;
  }
  const bool accepted = apply(kind_, value, key);
  // One-shot: a refused character keeps shift on, so the retry is still a capital.
  if (accepted && key.action == KeyAction::Insert && layout_ == Layout::Qwerty) shift_ = false;
  return accepted;
}

bool KeyboardModel::press(std::string& value, std::string_view key_id) {
  for (const auto& row : rows()) {
    for (const auto& key : row) {
      if (key.id == key_id) return press(value, key);
    }
  }
  return false;
}

// UIDAI masking (Sharing of Information Regulations 2016): only the last four digits are
// ever shown. While typing, the last four typed stay visible so the user can check them.
std::string display_value(FieldKind kind, std::string_view value) {
  if (kind != FieldKind::Aadhaar) return std::string(value);
  const auto cps = text::decode_utf8(value).value_or(std::vector<char32_t>{});
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    if (i + 4 < cps.size()) {
      out.push_back('X');
    } else {
      text::append_utf8(out, cps[i]);
    }
  }
  return out;
}

// One Verhoeff implementation for the whole kiosk: kiosk/qr/aadhaar_number.
bool verhoeff_valid(std::string_view digits) {
  return qr::verhoeff_valid(digits);
}
char verhoeff_check_digit(std::string_view digits) {
  return qr::verhoeff_check_digit(digits);
}
bool aadhaar_number_valid(std::string_view digits) {
  return digits.size() == 12 && qr::aadhaar_number_valid(digits);
}

}  // namespace kiosk::ui::keyboards

// Field rules. Typing rules are checked on the whole would-be value, so a refused key
// changes nothing; submit rules add what typing cannot know yet (length, checksum).
#include "kiosk/forms/rules.h"

#include <algorithm>

#include "kiosk/core/ascii.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/text/utf8.h"

namespace kiosk::forms {
namespace {

using ascii::all_digits;
using ascii::is_digit;

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

// A name is letters of any script India writes names in, with the marks that join them:
// Latin (with Latin-1 and Extended-A/B accents), the Indic blocks from Devanagari to
// Malayalam, ZWNJ/ZWJ, and space . ' -. Digits (ASCII or Indic) and the danda are not.
bool is_name_char(char32_t cp) {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x0900 && cp <= 0x0D7F) {
    const char32_t in_block = cp & 0x7F;
    return !(in_block >= 0x66 && in_block <= 0x6F) && cp != 0x0964 && cp != 0x0965;
  }
  return cp == 0x200C || cp == 0x200D || cp == U' ' || cp == U'.' || cp == U'\'' || cp == U'-';
}

bool is_receipt_char(char c) {
  return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-';
}

bool blank(std::string_view value) {
  return value.find_first_not_of(' ') == std::string_view::npos;
}

template <typename Pred>
std::optional<Problem> codepoint_problem(std::string_view value, Pred allowed,
                                         std::string_view characters_code) {
  const auto cps = text::decode_utf8(value);
  if (!cps || !std::ranges::all_of(*cps, allowed)) return Problem{std::string(characters_code)};
  if (cps->size() > kTextMaxCodepoints)
    return Problem{"too_long", {std::to_string(kTextMaxCodepoints)}};
  return std::nullopt;
}

struct DigitsRule {
  std::size_t length;
  char lowest_first;
  std::string_view start_code;
};

DigitsRule digits_rule(FieldKind kind) {
  switch (kind) {
    case FieldKind::Aadhaar:
      return {12, '2', "aadhaar_start"};  // UIDAI never issues numbers starting 0 or 1
    case FieldKind::Mobile:
      return {10, '6', "mobile_start"};  // TRAI: mobiles start 6–9
    default:
      return {6, '1', "pincode_start"};  // India Post: the first digit is a zone, 1–9
  }
}

std::optional<Problem> digits_typing(FieldKind kind, std::string_view value) {
  const DigitsRule rule = digits_rule(kind);
  if (!all_digits(value)) return Problem{"digits_only"};
  if (!value.empty() && value.front() < rule.lowest_first)
    return Problem{std::string(rule.start_code)};
  if (value.size() > rule.length) return Problem{"digits_max", {std::to_string(rule.length)}};
  return std::nullopt;
}

// Up to 9 rupee digits, then optionally '.' and up to 2 paise digits.
bool amount_shape(std::string_view typed) {
  const auto dot = typed.find('.');
  const std::string_view rupees = typed.substr(0, dot);
  const std::string_view paise = dot == std::string_view::npos ? "" : typed.substr(dot + 1);
  return rupees.size() <= 9 && all_digits(rupees) && paise.size() <= 2 && all_digits(paise) &&
         (dot == std::string_view::npos || !rupees.empty());
}

std::string rupees_text(std::int64_t paise) {
  std::string out = std::to_string(paise / 100);
  const auto rest = paise % 100;
  if (rest != 0) out += (rest < 10 ? ".0" : ".") + std::to_string(rest);
  return out;
}

// Each character fits some mask at its place; no longer than the longest mask.
std::optional<Problem> consumer_no_typing(const FieldSpec& field, std::string_view value) {
  if (value.empty()) return std::nullopt;
  std::size_t longest = 0;
  for (const auto& mask : field.masks) longest = std::max(longest, mask.size());
  if (value.size() > longest) return Problem{"too_long", {std::to_string(longest)}};
  if (std::ranges::any_of(field.masks, [&](const auto& m) { return mask_prefix(m, value); }))
    return std::nullopt;
  return Problem{"consumer_no_characters"};
}

// A complete date: 8 digits, a real day, within the field's bounds (inclusive).
std::optional<Problem> date_problem(const FieldSpec& field, std::string_view value) {
  if (value.size() != kDateDigits) return Problem{"date_length"};
  const auto iso = iso_date(value);
  if (!iso) return Problem{"date_invalid"};
  const bool early = *iso < field.not_before;
  const bool late = !field.not_after.empty() && *iso > field.not_after;
  if (!early && !late) return std::nullopt;
  const std::string until = field.not_after.empty() ? "31-12-9999" : display_date(field.not_after);
  return Problem{"date_range", {display_date(field.not_before), until}};
}

}  // namespace

std::optional<std::int64_t> paise_from_rupees(std::string_view typed) {
  if (typed.empty() || !amount_shape(typed) || typed.back() == '.') return std::nullopt;
  const auto dot = typed.find('.');
  std::int64_t paise = 0;
  for (char c : typed.substr(0, dot)) paise = paise * 10 + (c - '0');
  paise *= 100;
  if (dot != std::string_view::npos) {
    const std::string_view p = typed.substr(dot + 1);
    paise += (p[0] - '0') * 10 + (p.size() > 1 ? p[1] - '0' : 0);
  }
  return paise;
}

std::optional<Problem> typing_problem(const FieldSpec& field, std::string_view value) {
  switch (field.kind) {
    case FieldKind::Name:
      return codepoint_problem(value, is_name_char, "name_characters");
    case FieldKind::Text:
      return codepoint_problem(value, is_printable, "text_characters");
    case FieldKind::HindiText:
      return codepoint_problem(value, is_hindi_char, "hindi_characters");
    case FieldKind::Mobile:
    case FieldKind::Aadhaar:
    case FieldKind::PinCode:
      return digits_typing(field.kind, value);
    case FieldKind::Amount:
      if (!amount_shape(value)) return Problem{"amount_format"};
      if (auto p = paise_from_rupees(value.substr(0, value.find('.'))); p && *p > field.max_paise)
        return Problem{"amount_range",
                       {rupees_text(field.min_paise), rupees_text(field.max_paise)}};
      return std::nullopt;
    case FieldKind::Choice:
      if (value.empty() ||
          std::ranges::find(field.choices, value, &Choice::id) != field.choices.end())
        return std::nullopt;
      return Problem{"choose"};
    case FieldKind::Receipt:
      if (!std::ranges::all_of(value, is_receipt_char)) return Problem{"receipt_characters"};
      if (value.size() > kReceiptMaxChars)
        return Problem{"too_long", {std::to_string(kReceiptMaxChars)}};
      return std::nullopt;
    case FieldKind::Date:
      if (!all_digits(value)) return Problem{"digits_only"};
      if (value.size() > kDateDigits) return Problem{"digits_max", {std::to_string(kDateDigits)}};
      return std::nullopt;
    case FieldKind::ConsumerNo:
      return consumer_no_typing(field, value);
  }
  return Problem{"text_characters"};
}

bool accepts(const FieldSpec& field, std::string_view value) {
  return !typing_problem(field, value).has_value();
}

std::optional<Problem> check(const FieldSpec& field, std::string_view value) {
  if (auto p = typing_problem(field, value)) return p;
  if (blank(value)) {
    if (!field.required) return std::nullopt;
    return Problem{field.kind == FieldKind::Choice ? "choose" : "required"};
  }
  switch (field.kind) {
    case FieldKind::Mobile:
    case FieldKind::PinCode:
    case FieldKind::Aadhaar: {
      const DigitsRule rule = digits_rule(field.kind);
      if (value.size() != rule.length)
        return Problem{"digits_length", {std::to_string(rule.length)}};
      if (field.kind == FieldKind::Aadhaar && !qr::aadhaar_number_valid(value))
        return Problem{"aadhaar_checksum"};
      return std::nullopt;
    }
    case FieldKind::Amount: {
      const auto paise = paise_from_rupees(value);
      if (!paise) return Problem{"amount_format"};
      if (*paise < field.min_paise || *paise > field.max_paise)
        return Problem{"amount_range",
                       {rupees_text(field.min_paise), rupees_text(field.max_paise)}};
      return std::nullopt;
    }
    case FieldKind::Text:
    case FieldKind::HindiText:
      // The kiosk never stores a full Aadhaar number (transaction.h): refused here, at the
      // field, rather than at commit after the citizen has paid.
      if (qr::contains_aadhaar_like_number(value)) return Problem{"aadhaar_like"};
      return std::nullopt;
    case FieldKind::Date:
      return date_problem(field, value);
    case FieldKind::ConsumerNo:
      if (std::ranges::any_of(field.masks, [&](const auto& m) { return mask_match(m, value); }))
        return std::nullopt;
      return Problem{"consumer_no_format"};
    default:
      return std::nullopt;
  }
}

bool is_complete(const FieldSpec& field, std::string_view value) {
  return !check(field, value).has_value();
}

FieldSpec field_of_kind(FieldKind kind) {
  return FieldSpec{.id = "field", .kind = kind};
}

}  // namespace kiosk::forms

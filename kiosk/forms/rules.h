// The rule of every field kind: what typing may produce, and what may be submitted. One
// place for them: the core checks every SetField and every review with these, and the
// on-screen keyboards call them to refuse a key before it is sent.
//
//  [X] Name, Text, HindiText: characters and an 80-codepoint limit; required = not blank
//  [X] Mobile: 10 digits, first 6–9 (TRAI's numbering plan)
//  [X] Aadhaar: 12 digits, first 2–9, Verhoeff check digit (UIDAI)
//  [X] PIN code: 6 digits, first 1–9 (India Post's zones)
//  [X] Amount: rupees with up to 2 decimals, within the field's range
//  [X] Choice: one of the field's choices
//  [X] Receipt numbers: A–Z 0–9 '-', up to 40
//  [X] Dates: DDMMYYYY, a real calendar date, within the field's bounds
//  [X] Consumer numbers: one of the biller's masks (9 digit, A letter, X either, - /)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/forms/field.h"

namespace kiosk::forms {

inline constexpr std::size_t kTextMaxCodepoints = 80;
inline constexpr std::size_t kReceiptMaxChars = 40;
inline constexpr std::size_t kDateDigits = 8;  // DDMMYYYY
inline constexpr std::size_t kMaskMaxChars = 24;
inline constexpr std::size_t kMaxMasks = 8;

// Why a value breaks a rule: the message code (FieldError::code) and its numbers.
struct Problem {
  std::string code;
  std::vector<std::string> args = {};
  bool operator==(const Problem&) const = default;
};

// What typing may produce: nullopt while the value can still become a complete one
// ("98" for a mobile), the problem when no more typing can mend it ("58…", "12a").
std::optional<Problem> typing_problem(const FieldSpec& field, std::string_view value);
bool accepts(const FieldSpec& field, std::string_view value);

// What may be submitted: nullopt when the value is complete, the problem otherwise.
// An optional field may be left empty.
std::optional<Problem> check(const FieldSpec& field, std::string_view value);
bool is_complete(const FieldSpec& field, std::string_view value);

// A field of this kind with the default settings, for callers that have no table (the
// keyboards' own tests, `kioskctl`).
FieldSpec field_of_kind(FieldKind kind);

// Date: "DDMMYYYY" as typed → "YYYY-MM-DD"; nullopt unless it is a real calendar date.
std::optional<std::string> iso_date(std::string_view ddmmyyyy);
// "YYYY-MM-DD" → "DD-MM-YYYY", as the citizen reads a date.
std::string display_date(std::string_view iso);
// True for a real calendar date written "YYYY-MM-DD".
bool valid_iso_date(std::string_view iso);

// Consumer-number masks: '9' a digit, 'A' a capital letter, 'X' either, '-' and '/'
// themselves. `mask_prefix`: `value` can still become a match by typing more;
// `mask_match`: it is one. A mask is well formed when it holds 1–24 of those characters,
// at least one of 9 A X (the catalogue's loader checks the rest, docs/catalogue.md F11).
bool mask_prefix(std::string_view mask, std::string_view value);
bool mask_match(std::string_view mask, std::string_view value);
bool mask_well_formed(std::string_view mask);
// True when every mask is only '9's and separators-free: the numeric pad will do.
bool numeric_masks(const std::vector<std::string>& masks);

// Paise from rupees typed as digits ("250", "250.5", "250.50"); nullopt for anything else.
std::optional<std::int64_t> paise_from_rupees(std::string_view typed);

}  // namespace kiosk::forms

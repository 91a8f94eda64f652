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
//  [ ] Date of birth, consumer numbers with a pattern: the services issue
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/forms/field.h"

namespace kiosk::forms {

inline constexpr std::size_t kTextMaxCodepoints = 80;
inline constexpr std::size_t kReceiptMaxChars = 40;

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

// Paise from rupees typed as digits ("250", "250.5", "250.50"); nullopt for anything else.
std::optional<std::int64_t> paise_from_rupees(std::string_view typed);

}  // namespace kiosk::forms

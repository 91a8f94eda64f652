// A form's fields as the core holds them: what each field is, what it accepts (its kind,
// see rules.h), how it is labelled and pictured. Data only. The table of a service's form
// comes from form.h; the screens draw whatever table the snapshot carries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::forms {

// What a field holds; each kind has one rule (rules.h).
//   Name       letters of any script, spaces, . ' - ; up to 80 codepoints
//   Text       printable codepoints (no controls), up to 80
//   HindiText  Devanagari, ZWNJ/ZWJ, space and basic punctuation, up to 80 codepoints
//   Mobile     10 ASCII digits, the first 6–9
//   Aadhaar    12 ASCII digits, the first 2–9, the last a Verhoeff check digit
//   PinCode    6 ASCII digits, the first 1–9
//   Amount     rupees as digits with at most 2 decimals ("250", "250.50"), in a range
//   Choice     the id of one of the field's choices
//   Receipt    A–Z, 0–9 and '-', up to 40
//   Date       8 digits DDMMYYYY, a real date within the field's bounds
//   ConsumerNo a biller's consumer number, matching one of the field's masks (rules.h)
// New kinds are appended: the values are stable.
enum class FieldKind {
  Name,
  Text,
  HindiText,
  Mobile,
  Aadhaar,
  PinCode,
  Amount,
  Choice,
  Receipt,
  Date,
  ConsumerNo
};

struct Choice {
  std::string id = {};         // the value the field takes
  std::string label_key = {};  // i18n key of what the citizen sees
  std::string icon = {};       // its own pictogram; empty: the field's
  bool operator==(const Choice&) const = default;
};

struct FieldSpec {
  std::string id = {};  // the key in Snapshot::fields, and the screen's target "details.<id>"
  FieldKind kind = FieldKind::Text;
  std::string label_key = {};  // i18n key of its label; error messages name the field by it
  std::string icon = {};       // a pictogram name (text.icon_names, Material Icons)
  std::string help_key = {};   // i18n key of the line under the label; empty: none
  bool required = true;
  std::vector<Choice> choices = {};       // Choice only
  std::int64_t min_paise = 100;           // Amount only: ₹1 …
  std::int64_t max_paise = 10'000'000;    // … ₹1,00,000
  std::vector<std::string> masks = {};    // ConsumerNo only: "9999999999", "A-99-9999" (rules.h)
  std::string not_before = "1900-01-01";  // Date only, "YYYY-MM-DD"
  std::string not_after = {};             // Date only, "YYYY-MM-DD"; empty: no bound
  // What a scanned Aadhaar QR fills this field with (kIdentitySources); empty: nothing.
  std::string from_aadhaar = {};
  bool operator==(const FieldSpec&) const = default;
};

// What a field may take from an Aadhaar QR (the catalogue's "from_aadhaar"): the holder's
// name, the "care of" name (S/O, D/O, W/O … taken off), the address in one line, its PIN
// code, the date of birth and the gender (a choice with the ids male, female, transgender).
inline constexpr std::string_view kIdentitySources[] = {"name",    "care_of", "address",
                                                        "pincode", "dob",     "gender"};

using Form = std::vector<FieldSpec>;

// Why a field's value cannot be accepted, as the snapshot publishes it. `code` names the
// message: the i18n key "form.error.<code>", whose first "{}" is the field's label and the
// others `args` (numbers as digits).
struct FieldError {
  std::string field = {};
  std::string code = {};
  std::vector<std::string> args = {};
  bool operator==(const FieldError&) const = default;
};

}  // namespace kiosk::forms

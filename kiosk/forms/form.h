// A service's form: its table of fields, and the check of a whole form before review.
//
// The table comes from the service's `fields` in the catalogue (docs/catalogue.md). A
// status lookup asks only for the receipt number (built in); a service built in code
// without fields (tests) asks for the applicant's name, mobile and Aadhaar number.
// Everything else (the core's checks, the errors in the snapshot, the screens) works from a
// Form whatever its source.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "kiosk/forms/field.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::forms {

// The applicant's name, mobile and Aadhaar number, all required.
Form applicant_form();

// The form `service` asks the citizen to fill in, with a date field's "today" bounds
// resolved against `today` ("YYYY-MM-DD", IST).
Form form_for(const services::Service& service, std::string_view today);

// A field's value as the transaction's `fields` carries it (contract §1: text values): a
// date as "YYYY-MM-DD", an amount as its paise in digits, a choice as its id, the rest as
// typed. nullopt for the applicant's own fields (name, mobile, aadhaar: they go, masked
// where needed, to `applicant`) and for an empty value.
std::optional<std::string> transaction_value(const FieldSpec& field, std::string_view value);

// The field with this id; nullptr when the form has none.
const FieldSpec* find_field(const Form& form, std::string_view id);

// Every field that cannot be submitted as it is, in the form's order (empty: complete).
std::vector<FieldError> validate(const Form& form,
                                 const std::map<std::string, std::string>& values);

// The error of one field's value; nullopt when it is complete.
std::optional<FieldError> error_of(const FieldSpec& field, std::string_view value);

}  // namespace kiosk::forms

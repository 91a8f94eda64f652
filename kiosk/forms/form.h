// A service's form: its table of fields, and the check of a whole form before review.
//
// The table's source is the one thing the services issue changes: today every service
// asks for the applicant's name, mobile and Aadhaar number (applicant_form); then each
// service's `fields` in the catalogue will give it. Everything else (the core's checks,
// the errors in the snapshot, the screens) works from a Form whatever its source.
#pragma once

#include <map>
#include <string>

#include "kiosk/forms/field.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::forms {

// The form `service` asks the citizen to fill in.
Form form_for(const services::Service& service);

// The field with this id; nullptr when the form has none.
const FieldSpec* find_field(const Form& form, std::string_view id);

// Every field that cannot be submitted as it is, in the form's order (empty: complete).
std::vector<FieldError> validate(const Form& form,
                                 const std::map<std::string, std::string>& values);

// The error of one field's value; nullopt when it is complete.
std::optional<FieldError> error_of(const FieldSpec& field, std::string_view value);

}  // namespace kiosk::forms

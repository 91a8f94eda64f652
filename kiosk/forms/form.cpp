#include "kiosk/forms/form.h"

#include <algorithm>

#include "kiosk/forms/rules.h"

namespace kiosk::forms {

// The applicant's details every service asks for until the catalogue gives each its own.
Form form_for(const services::Service&) {
  return {FieldSpec{
              .id = "name", .kind = FieldKind::Name, .label_key = "details.name", .icon = "person"},
          FieldSpec{.id = "mobile",
                    .kind = FieldKind::Mobile,
                    .label_key = "details.mobile",
                    .icon = "phone_iphone"},
          FieldSpec{.id = "aadhaar",
                    .kind = FieldKind::Aadhaar,
                    .label_key = "details.aadhaar",
                    .icon = "badge"}};
}

const FieldSpec* find_field(const Form& form, std::string_view id) {
  auto it = std::ranges::find(form, id, &FieldSpec::id);
  return it == form.end() ? nullptr : &*it;
}

std::optional<FieldError> error_of(const FieldSpec& field, std::string_view value) {
  auto problem = check(field, value);
  if (!problem) return std::nullopt;
  return FieldError{field.id, std::move(problem->code), std::move(problem->args)};
}

std::vector<FieldError> validate(const Form& form,
                                 const std::map<std::string, std::string>& values) {
  std::vector<FieldError> errors;
  for (const FieldSpec& field : form) {
    auto it = values.find(field.id);
    if (auto e = error_of(field, it == values.end() ? std::string_view() : it->second))
      errors.push_back(std::move(*e));
  }
  return errors;
}

}  // namespace kiosk::forms

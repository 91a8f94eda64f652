#include "kiosk/forms/form.h"

#include <algorithm>

#include "kiosk/forms/rules.h"

namespace kiosk::forms {

Form applicant_form() {
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

Form form_for(const services::Service& service, std::string_view today) {
  if (service.kind == services::ServiceKind::StatusLookup)
    return {FieldSpec{.id = "receipt_no",
                      .kind = FieldKind::Receipt,
                      .label_key = "status.receipt_no",
                      .icon = "receipt_long"}};
  if (service.fields.empty()) return applicant_form();
  Form form = service.fields;
  for (FieldSpec& field : form) {
    if (field.not_before == "today") field.not_before = today;
    if (field.not_after == "today") field.not_after = today;
  }
  return form;
}

std::optional<std::string> transaction_value(const FieldSpec& field, std::string_view value) {
  if (value.empty() || field.id == "name" || field.id == "mobile" || field.id == "aadhaar")
    return std::nullopt;
  switch (field.kind) {
    case FieldKind::Date:
      return iso_date(value);
    case FieldKind::Amount:
      if (auto paise = paise_from_rupees(value)) return std::to_string(*paise);
      return std::nullopt;
    default:
      return std::string(value);
  }
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

#include "kiosk/app/form_session.h"

#include <algorithm>

#include "kiosk/core/log.h"
#include "kiosk/forms/form.h"
#include "kiosk/forms/rules.h"

namespace kiosk::app {
namespace {

void clear_error(Snapshot& s, std::string_view field) {
  std::erase_if(s.field_errors, [&](const forms::FieldError& e) { return e.field == field; });
}

// Kept in the form's order, so the summary and "the first field in error" agree.
void put_error(Snapshot& s, forms::FieldError error) {
  clear_error(s, error.field);
  s.field_errors.push_back(std::move(error));
  std::ranges::stable_sort(s.field_errors, {}, [&](const forms::FieldError& e) {
    return std::ranges::find(s.form, e.field, &forms::FieldSpec::id) - s.form.begin();
  });
}

std::string value_of(const Snapshot& s, std::string_view field) {
  auto it = s.fields.find(std::string(field));
  return it == s.fields.end() ? std::string() : it->second;
}

}  // namespace

void open_form(Snapshot& s, forms::Form form) {
  // Going home (an empty form) keeps them for the next service.
  if (!form.empty())
    std::erase_if(s.fields, [&](const auto& kv) { return !forms::find_field(form, kv.first); });
  s.form = std::move(form);
  s.field_errors.clear();
  s.details_checked = false;
  s.focused_field.clear();
}

bool set_field(Snapshot& s, const std::string& field, const std::string& value) {
  const forms::FieldSpec* spec = forms::find_field(s.form, field);
  if (spec == nullptr) {
    log::warn("core", "refused a value for '{}': the form has no such field", field);
    return false;
  }
  if (auto problem = forms::typing_problem(*spec, value)) {
    // The value itself is citizen data: only the field and the rule it broke are logged.
    log::info("core", "refused a value for '{}': {}", field, problem->code);
    put_error(s, {field, problem->code, problem->args});
    return false;
  }
  s.fields[field] = value;
  auto error = s.details_checked ? forms::error_of(*spec, value) : std::nullopt;
  if (error) {
    put_error(s, std::move(*error));
  } else {
    clear_error(s, field);
  }
  return true;
}

bool focus_field(Snapshot& s, const std::string& field) {
  if (!field.empty() && forms::find_field(s.form, field) == nullptr) return false;
  const forms::FieldSpec* left = forms::find_field(s.form, s.focused_field);
  if (left != nullptr && left->id != field) {
    const std::string value = value_of(s, left->id);
    if (auto error = forms::error_of(*left, value); error && !value.empty())
      put_error(s, std::move(*error));
  }
  s.focused_field = field;
  return true;
}

bool review_form(Snapshot& s) {
  s.field_errors = forms::validate(s.form, s.fields);
  s.details_checked = true;
  if (s.field_errors.empty()) return true;
  log::info("core", "review refused: {} field(s) to fix, first '{}'", s.field_errors.size(),
            s.field_errors.front().field);
  s.focused_field = s.field_errors.front().field;
  return false;
}

}  // namespace kiosk::app

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

// A secret field's value is read where it lives; nothing here copies it.
std::string_view value_of(const Snapshot& s, const SecretFields& secrets,
                          const forms::FieldSpec& spec) {
  if (is_secret(spec)) return secrets.value(spec.id);
  auto it = s.fields.find(spec.id);
  return it == s.fields.end() ? std::string_view() : std::string_view(it->second);
}

// After a value changed: its error as the rules of the moment want it.
void value_changed(Snapshot& s, const SecretFields& secrets, const forms::FieldSpec& spec) {
  auto error = s.details_checked ? forms::error_of(spec, value_of(s, secrets, spec)) : std::nullopt;
  if (error) {
    put_error(s, std::move(*error));
  } else {
    clear_error(s, spec.id);
  }
}

}  // namespace

void open_form(Snapshot& s, SecretFields& secrets, forms::Form form) {
  // Going home (an empty form) keeps them for the next service.
  if (!form.empty()) {
    std::erase_if(s.fields, [&](const auto& kv) { return !forms::find_field(form, kv.first); });
    for (const auto& spec : s.form)
      if (!forms::find_field(form, spec.id)) secrets.erase(spec.id);
  }
  s.form = std::move(form);
  s.field_errors.clear();
  s.details_checked = false;
  s.focused_field.clear();
}

bool set_field(Snapshot& s, SecretFields& secrets, const std::string& field,
               std::string_view value) {
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
  if (is_secret(*spec)) {
    (void)secrets.set(field, value);
    s.fields[field] = secrets.mask(field);
  } else {
    s.fields[field] = std::string(value);
  }
  value_changed(s, secrets, *spec);
  return true;
}

bool type_secret(Snapshot& s, SecretFields& secrets, const std::string& field, char key) {
  const forms::FieldSpec* spec = forms::find_field(s.form, field);
  if (spec == nullptr || !is_secret(*spec)) {
    log::warn("core", "refused a key for '{}': not a secret field of the form", field);
    return false;
  }
  if (auto problem = secrets.type(*spec, key)) {
    log::info("core", "refused a key for '{}': {}", field, problem->code);
    put_error(s, {field, problem->code, problem->args});
    return false;
  }
  s.fields[field] = secrets.mask(field);
  if (s.fields[field].empty()) s.fields.erase(field);
  value_changed(s, secrets, *spec);
  return true;
}

bool focus_field(Snapshot& s, const SecretFields& secrets, const std::string& field) {
  if (!field.empty() && forms::find_field(s.form, field) == nullptr) return false;
  const forms::FieldSpec* left = forms::find_field(s.form, s.focused_field);
  if (left != nullptr && left->id != field) {
    const std::string_view value = value_of(s, secrets, *left);
    if (auto error = forms::error_of(*left, value); error && !value.empty())
      put_error(s, std::move(*error));
  }
  s.focused_field = field;
  return true;
}

bool review_form(Snapshot& s, const SecretFields& secrets) {
  s.field_errors.clear();
  for (const forms::FieldSpec& spec : s.form) {
    if (auto e = forms::error_of(spec, value_of(s, secrets, spec))) s.field_errors.push_back(*e);
  }
  s.details_checked = true;
  if (s.field_errors.empty()) return true;
  log::info("core", "review refused: {} field(s) to fix, first '{}'", s.field_errors.size(),
            s.field_errors.front().field);
  s.focused_field = s.field_errors.front().field;
  return false;
}

}  // namespace kiosk::app

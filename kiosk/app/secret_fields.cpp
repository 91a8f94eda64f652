#include "kiosk/app/secret_fields.h"

#include "kiosk/core/log.h"
#include "kiosk/forms/rules.h"

namespace kiosk::app {
namespace {

// 12 digits, or 14 with the card's two spaces; room to spare for a refused 13th key.
constexpr std::size_t kSecretCapacity = 16;

}  // namespace

bool is_secret(const forms::FieldSpec& field) {
  return field.kind == forms::FieldKind::Aadhaar;
}

std::string_view SecretFields::value(const std::string& field) const {
  auto it = values_.find(field);
  return it == values_.end() ? std::string_view() : it->second.view();
}

Secret& SecretFields::slot(const std::string& field) {
  auto it = values_.find(field);
  if (it != values_.end()) return it->second;
  auto made = Secret::with_capacity(kSecretCapacity);
  if (!made) log::error("core", "secret field '{}': {}", field, made.error().message);
  return values_.emplace(field, made ? std::move(*made) : Secret()).first->second;
}

bool SecretFields::set(const std::string& field, std::string_view value) {
  Secret& secret = slot(field);
  secret.clear();
  return secret.append(value);
}

std::optional<forms::Problem> SecretFields::type(const forms::FieldSpec& field, char key) {
  Secret& secret = slot(field.id);
  if (key == '\b') {
    secret.pop_back();
    return std::nullopt;
  }
  if (!secret.push_back(key)) return forms::Problem{"digits_max", {"12"}};
  // Checked in place, in the Secret: the rules look at a string_view and copy nothing.
  auto problem = forms::typing_problem(field, secret.view());
  if (problem) secret.pop_back();
  return problem;
}

std::string SecretFields::mask(const std::string& field) const {
  const std::string_view typed = value(field);
  std::string out;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(i + 4 < typed.size() ? 'X' : typed[i]);
  }
  return out;
}

void SecretFields::erase(const std::string& field) {
  values_.erase(field);
}

void SecretFields::clear() {
  values_.clear();
}

}  // namespace kiosk::app

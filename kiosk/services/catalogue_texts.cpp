#include "kiosk/services/catalogue_texts.h"

namespace kiosk::services {
namespace {

void add(std::vector<CatalogueText>& out, const std::string& key, const LocalText& text) {
  for (const auto& [language, words] : text) out.push_back({language, key, words});
}

void add_service(std::vector<CatalogueText>& out, const Service& service) {
  for (const auto& field : service.fields) {
    const auto it = service.field_texts.find(field.id);
    if (it == service.field_texts.end()) continue;  // a field built in code
    add(out, field.label_key, it->second.label);
    if (!field.help_key.empty()) add(out, field.help_key, it->second.help);
    for (const auto& choice : field.choices) {
      if (auto c = it->second.choices.find(choice.id); c != it->second.choices.end())
        add(out, choice.label_key, c->second);
    }
  }
  if (!service.consent) return;
  const std::string prefix = "svc." + service.id + ".consent.";
  add(out, prefix + "purpose", service.consent->purpose);
  add(out, prefix + "data", service.consent->data);
  add(out, prefix + "alternatives", service.consent->alternatives);
}

}  // namespace

std::vector<CatalogueText> catalogue_texts(const Catalogue& catalogue) {
  std::vector<CatalogueText> out;
  for (const Service& service : catalogue.services) add_service(out, service);
  return out;
}

void add_catalogue_texts(i18n::Strings& strings, const Catalogue& catalogue) {
  for (auto& t : catalogue_texts(catalogue)) {
    if (strings.has_language(t.language)) strings.set(t.language, t.key, std::move(t.text));
  }
}

}  // namespace kiosk::services

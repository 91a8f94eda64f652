// A catalogue's own texts (field labels and help, choice labels, consent) as i18n keys, so
// the screens, the voice guide and the error messages name catalogue fields exactly as
// they name built-in ones (docs/catalogue.md, "Texts and languages"):
//   svc.<service>.<field>            the label
//   svc.<service>.<field>.help       the help line
//   svc.<service>.<field>.<choice>   a choice's label
//   svc.<service>.consent.purpose / .data / .alternatives
#pragma once

#include <string>
#include <vector>

#include "kiosk/i18n/strings.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::services {

struct CatalogueText {
  std::string language, key, text;
  bool operator==(const CatalogueText&) const = default;
};

std::vector<CatalogueText> catalogue_texts(const Catalogue& catalogue);

// Adds the catalogue's texts to `strings`, in the languages `strings` has; called after the
// i18n files are loaded and before a bundle's string overrides.
void add_catalogue_texts(i18n::Strings& strings, const Catalogue& catalogue);

}  // namespace kiosk::services

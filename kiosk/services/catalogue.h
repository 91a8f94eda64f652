// The service catalogue: what a citizen can do at this kiosk, with fees, how long it takes,
// the documents to bring and a pictogram for each. Loaded from
// assets/services/catalogue.json (schema: docs/catalogue.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::services {

// Text in each language, keyed by language code ("en", "hi").
using LocalText = std::map<std::string, std::string, std::less<>>;

// A document the citizen must bring, with its pictogram (an icon name from the icon
// font's map, text.icon_names; "description" when the catalogue names none).
struct Document {
  LocalText title;
  std::string icon = "description";
  bool operator==(const Document&) const = default;
};

// A group of services on the home screen (shown as tabs once there are more than eight).
struct Category {
  std::string id;  // e.g. "certificates"
  LocalText title;
  std::string icon;
  bool operator==(const Category&) const = default;
};

struct Service {
  std::string id;  // e.g. "cg.edistrict.income_certificate"
  LocalText title;
  LocalText summary;
  std::vector<Document> documents;  // what the citizen must bring
  // A price has two parts (contract: amount and fee are different figures): the amount
  // (the government's fee, or the bill) and the CSC's service charge (the fee).
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  std::string icon;      // the tile's pictogram: an icon name (text.icon_names)
  std::string category;  // a Category id of the same catalogue
  int minutes = 0;       // how long it takes at the kiosk, shown on the tile
  std::int64_t total_paise() const { return amount_paise + fee_paise; }
  bool operator==(const Service&) const = default;
};

struct Catalogue {
  std::vector<Category> categories;  // in display order
  std::vector<Service> services;     // in display order
  bool operator==(const Catalogue&) const = default;
};

// The text for `language`, falling back to English, then to any text at all.
std::string_view pick(const LocalText& text, std::string_view language);

// Bounded (1 MiB) and strict: a service's category must be declared, its icon a plain
// name, its minutes 1 to 600; every error names the entry. The catalogue may come from a
// signed bundle, so its parser has a fuzz target (tests/fuzz/catalogue.fuzz.cpp).
inline constexpr std::size_t kMaxCatalogueBytes = 1u << 20;
Result<Catalogue> parse_catalogue(std::string_view json_text);
Result<Catalogue> load_catalogue(const std::filesystem::path& file);

}  // namespace kiosk::services

// The service catalogue: what a citizen can do at this kiosk, with fees and the
// documents to bring. Loaded from assets/services/catalogue.json.
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

struct Service {
  std::string id;  // e.g. "cg.edistrict.income_certificate"
  LocalText title;
  LocalText summary;
  std::vector<LocalText> documents;  // what the citizen must bring
  // A price has two parts (contract: amount and fee are different figures): the amount
  // (the government's fee, or the bill) and the CSC's service charge (the fee).
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  std::int64_t total_paise() const { return amount_paise + fee_paise; }
  bool operator==(const Service&) const = default;
};

// The text for `language`, falling back to English, then to any text at all.
std::string_view pick(const LocalText& text, std::string_view language);

Result<std::vector<Service>> parse_catalogue(std::string_view json_text);
Result<std::vector<Service>> load_catalogue(const std::filesystem::path& file);

}  // namespace kiosk::services

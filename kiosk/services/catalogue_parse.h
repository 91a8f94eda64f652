// The catalogue parser's shared pieces (catalogue.cpp: categories and services;
// catalogue_fields.cpp: consent and fields). Internal to kiosk/services.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::services::detail {

// Text per language with "en" at least; an "icon" key beside the languages is skipped.
Result<LocalText> local_text(const nlohmann::json& node, std::string_view where);
// An icon name as the icon font's map spells them: "description", "electric_bolt".
Result<std::string> icon_name(const nlohmann::json& node, std::string_view where);
inline std::unexpected<Error> invalid(std::string message) {
  return fail(Errc::InvalidInput, std::move(message));
}

// The consent, the biller and the form of `service` (whose id, kind and identity are
// parsed). `where` is "services[i] (id)".
Status parse_consent(const nlohmann::json& node, const std::string& where, Service& service);
Status parse_biller(const nlohmann::json& node, const std::string& where, Service& service);
Status parse_fields(const nlohmann::json& node, const std::string& where, Service& service);

}  // namespace kiosk::services::detail

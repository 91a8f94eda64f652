#include "kiosk/services/catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/core/file.h"
#include "kiosk/services/catalogue_parse.h"

namespace kiosk::services {
namespace detail {

using nlohmann::json;

constexpr std::string_view kIconKey = "icon";

// Text per language; `icon` beside the languages is not a language (documents carry it).
Result<LocalText> local_text(const json& node, std::string_view where) {
  if (!node.is_object() || node.empty() || !node.contains("en")) {
    return fail(Errc::InvalidInput, fmt::format("{}: needs an object with at least \"en\"", where));
  }
  LocalText out;
  for (const auto& [lang, text] : node.items()) {
    if (lang == kIconKey) continue;
    if (!text.is_string() || text.get<std::string>().empty()) {
      return fail(Errc::InvalidInput, fmt::format("{}.{}: must be non-empty text", where, lang));
    }
    out.emplace(lang, text.get<std::string>());
  }
  return out;
}

// An icon name as the icon font's map spells them: "description", "electric_bolt".
Result<std::string> icon_name(const json& node, std::string_view where) {
  static const std::regex pattern("[a-z0-9_]{1,64}");
  if (!node.is_string() || !std::regex_match(node.get<std::string>(), pattern))
    return fail(Errc::InvalidInput,
                fmt::format("{}: \"icon\" must be an icon name like \"description\"", where));
  return node.get<std::string>();
}

}  // namespace detail

namespace {

using detail::icon_name;
using detail::invalid;
using detail::kIconKey;
using detail::local_text;
using nlohmann::json;

constexpr std::string_view kServiceKeys =
    " id kind amount_paise fee_paise icon category minutes title summary documents requires "
    "identity consent biller_id fields ";

// K1 and K2: the kind first (the other rules depend on it), and no key we do not know.
Status parse_kind(const json& node, const std::string& where, Service& s) {
  static const std::map<std::string, ServiceKind, std::less<>> kinds{
      {"application", ServiceKind::Application},
      {"bill_payment", ServiceKind::BillPayment},
      {"status_lookup", ServiceKind::StatusLookup}};
  const json kind = node.value("kind", json());
  const auto it = kind.is_string() ? kinds.find(kind.get<std::string>()) : kinds.end();
  if (it == kinds.end())
    return invalid(where +
                   ": \"kind\" must be \"application\", \"bill_payment\" or \"status_lookup\"");
  s.kind = it->second;
  for (const auto& [key, value] : node.items()) {
    if (kServiceKeys.find(" " + key + " ") == std::string_view::npos)
      return invalid(fmt::format("{}: unknown key \"{}\"", where, key));
  }
  return {};
}

// K3 and K4: a bill's amount comes from the fetched bill; a status lookup is free.
Status price_fits_kind(const std::string& where, const Service& s) {
  if (s.kind == ServiceKind::BillPayment && s.amount_paise != 0)
    return invalid(where +
                   ": \"amount_paise\" must be 0 for a bill_payment service: the amount comes "
                   "from the fetched bill");
  if (s.kind == ServiceKind::StatusLookup && (s.amount_paise != 0 || s.fee_paise != 0))
    return invalid(where +
                   ": a status_lookup service is free: \"amount_paise\" and \"fee_paise\" must "
                   "be 0");
  return {};
}

// R1, I1 and I2.
Status parse_needs(const json& node, const std::string& where, Service& s) {
  static const std::map<std::string, Device, std::less<>> devices{
      {"printer", Device::Printer},
      {"scanner", Device::Scanner},
      {"fingerprint", Device::Fingerprint}};
  const json list = node.value("requires", json::array());
  const auto bad_requires = [&] {
    return invalid(where +
                   ": \"requires\" must be a list of \"printer\", \"scanner\" and "
                   "\"fingerprint\", each at most once");
  };
  if (!list.is_array()) return bad_requires();
  for (const json& d : list) {
    const auto it = d.is_string() ? devices.find(d.get<std::string>()) : devices.end();
    if (it == devices.end() ||
        std::ranges::find(s.required_devices, it->second) != s.required_devices.end())
      return bad_requires();
    s.required_devices.push_back(it->second);
  }
  static const std::map<std::string, Identity, std::less<>> identities{
      {"none", Identity::None},
      {"aadhaar_qr", Identity::AadhaarQr},
      {"fingerprint", Identity::Fingerprint},
      {"either", Identity::Either}};
  const json identity = node.value("identity", json("none"));
  const auto it =
      identity.is_string() ? identities.find(identity.get<std::string>()) : identities.end();
  if (it == identities.end())
    return invalid(where +
                   ": \"identity\" must be \"none\", \"aadhaar_qr\", \"fingerprint\" or "
                   "\"either\"");
  s.identity = it->second;
  if (s.identity != Identity::None && s.kind != ServiceKind::Application)
    return invalid(fmt::format("{}: \"identity\" must be \"none\" for a {} service", where,
                               to_string(s.kind)));
  return {};
}

Status parse_price(const json& node, const std::string& where, Service& s) {
  // Whole paise, at most ₹1 crore each: no float, no overflow when they are added.
  constexpr std::int64_t kMaxPaise = 1'000'000'000;
  for (const char* key : {"amount_paise", "fee_paise"}) {
    if (!node.contains(key) || !node[key].is_number_integer() ||
        node[key].get<std::int64_t>() < 0 || node[key].get<std::int64_t>() > kMaxPaise) {
      return fail(Errc::InvalidInput,
                  fmt::format("{} ({}): \"{}\" must be a whole number of paise, 0 to {}", where,
                              s.id, key, kMaxPaise));
    }
  }
  s.amount_paise = node["amount_paise"].get<std::int64_t>();
  s.fee_paise = node["fee_paise"].get<std::int64_t>();
  return {};
}

Status parse_tile(const json& node, const std::string& where, Service& s) {
  auto icon = icon_name(node.value("icon", json()), where);
  if (!icon) return std::unexpected(icon.error());
  s.icon = std::move(*icon);
  if (!node.contains("category") || !node["category"].is_string())
    return fail(Errc::InvalidInput, fmt::format("{} ({}): needs a \"category\"", where, s.id));
  s.category = node["category"].get<std::string>();
  const json minutes = node.value("minutes", json());
  if (!minutes.is_number_integer() || minutes.get<long>() < 1 || minutes.get<long>() > 600)
    return fail(Errc::InvalidInput,
                fmt::format("{} ({}): \"minutes\" must be a whole number, 1 to 600", where, s.id));
  s.minutes = minutes.get<int>();
  return {};
}

Status parse_documents(const json& node, const std::string& where, Service& s) {
  const json docs = node.value("documents", json::array());
  if (!docs.is_array()) return fail(Errc::InvalidInput, where + ".documents: must be a list");
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string at = fmt::format("{}.documents[{}]", where, i);
    auto title = local_text(docs[i], at);
    if (!title) return std::unexpected(title.error());
    Document doc{std::move(*title)};
    if (docs[i].contains(kIconKey)) {
      auto icon = icon_name(docs[i][kIconKey], at);
      if (!icon) return std::unexpected(icon.error());
      doc.icon = std::move(*icon);
    }
    s.documents.push_back(std::move(doc));
  }
  return {};
}

Result<Service> parse_service(const json& node, std::size_t index) {
  const std::string where = fmt::format("services[{}]", index);
  static const std::regex id_pattern("[a-z0-9_]+(\\.[a-z0-9_]+)+");
  if (!node.is_object() || !node.contains("id") || !node["id"].is_string() ||
      !std::regex_match(node["id"].get<std::string>(), id_pattern)) {
    return fail(Errc::InvalidInput,
                fmt::format("{}: needs an \"id\" like \"cg.edistrict.x\"", where));
  }
  Service s;
  s.id = node["id"].get<std::string>();
  const std::string named = fmt::format("{} ({})", where, s.id);
  if (auto kind = parse_kind(node, named, s); !kind) return std::unexpected(kind.error());
  if (auto price = parse_price(node, where, s); !price) return std::unexpected(price.error());
  if (auto fits = price_fits_kind(named, s); !fits) return std::unexpected(fits.error());
  if (auto tile = parse_tile(node, where, s); !tile) return std::unexpected(tile.error());
  auto title = local_text(node.value("title", json()), where + ".title");
  if (!title) return std::unexpected(title.error());
  s.title = std::move(*title);
  auto summary = local_text(node.value("summary", json()), where + ".summary");
  if (!summary) return std::unexpected(summary.error());
  s.summary = std::move(*summary);
  if (auto docs = parse_documents(node, where, s); !docs) return std::unexpected(docs.error());
  for (auto* step :
       {&parse_needs, &detail::parse_consent, &detail::parse_biller, &detail::parse_fields}) {
    if (auto ok = step(node, named, s); !ok) return std::unexpected(ok.error());
  }
  return s;
}

Result<std::vector<Category>> parse_categories(const json& doc) {
  std::vector<Category> out;
  const json list = doc.value("categories", json());
  if (!list.is_array() || list.empty())
    return fail(Errc::InvalidInput, "the catalogue needs a \"categories\" list");
  static const std::regex id_pattern("[a-z0-9_]{1,32}");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = fmt::format("categories[{}]", i);
    const json& c = list[i];
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() ||
        !std::regex_match(c["id"].get<std::string>(), id_pattern))
      return fail(Errc::InvalidInput, where + ": needs an \"id\" like \"certificates\"");
    auto title = local_text(c.value("title", json()), where + ".title");
    if (!title) return std::unexpected(title.error());
    auto icon = icon_name(c.value("icon", json()), where);
    if (!icon) return std::unexpected(icon.error());
    if (std::ranges::find(out, c["id"].get<std::string>(), &Category::id) != out.end())
      return fail(Errc::InvalidInput, where + ": category listed twice");
    out.push_back({c["id"].get<std::string>(), std::move(*title), std::move(*icon)});
  }
  return out;
}

}  // namespace

std::string_view to_string(ServiceKind kind) {
  switch (kind) {
    case ServiceKind::BillPayment:
      return "bill_payment";
    case ServiceKind::StatusLookup:
      return "status_lookup";
    case ServiceKind::Application:
      break;
  }
  return "application";
}

std::string_view pick(const LocalText& text, std::string_view language) {
  if (auto it = text.find(language); it != text.end()) return it->second;
  if (auto it = text.find("en"); it != text.end()) return it->second;
  return text.empty() ? std::string_view() : std::string_view(text.begin()->second);
}

Result<Catalogue> parse_catalogue(std::string_view json_text) {
  if (json_text.size() > kMaxCatalogueBytes)
    return fail(Errc::InvalidInput, "the service catalogue is over 1 MiB");
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("services") ||
      !doc["services"].is_array()) {
    return fail(Errc::InvalidInput,
                "service catalogue must be a JSON object with a \"services\" list");
  }
  Catalogue out;
  auto categories = parse_categories(doc);
  if (!categories) return std::unexpected(categories.error());
  out.categories = std::move(*categories);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < doc["services"].size(); ++i) {
    auto service = parse_service(doc["services"][i], i);
    if (!service) return std::unexpected(service.error());
    if (!ids.insert(service->id).second) {
      return fail(Errc::InvalidInput, fmt::format("service \"{}\" is listed twice", service->id));
    }
    if (std::ranges::find(out.categories, service->category, &Category::id) == out.categories.end())
      return fail(Errc::InvalidInput, fmt::format("services[{}] ({}): category \"{}\" is not in "
                                                  "\"categories\"",
                                                  i, service->id, service->category));
    out.services.push_back(std::move(*service));
  }
  return out;
}

Result<Catalogue> load_catalogue(const std::filesystem::path& file) {
  auto text = read_text_file(file);
  if (!text) return std::unexpected(text.error());
  auto parsed = parse_catalogue(*text);
  if (!parsed) {
    return fail(parsed.error().code, fmt::format("{}: {}", file.string(), parsed.error().message));
  }
  return parsed;
}

}  // namespace kiosk::services

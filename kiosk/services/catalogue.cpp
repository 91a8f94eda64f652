#include "kiosk/services/catalogue.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "kiosk/core/file.h"

namespace kiosk::services {
namespace {

using nlohmann::json;

Result<LocalText> local_text(const json& node, std::string_view where) {
  if (!node.is_object() || node.empty() || !node.contains("en")) {
    return fail(Errc::InvalidInput, fmt::format("{}: needs an object with at least \"en\"", where));
  }
  LocalText out;
  for (const auto& [lang, text] : node.items()) {
    if (!text.is_string() || text.get<std::string>().empty()) {
      return fail(Errc::InvalidInput, fmt::format("{}.{}: must be non-empty text", where, lang));
    }
    out.emplace(lang, text.get<std::string>());
  }
  return out;
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
  auto title = local_text(node.value("title", json()), where + ".title");
  if (!title) return std::unexpected(title.error());
  s.title = std::move(*title);
  auto summary = local_text(node.value("summary", json()), where + ".summary");
  if (!summary) return std::unexpected(summary.error());
  s.summary = std::move(*summary);
  const json docs = node.value("documents", json::array());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto doc = local_text(docs[i], fmt::format("{}.documents[{}]", where, i));
    if (!doc) return std::unexpected(doc.error());
    s.documents.push_back(std::move(*doc));
  }
  return s;
}

}  // namespace

std::string_view pick(const LocalText& text, std::string_view language) {
  if (auto it = text.find(language); it != text.end()) return it->second;
  if (auto it = text.find("en"); it != text.end()) return it->second;
  return text.empty() ? std::string_view() : std::string_view(text.begin()->second);
}

Result<std::vector<Service>> parse_catalogue(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("services") ||
      !doc["services"].is_array()) {
    return fail(Errc::InvalidInput,
                "service catalogue must be a JSON object with a \"services\" list");
  }
  std::vector<Service> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < doc["services"].size(); ++i) {
    auto service = parse_service(doc["services"][i], i);
    if (!service) return std::unexpected(service.error());
    if (!ids.insert(service->id).second) {
      return fail(Errc::InvalidInput, fmt::format("service \"{}\" is listed twice", service->id));
    }
    out.push_back(std::move(*service));
  }
  return out;
}

Result<std::vector<Service>> load_catalogue(const std::filesystem::path& file) {
  auto text = read_text_file(file);
  if (!text) return std::unexpected(text.error());
  auto parsed = parse_catalogue(*text);
  if (!parsed) {
    return fail(parsed.error().code, fmt::format("{}: {}", file.string(), parsed.error().message));
  }
  return parsed;
}

}  // namespace kiosk::services

#include "kiosk/i18n/strings.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/core/file.h"
#include "kiosk/core/log.h"

namespace kiosk::i18n {

Strings::Strings(Strings&& other) noexcept : tables_(std::move(other.tables_)) {}

Strings& Strings::operator=(Strings&& other) noexcept {
  tables_ = std::move(other.tables_);
  return *this;
}

Result<Strings> Strings::from_json_texts(const std::map<std::string, std::string>& lang_to_json) {
  Strings out;
  for (const auto& [lang, text] : lang_to_json) {
    const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
      return fail(Errc::InvalidInput, fmt::format("catalogue '{}' must be a JSON object", lang));
    }
    Table table;
    for (const auto& [key, value] : doc.items()) {
      if (!value.is_string()) {
        return fail(Errc::InvalidInput,
                    fmt::format("catalogue '{}': key '{}' must be text", lang, key));
      }
      table.emplace(key, value.get<std::string>());
    }
    out.tables_.emplace(lang, std::move(table));
  }
  if (!out.tables_.contains("en"))
    return fail(Errc::InvalidInput, "the English catalogue is required");
  return out;
}

Result<Strings> Strings::load(const std::filesystem::path& dir,
                              std::span<const std::string> languages) {
  std::map<std::string, std::string> texts;
  std::set<std::string> wanted(languages.begin(), languages.end());
  wanted.insert("en");
  for (const std::string& lang : wanted) {
    const auto file = dir / (lang + ".json");
    auto text = read_text_file(file);
    if (!text) return std::unexpected(text.error());
    texts.emplace(lang, std::move(*text));
  }
  return from_json_texts(texts);
}

std::string_view Strings::get(std::string_view language, std::string_view key) const {
  const auto lookup = [&](std::string_view lang) -> const std::string* {
    auto table = tables_.find(lang);
    if (table == tables_.end()) return nullptr;
    auto it = table->second.find(key);
    return it == table->second.end() ? nullptr : &it->second;
  };
  if (const std::string* text = lookup(language)) return *text;
  const std::string* english = lookup("en");
  {
    std::lock_guard lock(logged_mutex_);
    if (logged_.insert(fmt::format("{}/{}", language, key)).second) {
      log::warn("i18n", "no text for '{}' in '{}'; {}", key, language,
                english ? "using English" : "showing the key");
    }
  }
  return english ? std::string_view(*english) : key;
}

std::set<std::string> Strings::keys(std::string_view language) const {
  std::set<std::string> out;
  if (auto table = tables_.find(language); table != tables_.end()) {
    for (const auto& [key, _] : table->second) out.insert(key);
  }
  return out;
}

bool Strings::contains(std::string_view language, std::string_view key) const {
  auto table = tables_.find(language);
  return table != tables_.end() && table->second.find(key) != table->second.end();
}

bool Strings::has_language(std::string_view language) const {
  return tables_.contains(language);
}

void Strings::set(std::string_view language, std::string_view key, std::string text) {
  auto table = tables_.find(language);
  if (table == tables_.end()) table = tables_.emplace(std::string(language), Table{}).first;
  table->second.insert_or_assign(std::string(key), std::move(text));
}

}  // namespace kiosk::i18n

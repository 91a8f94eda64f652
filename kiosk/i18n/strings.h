// String catalogues: assets/i18n/<lang>.json, flat {"key": "text"}.
//
// A key missing in a language falls back to English and is logged once per (language,
// key); a key missing in English too comes back as the key itself, also logged once.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::i18n {

class Strings {
 public:
  // Loads <dir>/<lang>.json for each language, and English always.
  static Result<Strings> load(const std::filesystem::path& dir,
                              std::span<const std::string> languages);
  // From already-parsed tables (tests, tools).
  static Result<Strings> from_json_texts(const std::map<std::string, std::string>& lang_to_json);

  Strings() = default;
  Strings(Strings&& other) noexcept;
  Strings& operator=(Strings&& other) noexcept;

  std::string_view get(std::string_view language, std::string_view key) const;
  std::set<std::string> keys(std::string_view language) const;
  // Whether `language` has a text for `key` (no English fallback). Cheap: screens ask it
  // every frame.
  bool contains(std::string_view language, std::string_view key) const;
  bool has_language(std::string_view language) const;
  // A signed bundle's text for a known key (the bundle verifier checked the key and the
  // language); replaces what the file said.
  void set(std::string_view language, std::string_view key, std::string text);

 private:
  using Table = std::map<std::string, std::string, std::less<>>;
  std::map<std::string, Table, std::less<>> tables_;
  mutable std::mutex logged_mutex_;
  mutable std::set<std::string> logged_;
};

}  // namespace kiosk::i18n

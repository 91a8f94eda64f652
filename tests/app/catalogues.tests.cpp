#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "kiosk/core/log.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/services/catalogue.h"
#include "tests/support/paths.h"

using namespace kiosk;

TEST_CASE("Every string key exists in every shipped language", "[i18n][catalogue]") {
  const std::vector<std::string> languages{"hi", "en"};
  auto strings = i18n::Strings::load(testing::assets_dir() / "i18n", languages);
  REQUIRE(strings);
  const auto english = strings->keys("en");
  REQUIRE(english.size() > 5);
  for (const auto& lang : languages) {
    INFO(lang);
    CHECK(strings->keys(lang) == english);
  }
}

TEST_CASE("A missing key falls back to English and is logged once", "[i18n][fallback]") {
  auto strings = i18n::Strings::from_json_texts(
      {{"en", R"({"a": "Apply", "b": "Back"})"}, {"hi", R"({"a": "आवेदन"})"}});
  REQUIRE(strings);
  std::vector<std::string> lines;
  log::set_sink([&](log::Level, std::string_view line) { lines.emplace_back(line); });
  CHECK(strings->get("hi", "a") == "आवेदन");
  CHECK(strings->get("hi", "b") == "Back");
  CHECK(strings->get("hi", "b") == "Back");
  CHECK(strings->get("hi", "zzz") == "zzz");
  log::set_sink(nullptr);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("'b'") != std::string::npos);
}

TEST_CASE("A catalogue without English or with non-text values is refused", "[i18n][validation]") {
  CHECK_FALSE(i18n::Strings::from_json_texts({{"hi", R"({"a": "x"})"}}));
  CHECK_FALSE(i18n::Strings::from_json_texts({{"en", R"({"a": 3})"}}));
  CHECK_FALSE(i18n::Strings::from_json_texts({{"en", R"([1,2])"}}));
}

TEST_CASE("The shipped service catalogue parses with fees and documents in both languages",
          "[services][catalogue]") {
  auto catalogue = services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json");
  REQUIRE(catalogue);
  const auto& list = catalogue->services;
  REQUIRE(list.size() >= 4);
  REQUIRE_FALSE(catalogue->categories.empty());
  for (const auto& s : list) {
    INFO(s.id);
    CHECK(s.title.contains("hi"));
    CHECK(s.summary.contains("hi"));
    CHECK_FALSE(s.icon.empty());
    CHECK(s.minutes > 0);
    CHECK(std::ranges::find(catalogue->categories, s.category, &services::Category::id) !=
          catalogue->categories.end());
    for (const auto& doc : s.documents) CHECK(doc.title.contains("hi"));
  }
  for (const auto& c : catalogue->categories) CHECK(c.title.contains("hi"));
  CHECK(services::pick(list.front().title, "hne") == services::pick(list.front().title, "en"));
}

namespace {

// One service, with `field` replaced (or added) by `value`; a category "c" is declared.
std::string one_service(const std::string& field = "", const std::string& value = "") {
  nlohmann::json s = {{"id", "a.b"},
                      {"kind", "application"},
                      {"consent",
                       {{"version", "v1"},
                        {"purpose", {{"en", "p"}}},
                        {"data", {{"en", "d"}}},
                        {"alternatives", {{"en", "a"}}}}},
                      {"fields", {{{"id", "name"}, {"kind", "name"}, {"label", {{"en", "Name"}}}}}},
                      {"amount_paise", 100},
                      {"fee_paise", 10},
                      {"icon", "print"},
                      {"category", "c"},
                      {"minutes", 5},
                      {"title", {{"en", "x"}}},
                      {"summary", {{"en", "y"}}}};
  if (!field.empty()) s[field] = nlohmann::json::parse(value);
  return nlohmann::json{{"categories", {{{"id", "c"}, {"icon", "home"}, {"title", {{"en", "C"}}}}}},
                        {"services", {s}}}
      .dump();
}

}  // namespace

TEST_CASE("A malformed service catalogue names the bad entry", "[services][validation]") {
  REQUIRE(services::parse_catalogue(one_service()));  // the control: as given, it parses
  const auto bad_fee = services::parse_catalogue(one_service("fee_paise", "-1"));
  REQUIRE_FALSE(bad_fee);
  CHECK(bad_fee.error().message.find("services[0]") != std::string::npos);
  CHECK(bad_fee.error().message.find("fee_paise") != std::string::npos);
  CHECK_FALSE(services::parse_catalogue(one_service("amount_paise", "30.5")));
  CHECK_FALSE(services::parse_catalogue(one_service("amount_paise", "null")));
  const auto twice = services::parse_catalogue(
      R"({"categories":[{"id":"c","icon":"home","title":{"en":"C"}}],"services":[)"
      R"({"id":"a.b","kind":"status_lookup","amount_paise":0,"fee_paise":0,"icon":"home","category":"c","minutes":1,"title":{"en":"x"},"summary":{"en":"y"}},)"
      R"({"id":"a.b","kind":"status_lookup","amount_paise":0,"fee_paise":0,"icon":"home","category":"c","minutes":1,"title":{"en":"x"},"summary":{"en":"y"}}]})");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message.find("twice") != std::string::npos);
  CHECK_FALSE(services::parse_catalogue("not json"));
}

TEST_CASE("A service without its tile's icon, category or time is refused",
          "[services][validation]") {
  const auto unknown_category = services::parse_catalogue(one_service("category", R"("other")"));
  REQUIRE_FALSE(unknown_category);
  CHECK(unknown_category.error().message.find("\"other\" is not in") != std::string::npos);
  CHECK_FALSE(services::parse_catalogue(one_service("icon", R"("Print Me")")));
  CHECK_FALSE(services::parse_catalogue(one_service("icon", "7")));
  CHECK_FALSE(services::parse_catalogue(one_service("minutes", "0")));
  CHECK_FALSE(services::parse_catalogue(one_service("minutes", "601")));
  CHECK_FALSE(services::parse_catalogue(one_service("minutes", R"("5")")));
  const auto with_docs = services::parse_catalogue(
      one_service("documents", R"([{"en":"Aadhaar card","icon":"badge"},{"en":"Photo"}])"));
  REQUIRE(with_docs);
  const auto& docs = with_docs->services[0].documents;
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].icon == "badge");
  CHECK_FALSE(docs[0].title.contains("icon"));  // the icon is not a language
  CHECK(docs[1].icon == "description");         // the default pictogram
  CHECK_FALSE(services::parse_catalogue(std::string(services::kMaxCatalogueBytes + 1, ' ')));
}

TEST_CASE("Every error code has a citizen text in every language", "[i18n][errors]") {
  const std::vector<std::string> languages{"hi", "en"};
  auto strings = i18n::Strings::load(testing::assets_dir() / "i18n", languages);
  REQUIRE(strings);
  using kiosk::Errc;
  for (Errc code :
       {Errc::InvalidInput, Errc::NotFound, Errc::Config, Errc::Io, Errc::Busy, Errc::NoDevice,
        Errc::Timeout, Errc::Corrupt, Errc::Unavailable, Errc::Internal}) {
    const std::string key = "error." + std::string(kiosk::to_string(code));
    for (const auto& lang : languages) {
      INFO(key << " in " << lang);
      CHECK(strings->keys(lang).contains(key));
    }
  }
}

#include <catch2/catch.hpp>
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
  auto services = services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json");
  REQUIRE(services);
  REQUIRE(services->size() >= 4);
  for (const auto& s : *services) {
    INFO(s.id);
    CHECK(s.title.contains("hi"));
    CHECK(s.summary.contains("hi"));
    for (const auto& doc : s.documents) CHECK(doc.contains("hi"));
  }
  CHECK(services::pick(services->front().title, "hne") ==
        services::pick(services->front().title, "en"));
}

TEST_CASE("A malformed service catalogue names the bad entry", "[services][validation]") {
  const auto bad_fee = services::parse_catalogue(
      R"({"services":[{"id":"a.b","amount_paise":100,"fee_paise":-1,"title":{"en":"x"},"summary":{"en":"y"}}]})");
  REQUIRE_FALSE(bad_fee);
  CHECK(bad_fee.error().message.find("services[0]") != std::string::npos);
  CHECK(bad_fee.error().message.find("fee_paise") != std::string::npos);
  const auto no_amount = services::parse_catalogue(
      R"({"services":[{"id":"a.b","fee_paise":100,"title":{"en":"x"},"summary":{"en":"y"}}]})");
  REQUIRE_FALSE(no_amount);
  CHECK(no_amount.error().message.find("amount_paise") != std::string::npos);
  const auto fractional = services::parse_catalogue(
      R"({"services":[{"id":"a.b","amount_paise":30.5,"fee_paise":0,"title":{"en":"x"},)"
      R"("summary":{"en":"y"}}]})");
  CHECK_FALSE(fractional);
  const auto twice = services::parse_catalogue(
      R"({"services":[{"id":"a.b","amount_paise":0,"fee_paise":1,"title":{"en":"x"},"summary":{"en":"y"}},)"
      R"({"id":"a.b","amount_paise":0,"fee_paise":1,"title":{"en":"x"},"summary":{"en":"y"}}]})");
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message.find("twice") != std::string::npos);
  CHECK_FALSE(services::parse_catalogue("not json"));
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

// Errors at the field: what the core refused, shown where the citizen fixes it, named in a
// summary at the top, with the keyboard on the first field in error, and said in listen mode.
#include <catch2/catch.hpp>

#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/catalogues.h"
#include "tests/support/ui_harness.h"
#include "ui/voice/spoken.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

void open_details(UiHarness& h, const std::string& language) {
  h.tap("welcome.language." + language);
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  REQUIRE(h.snapshot().screen == Screen::Details);
}

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(std::string("kb.k.") + c);
}

// The message as the catalogue words it, the field's label first.
std::string message(const UiHarness& h, const std::string& lang, const std::string& code,
                    const std::string& label_key, std::vector<std::string> args = {}) {
  args.insert(args.begin(), std::string(h.strings().get(lang, label_key)));
  const std::string key = "form.error." + code;
  REQUIRE(h.strings().keys(lang).contains(key));
  return ui::spoken_text(h.strings(), lang, key, args);
}

std::string shown(const UiHarness& h, std::string_view id) {
  return std::string(h.hits().text_of(id));
}

}  // namespace

TEST_CASE("Every field's error shows at its field and in the summary, in both languages",
          "[ui][forms][errors][screen]") {
  for (const std::string lang : {"hi", "en"}) {
    INFO(lang);
    UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
    open_details(h, lang);
    CHECK_FALSE(h.has("details.summary"));
    h.tap("details.continue");
    REQUIRE(h.snapshot().screen == Screen::Details);
    // The keyboard is on the first field in error; its message is under it, and the
    // others are named above it.
    REQUIRE(h.snapshot().focused_field == "name");
    CHECK(shown(h, "details.name.error") == message(h, lang, "required", "details.name"));
    CHECK(shown(h, "details.summary").find(h.strings().get(lang, "details.mobile")) !=
          std::string::npos);
    CHECK(shown(h, "details.summary").find(h.strings().get(lang, "details.aadhaar")) !=
          std::string::npos);
    h.tap("kb.k.done");
    // The whole form: each field with its message, and the summary with the same words.
    const std::string summary = shown(h, "details.summary");
    for (const char* id : {"name", "mobile", "aadhaar"}) {
      const std::string expected = message(h, lang, "required", std::string("details.") + id);
      CHECK(shown(h, std::string("details.") + id + ".error") == expected);
      CHECK(summary.find(expected) != std::string::npos);
      CHECK(h.has(std::string("details.summary.") + id));
    }
    CHECK(summary.starts_with(h.strings().get(lang, "form.summary")));
  }
}

TEST_CASE("A wrong value's error says what is wrong with it", "[ui][forms][errors][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "en");
  h.tap("details.mobile");
  type(h, "5");  // refused by the keyboard, and the core says why
  CHECK(h.snapshot().fields.count("mobile") == 0);
  CHECK(shown(h, "details.mobile.error") ==
        "Mobile number: a mobile number starts with 6, 7, 8 or 9.");
  type(h, "98765");
  CHECK_FALSE(h.has("details.mobile.error"));  // typing again clears it
  h.tap("kb.k.done");                          // left half-typed
  CHECK(shown(h, "details.mobile.error") == "Mobile number: enter all 10 digits.");
  h.tap("details.aadhaar");
  type(h, "234567890125");  // the check digit is wrong
  h.tap("kb.k.done");
  CHECK(shown(h, "details.aadhaar.error") ==
        "Aadhaar number: this number is not right. Please check it on your Aadhaar card.");
  h.tap("details.continue");
  CHECK(h.snapshot().focused_field == "name");  // the first field in error, not the last
}

TEST_CASE("The focus moves to the first field in error, and a summary line opens its field",
          "[ui][forms][errors][screen]") {
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue()});
  open_details(h, "hi");
  h.tap("details.name");
  type(h, "sita");
  h.tap("kb.k.done");
  h.tap("details.aadhaar");
  const std::string body = "23456789012";
  type(h, body + qr::verhoeff_check_digit(body));
  h.tap("kb.k.done");
  h.tap("details.continue");
  CHECK(h.snapshot().screen == Screen::Details);
  CHECK(h.snapshot().focused_field == "mobile");
  CHECK(h.has("kb.k.0"));  // its keyboard is open
  type(h, "98765");
  h.tap("kb.k.done");
  h.tap("details.summary.mobile");
  CHECK(h.snapshot().focused_field == "mobile");
  type(h, "43210");
  h.tap("kb.k.done");
  CHECK_FALSE(h.has("details.summary"));  // nothing left to fix
  h.tap("details.continue");
  CHECK(h.snapshot().screen == Screen::Review);
}

TEST_CASE("In listen mode a field's error is said", "[ui][forms][errors][listen][voice]") {
  UiHarness h(
      {.display = ImVec2(1366, 768), .catalogue = testing::applicant_catalogue(), .speaker = true});
  h.tap("welcome.listen");  // outside listen mode a tap acts: listen mode starts
  REQUIRE(h.snapshot().listen_mode);
  for (const char* id :
       {"welcome.language.hi", "home.service.cg.edistrict.income_certificate", "service.apply"}) {
    h.tap(id);
    h.tap(id);
  }
  REQUIRE(h.snapshot().screen == Screen::Details);
  h.tap("details.continue");
  h.tap("details.continue");
  REQUIRE(h.snapshot().focused_field == "name");
  const auto& said = h.speaker()->said;
  REQUIRE_FALSE(said.empty());
  CHECK(said.back().key == "form.error.required");
  REQUIRE(said.back().parts.size() == 1);
  CHECK(said.back().parts[0].text == message(h, "hi", "required", "details.name"));
  CHECK(h.ui().prompt_key() == "form.error.required");
  // The control: with the error mended the typing prompt comes back, and is said too.
  h.tap("kb.k.r");
  h.tap("kb.k.r");
  CHECK(h.ui().prompt_key() == "prompt.typing");
  CHECK(said.back().key == "prompt.typing");
}

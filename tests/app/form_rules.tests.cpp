// The core decides what a field accepts, whatever a screen sends it (kiosk/forms), and
// publishes each field's error in the snapshot.
#include <catch2/catch.hpp>

#include "kiosk/app/app_core.h"
#include "kiosk/services/catalogue.h"
#include "tests/support/catalogues.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;

namespace {

struct Core {
  ManualClock clock;
  AppCore core{clock, CoreSettings{{"hi", "en"}, 90s, false}, catalogue()};

  static services::Catalogue catalogue() {
    // The form mechanics: each service asks for the applicant's three required fields.
    auto c = std::optional(testing::applicant_catalogue());
    REQUIRE(c);
    return *c;
  }
  const Snapshot& run(Command command) {
    core.post(std::move(command));
    core.step();
    return *core.snapshot();
  }
  const Snapshot& s() const { return *core.snapshot(); }
  void open_details() {
    run(ChooseLanguage{"en"});
    run(OpenService{s().services.front().id});
    REQUIRE(run(OpenDetails{}).screen == Screen::Details);
  }
  std::string field(const std::string& id) const {
    auto it = s().fields.find(id);
    return it == s().fields.end() ? "(none)" : it->second;
  }
};

std::vector<std::string> codes(const Snapshot& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors) out.push_back(e.field + ":" + e.code);
  return out;
}

}  // namespace

TEST_CASE("Opening a service puts its form in the snapshot", "[app][core][forms]") {
  Core c;
  c.run(ChooseLanguage{"hi"});
  CHECK(c.s().form.empty());
  c.run(OpenService{c.s().services.front().id});
  REQUIRE(c.s().form.size() == 3);
  CHECK(c.s().form[0].id == "name");
  CHECK(c.s().form[1].kind == forms::FieldKind::Mobile);
  CHECK(c.s().form[2].label_key == "details.aadhaar");
}

TEST_CASE("A value that breaks its field's rule is refused, whatever the screen sent",
          "[app][core][forms]") {
  Core c;
  c.open_details();
  c.run(SetField{"mobile", "98765"});
  CHECK(c.field("mobile") == "98765");  // still being typed: taken
  CHECK(c.s().field_errors.empty());
  c.run(SetField{"mobile", "58765"});  // no mobile starts with 5
  CHECK(c.field("mobile") == "98765");
  CHECK(codes(c.s()) == std::vector<std::string>{"mobile:mobile_start"});
  c.run(SetField{"aadhaar", "2345678901245"});  // 13 digits
  CHECK(c.field("aadhaar") == "(none)");
  c.run(SetField{"name", "Ramesh2"});
  CHECK(c.field("name") == "(none)");
  CHECK(codes(c.s()) == std::vector<std::string>{"name:name_characters", "mobile:mobile_start",
                                                 "aadhaar:digits_max"});
  CHECK(c.s().field_errors[2].args == std::vector<std::string>{"12"});
  c.run(SetField{"name", std::string(4000, 'a')});  // a hostile length
  CHECK(c.field("name") == "(none)");
  c.run(SetField{"pan", "ABCDE1234F"});  // a field the form does not have
  CHECK_FALSE(c.s().fields.contains("pan"));
  c.run(SetField{"mobile", "987654"});  // typed again: the refusal's error goes
  CHECK(codes(c.s()) == std::vector<std::string>{"name:too_long", "aadhaar:digits_max"});
}

TEST_CASE("Outside the details screen no value is taken", "[app][core][forms]") {
  Core c;
  c.run(ChooseLanguage{"en"});
  c.run(SetField{"name", "Sita"});
  CHECK(c.s().fields.empty());
}

TEST_CASE("An incomplete form cannot be reviewed: every error is published, the first focused",
          "[app][core][forms]") {
  Core c;
  c.open_details();
  c.run(ReviewDetails{});
  CHECK(c.s().screen == Screen::Details);
  CHECK(codes(c.s()) ==
        std::vector<std::string>{"name:required", "mobile:required", "aadhaar:required"});
  CHECK(c.s().focused_field == "name");
  c.run(SetField{"name", "Sita Devi"});
  c.run(SetField{"aadhaar", "234567890125"});  // a typo: the check digit is wrong
  c.run(FocusField{""});
  c.run(ReviewDetails{});
  CHECK(c.s().screen == Screen::Details);
  CHECK(codes(c.s()) == std::vector<std::string>{"mobile:required", "aadhaar:aadhaar_checksum"});
  CHECK(c.s().focused_field == "mobile");
  c.run(SetField{"mobile", "9876543210"});
  c.run(SetField{"aadhaar", "234567890124"});
  CHECK(c.s().field_errors.empty());
  CHECK(c.run(ReviewDetails{}).screen == Screen::Review);
}

TEST_CASE("After a refused review, each field's error follows its value", "[app][core][forms]") {
  Core c;
  c.open_details();
  c.run(ReviewDetails{});
  c.run(SetField{"mobile", "98"});
  CHECK(codes(c.s())[1] == "mobile:digits_length");  // no longer empty, not yet whole
  c.run(SetField{"mobile", "9876543210"});
  CHECK(codes(c.s()) == std::vector<std::string>{"name:required", "aadhaar:required"});
  c.run(SetField{"mobile", "987654321"});  // a digit taken back: the error is back
  CHECK(codes(c.s())[1] == "mobile:digits_length");
}

TEST_CASE("Leaving a half-typed field shows its error, leaving an empty one does not",
          "[app][core][forms]") {
  Core c;
  c.open_details();
  c.run(FocusField{"name"});
  c.run(FocusField{"mobile"});  // the name left empty: nothing yet
  CHECK(c.s().field_errors.empty());
  c.run(SetField{"mobile", "98765"});
  c.run(FocusField{""});
  CHECK(codes(c.s()) == std::vector<std::string>{"mobile:digits_length"});
  c.run(FocusField{"pan"});  // not a field of this form: ignored
  CHECK(c.s().focused_field.empty());
}

TEST_CASE("Start over and going home clear the form's errors", "[app][core][forms]") {
  Core c;
  c.open_details();
  c.run(ReviewDetails{});
  REQUIRE_FALSE(c.s().field_errors.empty());
  c.run(GoHome{});
  CHECK(c.s().field_errors.empty());
  CHECK(c.s().form.empty());
  c.open_details();
  c.run(ReviewDetails{});
  c.run(StartOver{});
  CHECK(c.s().field_errors.empty());
  CHECK_FALSE(c.s().details_checked);
  CHECK(c.s().focused_field.empty());
}

TEST_CASE("The Aadhaar number is typed key by key into the core and published masked",
          "[app][core][forms][secret]") {
  Core c;
  c.open_details();
  for (const char key : std::string_view("23456789")) c.run(TypeSecret{"aadhaar", key});
  CHECK(c.field("aadhaar") == "XXXX 6789");
  c.run(TypeSecret{"aadhaar", '1'});  // "234567891": a typo
  c.run(TypeSecret{"aadhaar", '\b'});
  for (const char key : std::string_view("0124")) c.run(TypeSecret{"aadhaar", key});
  CHECK(c.field("aadhaar") == "XXXX XXXX 0124");
  CHECK(c.s().field_errors.empty());
  c.run(TypeSecret{"aadhaar", '5'});  // a 13th digit
  CHECK(c.field("aadhaar") == "XXXX XXXX 0124");
  CHECK(codes(c.s()) == std::vector<std::string>{"aadhaar:digits_max"});
  c.run(TypeSecret{"aadhaar", 'x'});  // the numeric pad has no letters; the core says so too
  CHECK(codes(c.s()) == std::vector<std::string>{"aadhaar:digits_only"});
  c.run(TypeSecret{"name", '1'});  // not a secret field: refused, nothing changes
  CHECK(c.field("name") == "(none)");
  // The review checks the number itself (its Verhoeff digit), not the mask.
  c.run(SetField{"name", "Sita Devi"});
  c.run(SetField{"mobile", "9876543210"});
  CHECK(c.run(ReviewDetails{}).screen == Screen::Review);
}

TEST_CASE("A wrong check digit is found in the secret, and a wipe forgets the number",
          "[app][core][forms][secret]") {
  Core c;
  c.open_details();
  for (const char key : std::string_view("234567890125")) c.run(TypeSecret{"aadhaar", key});
  c.run(ReviewDetails{});
  CHECK(codes(c.s()) ==
        std::vector<std::string>{"name:required", "mobile:required", "aadhaar:aadhaar_checksum"});
  const auto session = c.s().session;
  c.run(StartOver{});
  CHECK(c.s().session == session + 1);
  CHECK(c.s().fields.empty());
  // The secret went with the session: the same form starts empty.
  c.open_details();
  c.run(TypeSecret{"aadhaar", '\b'});
  c.run(ReviewDetails{});
  CHECK(codes(c.s()) ==
        std::vector<std::string>{"name:required", "mobile:required", "aadhaar:required"});
}

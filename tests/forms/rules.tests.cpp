// The rule of every field kind, accepting and refusing, as typing and as a submission.
#include "kiosk/forms/rules.h"

#include <catch2/catch.hpp>
#include <random>

#include "kiosk/forms/form.h"

using namespace kiosk::forms;

namespace {

std::string typing_code(FieldKind kind, std::string_view value) {
  auto p = typing_problem(field_of_kind(kind), value);
  return p ? p->code : "";
}

std::string check_code(const FieldSpec& field, std::string_view value) {
  auto p = check(field, value);
  return p ? p->code : "";
}

std::string check_code(FieldKind kind, std::string_view value) {
  return check_code(field_of_kind(kind), value);
}

}  // namespace

TEST_CASE("A name takes letters of any script with spaces, dots, hyphens and apostrophes",
          "[forms][rules][name]") {
  for (const char* good : {"Ramesh Kumar", "रमेश कुमार", "D'Souza", "A. K. Singh-Rao", "José",
                           "ਗੁਰਪ੍ਰੀਤ", "সুমিতা", "क्‍ष"}) {
    INFO(good);
    CHECK(check_code(FieldKind::Name, good) == "");
  }
  for (const char* bad : {"Ramesh 2", "रमेश ३", "a@b", "नाम।", "tab\there"}) {
    INFO(bad);
    CHECK(typing_code(FieldKind::Name, bad) == "name_characters");
  }
  CHECK(check_code(FieldKind::Name, "") == "required");
  CHECK(check_code(FieldKind::Name, "   ") == "required");
  CHECK(typing_code(FieldKind::Name, std::string(80, 'a')) == "");
  CHECK(typing_code(FieldKind::Name, std::string(81, 'a')) == "too_long");
  CHECK(typing_code(FieldKind::Name, "\xff") == "name_characters");  // not UTF-8
}

TEST_CASE("Free text takes printable text up to 80 codepoints", "[forms][rules][text]") {
  CHECK(check_code(FieldKind::Text, "Ward 12, near the well #3") == "");
  CHECK(typing_code(FieldKind::Text, "line\nbreak") == "text_characters");
  CHECK(typing_code(FieldKind::Text, "\x7f") == "text_characters");
  CHECK(typing_code(FieldKind::Text, std::string(81, 'x')) == "too_long");
  CHECK(check_code(FieldKind::Text, " ") == "required");
}

TEST_CASE("Hindi text takes Devanagari, ZWJ and ZWNJ, and basic punctuation only",
          "[forms][rules][hindi]") {
  CHECK(check_code(FieldKind::HindiText, "ग्राम पंचायत, रायपुर") == "");
  CHECK(check_code(FieldKind::HindiText, "क्\u200Dष") == "");
  CHECK(typing_code(FieldKind::HindiText, "gram") == "hindi_characters");
  CHECK(check_code(FieldKind::HindiText, "") == "required");
}

TEST_CASE("A mobile number is 10 digits starting 6 to 9", "[forms][rules][mobile]") {
  CHECK(check_code(FieldKind::Mobile, "9876543210") == "");
  CHECK(check_code(FieldKind::Mobile, "6000000000") == "");
  CHECK(typing_code(FieldKind::Mobile, "98") == "");  // still being typed
  CHECK(check_code(FieldKind::Mobile, "98") == "digits_length");
  CHECK(check(field_of_kind(FieldKind::Mobile), "98")->args == std::vector<std::string>{"10"});
  for (const char* bad : {"5", "0987654321", "1"})
    CHECK(typing_code(FieldKind::Mobile, bad) == "mobile_start");
  CHECK(typing_code(FieldKind::Mobile, "98765432101") == "digits_max");
  CHECK(typing_code(FieldKind::Mobile, "98a") == "digits_only");
  CHECK(typing_code(FieldKind::Mobile, "९८७६५४३२१०") == "digits_only");  // ASCII digits only
  CHECK(check_code(FieldKind::Mobile, "") == "required");
}

TEST_CASE("An Aadhaar number is 12 digits starting 2 to 9 with a Verhoeff check digit",
          "[forms][rules][aadhaar]") {
  CHECK(check_code(FieldKind::Aadhaar, "234567890124") == "");
  CHECK(check_code(FieldKind::Aadhaar, "234567890125") == "aadhaar_checksum");
  CHECK(check_code(FieldKind::Aadhaar, "23456789012") == "digits_length");
  CHECK(typing_code(FieldKind::Aadhaar, "123412341234") == "aadhaar_start");  // checksum fine
  CHECK(typing_code(FieldKind::Aadhaar, "0") == "aadhaar_start");
  CHECK(typing_code(FieldKind::Aadhaar, "2345678901245") == "digits_max");
  CHECK(typing_code(FieldKind::Aadhaar, "2345 6789") == "digits_only");
  CHECK(check_code(FieldKind::Aadhaar, "") == "required");
}

TEST_CASE("A PIN code is 6 digits, the first not 0", "[forms][rules][pincode]") {
  CHECK(check_code(FieldKind::PinCode, "492001") == "");
  CHECK(check_code(FieldKind::PinCode, "49200") == "digits_length");
  CHECK(typing_code(FieldKind::PinCode, "092001") == "pincode_start");
  CHECK(typing_code(FieldKind::PinCode, "4920011") == "digits_max");
  CHECK(typing_code(FieldKind::PinCode, "49-001") == "digits_only");
}

TEST_CASE("An amount is rupees with up to two decimals, inside the field's range",
          "[forms][rules][amount]") {
  FieldSpec bill = field_of_kind(FieldKind::Amount);
  bill.min_paise = 1000;     // ₹10
  bill.max_paise = 5000000;  // ₹50,000
  for (const char* good : {"10", "250", "250.5", "250.50", "50000"}) {
    INFO(good);
    CHECK(check_code(bill, good) == "");
  }
  CHECK(typing_code(FieldKind::Amount, "250.") == "");  // the paise are still coming
  CHECK(check_code(bill, "250.") == "amount_format");
  for (const char* bad : {"250.505", "2,50", "₹250", "-5", ".5", "1e3"}) {
    INFO(bad);
    CHECK(check_code(bill, bad) == "amount_format");
  }
  CHECK(check_code(bill, "9.99") == "amount_range");
  CHECK(check(bill, "9.99")->args == std::vector<std::string>{"10", "50000"});
  CHECK(typing_problem(bill, "50001")->code == "amount_range");  // more digits cannot mend it
  CHECK(check_code(bill, "50000.01") == "amount_range");
  CHECK(paise_from_rupees("250.5") == 25050);
  CHECK(paise_from_rupees("250.05") == 25005);
  CHECK_FALSE(paise_from_rupees(""));
}

TEST_CASE("A choice is one of the field's choices", "[forms][rules][choice]") {
  FieldSpec gender{.id = "gender",
                   .kind = FieldKind::Choice,
                   .label_key = "form.gender",
                   .choices = {{"f", "gender.f"}, {"m", "gender.m"}, {"t", "gender.t"}}};
  CHECK(check_code(gender, "f") == "");
  CHECK(check_code(gender, "x") == "choose");
  CHECK(check_code(gender, "") == "choose");
  gender.required = false;
  CHECK(check_code(gender, "") == "");
  CHECK(check_code(gender, "x") == "choose");  // optional, but never anything else
}

TEST_CASE("A receipt number is A to Z, digits and hyphens, up to 40", "[forms][rules][receipt]") {
  CHECK(check_code(FieldKind::Receipt, "CSC-0001-20261207-0042") == "");
  CHECK(typing_code(FieldKind::Receipt, "csc-1") == "receipt_characters");
  CHECK(typing_code(FieldKind::Receipt, std::string(41, 'A')) == "too_long");
}

TEST_CASE("A date is eight digits, day month year, a real day within the field's bounds",
          "[forms][rules][date]") {
  FieldSpec born{.id = "date_of_birth", .kind = FieldKind::Date, .label_key = "dob"};
  born.not_before = "1900-01-01";
  born.not_after = "2026-12-07";
  CHECK(check_code(born, "15081947") == "");
  CHECK(typing_code(FieldKind::Date, "1508") == "");  // half typed: still fine
  CHECK(typing_code(FieldKind::Date, "15-08") == "digits_only");
  CHECK(typing_code(FieldKind::Date, "150819470") == "digits_max");
  CHECK(check_code(born, "1508194") == "date_length");
  CHECK(check_code(born, "") == "required");
  SECTION("the 29th of February only in a leap year") {
    CHECK(check_code(born, "29022024") == "");
    CHECK(check_code(born, "29022000") == "");              // divisible by 400
    CHECK(check_code(born, "29021900") == "date_invalid");  // by 100 only
    CHECK(check_code(born, "29022023") == "date_invalid");
  }
  for (const char* impossible : {"00012000", "32012000", "31042000", "01132000", "01000000"}) {
    INFO(impossible);
    CHECK(check_code(born, impossible) == "date_invalid");
  }
  SECTION("the bounds are inclusive and named in the error as the citizen writes dates") {
    CHECK(check_code(born, "07122026") == "");
    CHECK(check_code(born, "01011900") == "");
    const auto late = check(born, "08122026");
    REQUIRE(late);
    CHECK(*late == Problem{"date_range", {"01-01-1900", "07-12-2026"}});
    CHECK(check_code(born, "31121899") == "date_range");
  }
  CHECK(iso_date("15081947") == "1947-08-15");
  CHECK_FALSE(iso_date("1508194a"));
  CHECK(display_date("1947-08-15") == "15-08-1947");
  CHECK(valid_iso_date("2024-02-29"));
  CHECK_FALSE(valid_iso_date("2023-02-29"));
  CHECK_FALSE(valid_iso_date("2024-2-29"));
}

TEST_CASE("A consumer number fits one of the biller's masks, letters upper case",
          "[forms][rules][consumer_no]") {
  FieldSpec water{.id = "consumer_no", .kind = FieldKind::ConsumerNo, .masks = {"A-99-9999"}};
  CHECK(check_code(water, "W-44-1207") == "");
  CHECK(check(water, "W-44") == Problem{"consumer_no_format"});
  CHECK_FALSE(typing_problem(water, "W-44"));  // a prefix: typing goes on
  CHECK(typing_problem(water, "w") == Problem{"consumer_no_characters"});  // keyboards upper-case
  CHECK(typing_problem(water, "W4") == Problem{"consumer_no_characters"});
  CHECK(typing_problem(water, "W-44-12077") == Problem{"too_long", {"9"}});
  SECTION("alternative masks: 9 or 10 digits") {
    FieldSpec either{.kind = FieldKind::ConsumerNo, .masks = {"999999999", "9999999999"}};
    CHECK(check_code(either, "123456789") == "");
    CHECK(check_code(either, "1234567890") == "");
    CHECK(check_code(either, "12345678") == "consumer_no_format");
    CHECK(typing_problem(either, "12345678901") == Problem{"too_long", {"10"}});
  }
  SECTION("X is a digit or a capital letter, - and / are themselves") {
    FieldSpec mixed{.kind = FieldKind::ConsumerNo, .masks = {"XX/9"}};
    CHECK(check_code(mixed, "A7/3") == "");
    CHECK(check_code(mixed, "A7-3") == "consumer_no_characters");
  }
  CHECK(mask_well_formed("A-99-9999"));
  CHECK_FALSE(mask_well_formed("--"));
  CHECK_FALSE(mask_well_formed("99a9"));
  CHECK_FALSE(mask_well_formed(std::string(25, '9')));
  CHECK(numeric_masks({"9999999999", "999999999"}));
  CHECK_FALSE(numeric_masks({"9999999999", "A-99-9999"}));
  CHECK_FALSE(numeric_masks({}));
}

TEST_CASE("A text field refuses what could be a full Aadhaar number", "[forms][rules][privacy]") {
  CHECK(check_code(FieldKind::Text, "House 12, Ward 4") == "");
  CHECK(check_code(FieldKind::Text, "2345 6789 0123") == "aadhaar_like");
  CHECK(check_code(FieldKind::Text, "ID 234567890123") == "aadhaar_like");
  CHECK(check_code(FieldKind::HindiText, "मकान १२") == "");
  CHECK(check_code(FieldKind::HindiText, "२३४५ ६७८९ ०१२३") == "aadhaar_like");
}

TEST_CASE("An optional field may be empty but not wrong", "[forms][rules]") {
  FieldSpec mobile = field_of_kind(FieldKind::Mobile);
  mobile.required = false;
  CHECK(check_code(mobile, "") == "");
  CHECK(check_code(mobile, "98765") == "digits_length");
}

TEST_CASE("A form's errors come in the form's order, one per field", "[forms][form]") {
  const Form form = form_for(kiosk::services::Service{}, "2026-12-07");
  REQUIRE(form.size() == 3);
  CHECK(form[0].id == "name");
  CHECK(form[0].kind == FieldKind::Name);
  auto errors = validate(form, {});
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == FieldError{"name", "required"});
  CHECK(errors[1] == FieldError{"mobile", "required"});
  CHECK(errors[2] == FieldError{"aadhaar", "required"});
  errors = validate(form, {{"name", "रमा"}, {"mobile", "98765"}, {"aadhaar", "234567890125"}});
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == FieldError{"mobile", "digits_length", {"10"}});
  CHECK(errors[1] == FieldError{"aadhaar", "aadhaar_checksum"});
  CHECK(validate(form, {{"name", "रमा"}, {"mobile", "9876543210"}, {"aadhaar", "234567890124"}})
            .empty());
  CHECK(find_field(form, "mobile") == &form[1]);
  CHECK(find_field(form, "pan") == nullptr);
}

TEST_CASE("Random bytes in any field kind give an answer, never a crash", "[forms][rules][fuzz]") {
  std::mt19937 rng(20261207);  // fixed seed: a failure is reproducible
  const FieldKind kinds[] = {FieldKind::Name,   FieldKind::Text,      FieldKind::HindiText,
                             FieldKind::Mobile, FieldKind::Aadhaar,   FieldKind::PinCode,
                             FieldKind::Amount, FieldKind::Choice,    FieldKind::Receipt,
                             FieldKind::Date,   FieldKind::ConsumerNo};
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string value(rng() % 24, '\0');
    for (char& c : value) c = static_cast<char>(rng() & 0xFF);
    for (FieldKind kind : kinds) {
      const FieldSpec field = field_of_kind(kind);
      const auto typing = typing_problem(field, value);
      const auto submit = check(field, value);
      if (typing) CHECK(submit == typing);  // what typing refuses, a submission refuses too
      refused += submit.has_value();
    }
  }
  CHECK(refused > 0);
}

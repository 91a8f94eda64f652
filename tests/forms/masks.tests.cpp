// The masks: one place for every citizen number and name the kiosk shows or stores.
#include "kiosk/forms/masks.h"

#include <catch2/catch.hpp>

using namespace kiosk::forms;

TEST_CASE("Masking shows only the last four digits", "[forms][mask][aadhaar]") {
  CHECK(mask_aadhaar("234567890124") == "XXXX XXXX 0124");
  CHECK(mask_aadhaar("2345 6789 0124") == "XXXX XXXX 0124");
  CHECK(mask_aadhaar("2345-6789-0124") == "XXXX XXXX 0124");
  CHECK(mask_aadhaar("0124") == "XXXX XXXX 0124");
  CHECK(mask_aadhaar("xxxxxxxx0124") == "XXXX XXXX 0124");
  CHECK(mask_aadhaar("XXXX XXXX 0124") == "XXXX XXXX 0124");
  for (const char* bad :
       {"", "124", "12345", "23456789012", "abcd", "2345678901xx", "2345678901245"}) {
    CHECK(mask_aadhaar(bad) == "XXXX XXXX XXXX");
  }
  CHECK(mask_mobile("9876543210") == "XXXXXX3210");
  CHECK(mask_mobile("+91 98765 43210") == "XXXXXX3210");
  CHECK(mask_mobile("919876543210") == "XXXXXX3210");
  CHECK(mask_mobile("09876543210") == "XXXXXX3210");
  CHECK(mask_mobile("3210") == "XXXXXX3210");
  CHECK(mask_mobile("xxxxxx3210") == "XXXXXX3210");
  for (const char* bad : {"", "12", "98765432", "98765x3210x", "phone"}) {
    CHECK(mask_mobile(bad) == "XXXXXXXXXX");
  }
}

TEST_CASE("A name is masked to each word's first letter, in any script", "[forms][mask][name]") {
  CHECK(mask_name("Ramesh Kumar") == "R***** K****");
  CHECK(mask_name("सीता देवी") == "स*** द***");
  CHECK(mask_name("") == "");
  CHECK(mask_name("\xff\xfe") == "***");  // not UTF-8: nothing of it is echoed
}

TEST_CASE("An Aadhaar number being typed shows only the last four digits typed",
          "[forms][mask][aadhaar]") {
  CHECK(mask_aadhaar_typing("12345678") == "XXXX 5678");
  CHECK(mask_aadhaar_typing("123412341234") == "XXXX XXXX 1234");
  CHECK(mask_aadhaar_typing("") == "");
  CHECK(mask_aadhaar_typing("123") == "123");
  CHECK(mask_aadhaar_typing("1234") == "1234");
  CHECK(mask_aadhaar_typing("12345") == "X234 5");
  CHECK(mask_aadhaar_typing("123456789") == "XXXX X678 9");
}

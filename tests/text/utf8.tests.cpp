#include "kiosk/text/utf8.h"

#include <catch2/catch.hpp>

using namespace kiosk::text;

TEST_CASE("Hindi decodes to its Devanagari codepoints", "[text][utf8]") {
  const auto cps = decode_utf8("हिंदी");
  REQUIRE(cps);
  CHECK(*cps == std::vector<char32_t>{0x0939, 0x093F, 0x0902, 0x0926, 0x0940});
  CHECK(encode_utf8(*cps) == "हिंदी");
}

TEST_CASE("Invalid UTF-8 is refused, not guessed at", "[text][utf8]") {
  CHECK_FALSE(decode_utf8("\xC0\xAF"));                   // overlong '/'
  CHECK_FALSE(decode_utf8("\xED\xA0\x80"));               // surrogate U+D800
  CHECK_FALSE(decode_utf8("\xF4\x90\x80\x80"));           // above U+10FFFF
  CHECK_FALSE(decode_utf8("\xE0\xA4"));                   // truncated
  CHECK_FALSE(decode_utf8("\x80"));                       // lone continuation byte
  CHECK(decode_utf8("\xE2\x82\xB9")->front() == 0x20B9);  // ₹
}

TEST_CASE("Backspace removes exactly one codepoint", "[text][utf8]") {
  std::string typed = "कि";  // क + ि : two keystrokes
  pop_last_codepoint(typed);
  CHECK(typed == "क");
  pop_last_codepoint(typed);
  CHECK(typed.empty());
  pop_last_codepoint(typed);
  CHECK(typed.empty());
  std::string mixed = "A₹";
  pop_last_codepoint(mixed);
  CHECK(mixed == "A");
}

#include <catch2/catch.hpp>

#include "kiosk/net/http_client.h"

using namespace kiosk::net;
using namespace std::chrono_literals;

namespace {
// Sun, 06 Nov 1994 08:49:37 GMT: RFC 7231's own example.
const auto kExample = std::chrono::sys_days{std::chrono::November / 6 / 1994} + 8h + 49min + 37s;
}  // namespace

TEST_CASE("HTTP dates are read in all three forms RFC 7231 names", "[net][date]") {
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == kExample);
  CHECK(parse_http_date("  Sun, 06 Nov 1994 08:49:37 GMT ") == kExample);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == kExample);  // RFC 850
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == kExample);        // asctime
  CHECK(parse_http_date("Sat, 28 Nov 2026 11:35:09 GMT") ==
        std::chrono::sys_days{std::chrono::November / 28 / 2026} + 11h + 35min + 9s);
  CHECK(parse_http_date("Sat, 29 Feb 2028 00:00:00 GMT") ==
        std::chrono::sys_days{std::chrono::February / 29 / 2028});
}

TEST_CASE("Unreadable HTTP dates give nothing", "[net][date]") {
  for (const char* text : {"", "   ", "120", "now", "garbage", "Sun, 31 Feb 2026 08:49:37 GMT",
                           "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT",
                           "Sun, 0x Nov 1994 08:49:37 GMT"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_http_date(text));
  }
  CHECK_FALSE(parse_http_date(std::string(200, 'a')));
  CHECK_FALSE(parse_http_date(std::string("Sun, 06 Nov 1994\0 08:49:37 GMT", 30)));
}

TEST_CASE("Retry-After is read as delta-seconds or as a date after now", "[net][retry-after]") {
  const auto now = kExample;
  CHECK(parse_retry_after("120", now) == 120s);
  CHECK(parse_retry_after(" 0 ", now) == 0s);
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60s);
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == 0s);
  // A fraction of a second still to wait rounds up, never down to "now".
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:38 GMT", now - 500ms) == 2s);
  // An absurd delay saturates instead of overflowing.
  CHECK(parse_retry_after("99999999999999999999999", now) == std::chrono::seconds{2147483647});
}

TEST_CASE("Negative, past or unreadable Retry-After values give nothing", "[net][retry-after]") {
  const auto now = kExample;
  for (const char* text : {"-1", "+5", "1.5", "soon", "", "Sun, 06 Nov 1994 08:49:36 GMT"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_retry_after(text, now));
  }
}

// HTTP dates (RFC 7231 7.1.1.1) and Retry-After (RFC 7231 7.1.3), for http_client.h.
#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>

#include "kiosk/core/ascii.h"
#include "kiosk/net/http_client.h"

namespace kiosk::net {
namespace {

using std::chrono::system_clock;

constexpr std::array<std::string_view, 7> kDayNames = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
// Longer than any date format curl_getdate knows; longer text is not a date.
constexpr std::size_t kMaxDateLength = 64;

// A number in a date or in Retry-After has at least one digit.
bool some_digits_only(std::string_view text) {
  return !text.empty() && ascii::all_digits(text);
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  if (!some_digits_only(text)) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

template <std::size_t N>
std::optional<unsigned> index_of(const std::array<std::string_view, N>& names,
                                 std::string_view name) {
  const auto found = std::ranges::find(names, name);
  if (found == names.end()) return std::nullopt;
  return static_cast<unsigned>(found - names.begin());
}

// IMF-fixdate, exactly: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters).
std::optional<system_clock::time_point> parse_imf_fixdate(std::string_view text) {
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto day = number(text.substr(5, 2));
  const auto month = index_of(kMonthNames, text.substr(8, 3));
  const auto year = number(text.substr(12, 4));
  const auto hour = number(text.substr(17, 2));
  const auto minute = number(text.substr(20, 2));
  const auto second = number(text.substr(23, 2));
  if (!index_of(kDayNames, text.substr(0, 3)) || !day || !month || !year || !hour || !minute ||
      !second || *hour > 23 || *minute > 59 || *second > 60) {  // 60: a leap second
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year}, std::chrono::month{*month + 1},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
         std::chrono::seconds{*second};
}

// The obsolete RFC 850 and asctime forms (and a few more) that RFC 7231 says to accept.
std::optional<system_clock::time_point> parse_with_curl(std::string_view text) {
  if (text.size() > kMaxDateLength || text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string terminated(text);
  const time_t seconds = curl_getdate(terminated.c_str(), nullptr);
  if (seconds == -1) return std::nullopt;
  return system_clock::from_time_t(seconds);
}

}  // namespace

std::optional<system_clock::time_point> parse_http_date(std::string_view value) {
  const std::string_view text = ascii::trim(value);
  // A bare number is a Retry-After delay, never a date (curl_getdate would take it as one).
  if (text.empty() || some_digits_only(text)) return std::nullopt;
  // Text shaped like IMF-fixdate is read strictly: curl_getdate would turn "31 Feb" into March.
  const bool imf_shaped = text.size() == 29 && text.substr(3, 2) == ", " && text.ends_with(" GMT");
  if (imf_shaped) return parse_imf_fixdate(text);
  return parse_with_curl(text);
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      system_clock::time_point now) {
  const std::string_view text = ascii::trim(value);
  if (some_digits_only(text)) {
    // delta-seconds; an absurd count saturates instead of overflowing (callers clamp it).
    std::uint64_t seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    constexpr std::uint64_t kMax = std::numeric_limits<std::int32_t>::max();
    if (error == std::errc::result_out_of_range || seconds > kMax) seconds = kMax;
    return std::chrono::seconds{static_cast<std::int64_t>(seconds)};
  }
  const auto date = parse_http_date(text);
  if (!date || *date < now) return std::nullopt;
  return std::chrono::ceil<std::chrono::seconds>(*date - now);
}

}  // namespace kiosk::net

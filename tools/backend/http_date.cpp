#include "tools/backend/http_date.h"

#include <fmt/format.h>

#include <array>

namespace kiosk::backend {
namespace {

using namespace std::chrono;

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct CivilTime {
  year_month_day date;
  hh_mm_ss<seconds> time;
  weekday day;
};

CivilTime civil(sys_seconds at) {
  const auto day = floor<days>(at);
  return {year_month_day{day}, hh_mm_ss<seconds>{at - day}, weekday{day}};
}

// Reads `width` ASCII digits at `pos`; false when any is not a digit.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool valid_date(int y, int m, int d) {
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}
      .ok();
}

// time-offset = "Z" / ("+" / "-") time-hour ":" time-minute, and nothing after it.
bool valid_offset(std::string_view rest) {
  if (rest == "Z" || rest == "z") return true;
  int h = 0, m = 0;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && digits(rest, 1, 2, h) &&
         rest[3] == ':' && digits(rest, 4, 2, m) && h <= 23 && m <= 59;
}

}  // namespace

std::string imf_fixdate(system_clock::time_point at) {
  const CivilTime t = civil(floor<seconds>(at));
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kWeekdays[t.day.c_encoding()],
                     static_cast<unsigned>(t.date.day()),
                     kMonths[static_cast<unsigned>(t.date.month()) - 1],
                     static_cast<int>(t.date.year()), t.time.hours().count(),
                     t.time.minutes().count(), t.time.seconds().count());
}

bool is_rfc3339(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  const bool shape = digits(s, 0, 4, y) && s.size() > 19 && s[4] == '-' && digits(s, 5, 2, mo) &&
                     s[7] == '-' && digits(s, 8, 2, d) && (s[10] == 'T' || s[10] == 't') &&
                     digits(s, 11, 2, h) && s[13] == ':' && digits(s, 14, 2, mi) && s[16] == ':' &&
                     digits(s, 17, 2, se);
  // RFC 3339 allows second 60 (a leap second).
  if (!shape || mo < 1 || mo > 12 || !valid_date(y, mo, d) || h > 23 || mi > 59 || se > 60) {
    return false;
  }
  std::size_t pos = 19;
  if (s[pos] == '.') {
    const std::size_t first = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == first) return false;
  }
  return valid_offset(s.substr(pos));
}

}  // namespace kiosk::backend

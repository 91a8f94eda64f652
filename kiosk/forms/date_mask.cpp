// Dates typed as DDMMYYYY, and consumer-number masks: the pieces of rules.h that the Date
// and ConsumerNo rules, the catalogue's loader and the screens share.
#include <algorithm>
#include <string>

#include "kiosk/core/ascii.h"
#include "kiosk/forms/rules.h"

namespace kiosk::forms {
namespace {

bool leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap_year(year) ? 29 : kDays[month - 1];
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool real_date(int year, int month, int day) {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool fits(char mask_char, char c) {
  switch (mask_char) {
    case '9':
      return ascii::is_digit(c);
    case 'A':
      return c >= 'A' && c <= 'Z';
    case 'X':
      return ascii::is_digit(c) || (c >= 'A' && c <= 'Z');
    default:
      return c == mask_char;  // '-' and '/'
  }
}

}  // namespace

std::optional<std::string> iso_date(std::string_view ddmmyyyy) {
  if (ddmmyyyy.size() != kDateDigits || !ascii::all_digits(ddmmyyyy)) return std::nullopt;
  const int day = number(ddmmyyyy.substr(0, 2)), month = number(ddmmyyyy.substr(2, 2));
  const int year = number(ddmmyyyy.substr(4, 4));
  if (!real_date(year, month, day)) return std::nullopt;
  return std::string(ddmmyyyy.substr(4, 4)) + "-" + std::string(ddmmyyyy.substr(2, 2)) + "-" +
         std::string(ddmmyyyy.substr(0, 2));
}

bool valid_iso_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  const auto year = iso.substr(0, 4), month = iso.substr(5, 2), day = iso.substr(8, 2);
  if (!ascii::all_digits(year) || !ascii::all_digits(month) || !ascii::all_digits(day))
    return false;
  return real_date(number(year), number(month), number(day));
}

std::string display_date(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "-" + std::string(iso.substr(5, 2)) + "-" +
         std::string(iso.substr(0, 4));
}

bool mask_prefix(std::string_view mask, std::string_view value) {
  if (value.size() > mask.size()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!fits(mask[i], value[i])) return false;
  }
  return true;
}

bool mask_match(std::string_view mask, std::string_view value) {
  return value.size() == mask.size() && mask_prefix(mask, value);
}

bool mask_well_formed(std::string_view mask) {
  constexpr std::string_view kMaskChars = "9AX-/";
  return !mask.empty() && mask.size() <= kMaskMaxChars &&
         mask.find_first_not_of(kMaskChars) == std::string_view::npos &&
         mask.find_first_of("9AX") != std::string_view::npos;
}

bool numeric_masks(const std::vector<std::string>& masks) {
  return !masks.empty() && std::ranges::all_of(masks, [](const std::string& mask) {
    return mask.find_first_not_of('9') == std::string::npos;
  });
}

}  // namespace kiosk::forms

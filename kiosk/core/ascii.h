#pragma once
// ASCII tests for the parsers of outside bytes (QR payloads, HTTP headers, form input).
// Locale-free on purpose: <cctype> follows the C locale and takes an int, and no byte of a
// UTF-8 sequence may ever count as a digit or a blank.

#include <algorithm>
#include <string_view>

namespace kiosk::ascii {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// True for the empty string too: callers that need a digit say so.
constexpr bool all_digits(std::string_view text) {
  return std::ranges::all_of(text, is_digit);
}

constexpr char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return to_lower(x) == to_lower(y); });
}

// `text` without the `blanks` at either end (HTTP's optional whitespace by default).
constexpr std::string_view trim(std::string_view text, std::string_view blanks = " \t") {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

}  // namespace kiosk::ascii

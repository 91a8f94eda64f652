#include "kiosk/forms/masks.h"

#include "kiosk/core/ascii.h"
#include "kiosk/text/utf8.h"

namespace kiosk::forms {
namespace {

using ascii::is_digit;

std::string significant(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '-') out.push_back(c);
  }
  return out;
}

// A masked number may show 'x'/'X' where digits were redacted, but its tail must be
// real digits: that tail is all we ever print.
bool digits_or_masked_with_digit_tail(std::string_view s) {
  if (s.size() < 4) return false;
  for (char c : s) {
    if (!is_digit(c) && c != 'x' && c != 'X') return false;
  }
  for (char c : s.substr(s.size() - 4)) {
    if (!is_digit(c)) return false;
  }
  return true;
}

}  // namespace

std::string mask_aadhaar(std::string_view digits_or_last4) {
  const std::string s = significant(digits_or_last4);
  if ((s.size() != 12 && s.size() != 4) || !digits_or_masked_with_digit_tail(s)) {
    return "XXXX XXXX XXXX";
  }
  return "XXXX XXXX " + s.substr(s.size() - 4);
}

std::string mask_aadhaar_typing(std::string_view typed) {
  const auto cps = text::decode_utf8(typed).value_or(std::vector<char32_t>{});
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    if (i + 4 < cps.size()) {
      out.push_back('X');
    } else {
      text::append_utf8(out, cps[i]);
    }
  }
  return out;
}

std::string mask_mobile(std::string_view mobile_or_last4) {
  std::string s = significant(mobile_or_last4);
  // Indian mobiles are 10 digits; +91 / 91 is the country code and a leading 0 the
  // domestic trunk prefix.
  if (s.starts_with("+91")) {
    s.erase(0, 3);
  } else if (s.size() == 12 && s.starts_with("91")) {
    s.erase(0, 2);
  } else if (s.size() == 11 && s.starts_with('0')) {
    s.erase(0, 1);
  }
  if ((s.size() != 10 && s.size() != 4) || !digits_or_masked_with_digit_tail(s)) {
    return "XXXXXXXXXX";
  }
  return "XXXXXX" + s.substr(s.size() - 4);
}

std::string mask_name(std::string_view name) {
  auto cps = text::decode_utf8(name);
  if (!cps) return "***";
  std::string out;
  bool word_start = true;
  for (char32_t cp : *cps) {
    const bool space = cp == U' ';
    if (space || word_start) {
      text::append_utf8(out, cp);
    } else {
      out += '*';
    }
    word_start = space;
  }
  return out;
}

}  // namespace kiosk::forms

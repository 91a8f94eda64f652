// Aadhaar number checks (see aadhaar_number.h for the feature list).
#include "kiosk/qr/aadhaar_number.h"

#include <array>
#include <cstdint>

#include "kiosk/core/ascii.h"

namespace kiosk::qr {
namespace {

// Verhoeff's scheme over the dihedral group D5 (J. Verhoeff, 1969), which UIDAI uses for
// the 12th digit of every Aadhaar number (india.md §5). kMul is the group operation,
// kPerm the position permutation (period 8), kInv the group inverse.
constexpr std::array<std::array<std::uint8_t, 10>, 10> kMul{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}};
constexpr std::array<std::array<std::uint8_t, 10>, 8> kPerm{{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}};
constexpr std::array<std::uint8_t, 10> kInv{0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

using ascii::is_digit;

// An Aadhaar number, or its part, is never empty.
bool digits_only(std::string_view s) {
  return !s.empty() && ascii::all_digits(s);
}

// Runs the Verhoeff accumulator over `digits` from the right; `offset` is 0 when the last
// digit is the check digit, 1 when the check digit is still to be appended.
std::uint8_t verhoeff_accumulate(std::string_view digits, std::size_t offset) {
  std::uint8_t c = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const auto digit = static_cast<std::uint8_t>(digits[digits.size() - 1 - i] - '0');
    c = kMul[c][kPerm[(i + offset) % 8][digit]];
  }
  return c;
}

}  // namespace

bool verhoeff_valid(std::string_view digits) {
  return digits_only(digits) && verhoeff_accumulate(digits, 0) == 0;
}

char verhoeff_check_digit(std::string_view digits) {
  if (!digits_only(digits)) return '\0';
  return static_cast<char>('0' + kInv[verhoeff_accumulate(digits, 1)]);
}

// Checked in place, never copied: the number may live in a Secret (kiosk/core/secret.h),
// and a copy on the stack or the heap would outlive it.
bool aadhaar_number_valid(std::string_view number) {
  // "dddd dddd dddd" is how the number is printed on the card; accept exactly that layout.
  const bool spaced = number.size() == 14 && number[4] == ' ' && number[9] == ' ';
  if (!spaced && number.size() != 12) return false;
  if (number[0] == '0' || number[0] == '1') return false;
  std::uint8_t check = 0;
  std::size_t position = 0;  // from the right, as verhoeff_accumulate counts
  for (std::size_t i = number.size(); i-- > 0;) {
    if (spaced && (i == 4 || i == 9)) continue;
    if (!is_digit(number[i])) return false;
    check = kMul[check][kPerm[position++ % 8][static_cast<std::uint8_t>(number[i] - '0')]];
  }
  return check == 0;
}

namespace {

enum class Glyph { Digit, Separator, Other };

// `len` receives the byte length of the code point at `pos` (UTF-8).
Glyph classify_at(std::string_view text, std::size_t pos, std::size_t& len) {
  const auto c = static_cast<unsigned char>(text[pos]);
  len = 1;
  if (c >= '0' && c <= '9') return Glyph::Digit;
  if (c == ' ' || c == '-') return Glyph::Separator;
  // U+0966..U+096F (Devanagari digits) encode as E0 A5 A6..AF.
  if (c == 0xE0 && pos + 2 < text.size() && static_cast<unsigned char>(text[pos + 1]) == 0xA5) {
    const auto last = static_cast<unsigned char>(text[pos + 2]);
    if (last >= 0xA6 && last <= 0xAF) {
      len = 3;
      return Glyph::Digit;
    }
  }
  return Glyph::Other;
}

}  // namespace

bool contains_aadhaar_like_number(std::string_view text) {
  // One pass equal to searching for \d{12} or \d{4}[ -]\d{4}[ -]\d{4}.
  std::size_t run = 0;     // digits in the current unbroken run
  std::size_t groups = 0;  // four-digit groups so far, each followed by one separator
  for (std::size_t pos = 0, len = 0; pos < text.size(); pos += len) {
    const Glyph kind = classify_at(text, pos, len);
    if (kind == Glyph::Digit) {
      ++run;
      if (run >= 12 || (groups == 2 && run == 4)) return true;
      continue;
    }
    if (kind == Glyph::Separator) {
      // A middle group is exactly four digits; a longer run may still end in a first one.
      groups = (run == 4 && groups >= 1) ? groups + 1 : (run >= 4 ? 1 : 0);
    } else {
      groups = 0;
    }
    run = 0;
  }
  return false;
}

}  // namespace kiosk::qr

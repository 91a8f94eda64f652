// Aadhaar numbers: Verhoeff checksum, validation, and the search for a full number in
// text. Masking is kiosk/forms/masks.h, the one place every mask lives.
//
//  [X] Verhoeff check digit and validation (dihedral group D5, any length)
//  [X] Aadhaar number rule: 12 digits, first digit 2–9, Verhoeff-valid
//  [ ] Virtual ID (16 digits) validation: not needed by any service yet
#pragma once

#include <string>
#include <string_view>

namespace kiosk::qr {

// True when `digits` is non-empty, all ASCII digits, and its last digit is the Verhoeff
// check digit of the rest ("2363" is valid).
bool verhoeff_valid(std::string_view digits);

// The Verhoeff check digit ('0'–'9') to append to `digits`, or '\0' when `digits` is
// empty or holds a non-digit. verhoeff_check_digit("23456789012") == '4'.
char verhoeff_check_digit(std::string_view digits);

// UIDAI's rule for an Aadhaar number: exactly 12 digits ("dddd dddd dddd" with single
// spaces is accepted too), first digit not 0 or 1, Verhoeff-valid. Checksum-valid is not
// the same as issued: 999999999999 passes.
bool aadhaar_number_valid(std::string_view number);

// True when `text` holds something that could be a full Aadhaar number: 12 digits in a
// row, or three groups of four split by single spaces or hyphens ("2345 6789 0123"), in
// ASCII or Devanagari digits (U+0966..U+096F). Used on everything the kiosk stores or sends,
// and by the reference backend on everything it receives.
bool contains_aadhaar_like_number(std::string_view text);

}  // namespace kiosk::qr

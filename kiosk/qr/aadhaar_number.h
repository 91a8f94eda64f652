// Aadhaar numbers: Verhoeff checksum, validation and THE masking functions of the project.
//
// Every screen, receipt and log line that shows an Aadhaar or mobile number goes through
// mask_aadhaar() / mask_mobile(): the Sharing of Information Regulations 2016 forbid
// publishing unredacted Aadhaar numbers (india.md §5), so nothing else formats them.
//
//  [X] Verhoeff check digit and validation (dihedral group D5, any length)
//  [X] Aadhaar number rule: 12 digits, first digit 2–9, Verhoeff-valid
//  [X] Masking to "XXXX XXXX 1234" from a full number, a 4-digit tail or a spaced number
//  [X] Mobile masking to "XXXXXX3210"
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

// "XXXX XXXX 1234". Accepts a 12-digit number, a 4-digit tail, a number written with
// spaces or hyphens, or an already-masked one ("xxxxxxxx1234"). Anything else gives
// "XXXX XXXX XXXX": a malformed input is never echoed.
std::string mask_aadhaar(std::string_view digits_or_last4);

// "XXXXXX3210". Accepts a 10-digit mobile, with an optional +91 / 91 / 0 prefix, spaces
// or hyphens, a 4-digit tail, or an already-masked one. Anything else gives "XXXXXXXXXX".
std::string mask_mobile(std::string_view mobile_or_last4);

// True when `text` holds something that could be a full Aadhaar number: 12 digits in a
// row, or three groups of four split by single spaces or hyphens ("2345 6789 0123"), in
// ASCII or Devanagari digits (U+0966..U+096F). Used on everything the kiosk stores or sends,
// and by the reference backend on everything it receives.
bool contains_aadhaar_like_number(std::string_view text);

}  // namespace kiosk::qr

// THE masking functions of the project: every screen, receipt, log line and stored row
// that shows a citizen's name, Aadhaar or mobile number goes through these. The Sharing
// of Information Regulations 2016 forbid publishing unredacted Aadhaar numbers
// (india.md §5), so nothing else formats them.
//
//  [X] Aadhaar to "XXXX XXXX 1234" from a full number, a 4-digit tail or a spaced number
//  [X] Aadhaar while it is typed: the last four typed digits visible, grouped 4-4-4
//  [X] Mobile to "XXXXXX3210"
//  [X] Names to their initials ("R***** K****") for operator views and delivery reports
#pragma once

#include <string>
#include <string_view>

namespace kiosk::forms {

// "XXXX XXXX 1234". Accepts a 12-digit number, a 4-digit tail, a number written with
// spaces or hyphens, or an already-masked one ("xxxxxxxx1234"). Anything else gives
// "XXXX XXXX XXXX": a malformed input is never echoed.
std::string mask_aadhaar(std::string_view digits_or_last4);

// An Aadhaar number as its field shows it while it is typed: every digit but the last four
// typed is an X, in groups of four ("12345678" → "XXXX 5678"), so the citizen can check
// the digits they just typed and nobody behind them can read the rest.
std::string mask_aadhaar_typing(std::string_view typed);

// "XXXXXX3210". Accepts a 10-digit mobile, with an optional +91 / 91 / 0 prefix, spaces
// or hyphens, a 4-digit tail, or an already-masked one. Anything else gives "XXXXXXXXXX".
std::string mask_mobile(std::string_view mobile_or_last4);

// Each word's first letter, the rest as '*': "Ramesh Kumar" → "R***** K****",
// "सीता देवी" → "स*** द***". Text that is not UTF-8 gives "***".
std::string mask_name(std::string_view name);

}  // namespace kiosk::forms

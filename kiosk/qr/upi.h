// UPI payment URIs (`upi://pay?pa=…`), the text inside every UPI QR code: parse what a
// citizen's or merchant's QR says, and build the kiosk's own collect QR.
//
// Source: NPCI "UPI Linking Specifications" v1.6 (india.md §3). Values are
// percent-encoded UTF-8; `pa` (the payee VPA) is the only mandatory parameter.
//
//  [X] Parse: scheme and host `upi://pay` (any case), `&`-separated `key=value`, strict
//      percent-decoding (a `%` needs two hex digits), `+` read as a space like Android's
//      Uri.getQueryParameter, duplicate keys refused (two `pa`s would let a scanner and a
//      display disagree on the payee).
//  [X] Rules: `pa` a VPA `name@handle`; `am` and `mam` decimals with at most 2 places;
//      `cu` INR; `tn` at most 80 characters; `mc` 4 digits; values valid UTF-8 with no
//      control characters; the whole URI at most 2 KiB.
//  [X] Unknown parameters are kept, in order, and written back by build_upi_uri.
//  [X] Build: fixed field order, percent-encoding of everything but RFC 3986 unreserved
//      characters and `@`; parse(build(p)) == p.
//  [X] Amounts: integer paise <-> "123.45" rupee text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::qr {

inline constexpr std::size_t kUpiUriMax = 2048;  // bytes; NPCI sets no limit, we do
inline constexpr std::size_t kUpiNoteMax = 80;   // `tn`, in characters (codepoints)

// Decoded parameter values; an empty string means "absent".
struct UpiPayment {
  std::string pa;       // payee VPA, e.g. "csc.kiosk@sbi" (mandatory)
  std::string pn;       // payee name
  std::string am;       // amount in rupees, "30.00"
  std::string cu;       // currency: "INR" or empty
  std::string tn;       // transaction note
  std::string tr;       // merchant transaction reference
  std::string mc;       // merchant category code, 4 digits
  std::string tid;      // transaction id from the payee's PSP
  std::string url;      // a link about the transaction
  std::string mode;     // initiation mode, e.g. "01" QR, "02" secure QR
  std::string purpose;  // purpose code
  std::vector<std::pair<std::string, std::string>> others;  // any other key, in order

  bool operator==(const UpiPayment&) const = default;
};

// The payment a `upi://pay?` URI describes, or InvalidInput naming the rule it breaks.
// Error messages name fields, never their values (the payee may be a citizen).
Result<UpiPayment> parse_upi_uri(std::string_view uri);

// `upi://pay?pa=…&pn=…`: fields in the order of UpiPayment, empty ones left out, then
// `others`. The caller supplies valid fields (parse_upi_uri of the output checks them).
std::string build_upi_uri(const UpiPayment& payment);

// 12345 -> "123.45", 100 -> "1.00", -5 -> "-0.05".
std::string rupees_from_paise(std::int64_t paise);

// "123.45" -> 12345, "10" -> 1000, "0.5" -> 50; at most 10 integer digits and 2 decimals.
Result<std::int64_t> paise_from_rupees(std::string_view rupees);

// `name@handle`: one `@`, both sides non-empty, letters, digits, `.`, `-`, `_` (the handle
// without `_`), at most 255 bytes.
bool is_vpa(std::string_view text);

}  // namespace kiosk::qr

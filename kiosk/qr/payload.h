// What kind of payload a scanned code holds, from its first bytes, so the right parser
// (Aadhaar, UPI, Bharat QR, the kiosk's receipt) gets it. Detection only: parsing and the
// unified report are wired by the callers.
//
// Order (india.md §1b and §3), first match wins:
//   1. `<?xml` or `<PrintLetterBarcodeData`  -> AadhaarXml (pre-2018 letter/card QR);
//      an XML declaration followed by a `<Q…` root is AadhaarQpdb instead
//   2. `<Q` (QPDB, QPDA, QDB, QDA)             -> AadhaarQpdb (signed "big QR", 2016–18)
//   3. only digits, at least 100 of them        -> AadhaarSecureQr (a big integer)
//   4. `upi://` (any case)                      -> Upi
//   5. `000201`                                 -> BharatQr (EMV MPM: 00 = "01" first)
//   6. `csckiosk:r1:` (any case)                -> KioskReceipt
//   otherwise                                   -> Unknown
//
//  [X] A UTF-8 byte order mark and leading whitespace are skipped before the XML checks.
//  [X] Short digit strings (a 12-digit number on a barcode) are Unknown, not Secure QR.
#pragma once

#include <cstddef>
#include <string_view>

namespace kiosk::qr {

enum class PayloadKind {
  AadhaarSecureQr,
  AadhaarXml,
  AadhaarQpdb,
  Upi,
  BharatQr,
  KioskReceipt,
  Unknown
};

// A Secure QR is a gzip stream plus a 256-byte signature written as one decimal number:
// real ones have 2,000–3,000 digits; 100 leaves room for small test vectors.
inline constexpr std::size_t kSecureQrMinDigits = 100;

PayloadKind detect_payload(std::string_view payload);

// "aadhaar-secure-qr", "aadhaar-xml", "aadhaar-qpdb", "upi", "bharat-qr",
// "kiosk-receipt", "unknown": stable names for logs and JSON reports.
std::string_view to_string(PayloadKind kind);

}  // namespace kiosk::qr

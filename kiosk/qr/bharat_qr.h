// Bharat QR: the EMVCo Merchant-Presented Mode (MPM) payload printed on Indian merchant
// stickers, a chain of `TT LL VALUE` elements closed by a CRC.
//
// Facts (india.md §3, tag table from the Bharat QR spec v4.0.1):
//   TT    two decimal digits, the tag
//   LL    two decimal digits, the value's length in BYTES (UTF-8), 00..99
//   00    payload format indicator, "01", always first
//   01    point of initiation: "11" static, "12" dynamic (carries an amount)
//   26    UPI template: 00 = RID "A000000524" (RuPay), 01 = VPA, 02 = minimum amount
//   27    transaction reference template: 00 = RID, 01 = reference, 02 = URL
//   52 MCC, 53 currency "356" (INR), 54 amount, 58 "IN", 59 name, 60 city, 61 PIN code
//   62    additional data template (01 bill number, 05 reference, 07 terminal, 08 purpose)
//   64    localised name and city template
//   63    CRC-16/CCITT-FALSE over everything up to and including "6304"; the last element
//
//  [X] Parse: top-level elements into a map; templates 26–51, 62 and 64 also into
//      sub-maps; CRC verified (mismatch -> Errc::Corrupt); truncated elements, lengths
//      running past the end, non-digit tags or lengths, duplicate tags, 00 not first and
//      63 not last all refused (Errc::InvalidInput); payload at most 512 bytes.
//  [X] Checks: 01 is 11 or 12, 53 is 356, 54 an amount with at most 2 decimals.
//  [X] Build: elements in tag order (templates from their sub-maps), then 6304 + CRC.
//  [X] The UPI part as a UpiPayment; a Bharat QR for the kiosk's own UPI collection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/qr/upi.h"

namespace kiosk::qr {

inline constexpr std::size_t kBharatQrMax = 512;  // bytes: the EMV MPM payload limit

using TlvFields = std::map<std::string, std::string, std::less<>>;  // tag -> value

struct BharatQr {
  TlvFields fields;                                         // every element but 63, raw values
  std::map<std::string, TlvFields, std::less<>> templates;  // 26–51, 62, 64 parsed
  std::string crc;                                          // tag 63 as read, 4 hex digits

  // The value of a top-level tag, or of a sub-tag inside a template; empty when absent.
  std::string_view value(std::string_view tag) const;
  std::string_view value(std::string_view tmpl, std::string_view sub) const;

  bool operator==(const BharatQr&) const = default;
};

// True for the tags EMV MPM defines as templates that this parser opens: 26–51, 62, 64.
bool is_template_tag(std::string_view tag);

Result<BharatQr> parse_bharat_qr(std::string_view payload);

// Serialises `qr` (its `crc` is ignored and recomputed). A tag present in `templates` is
// written from its sub-map, otherwise from `fields`; 00 must be absent or "01". Fails
// when a tag is not two digits, a value is longer than 99 bytes or the payload than 512.
Result<std::string> build_bharat_qr(const BharatQr& qr);

// What a UPI app pays from a Bharat QR: pa from 26/01, pn 59, am 54, cu INR (53 = 356),
// mc 52, tr 27/01, url 27/02. NotFound without a UPI template (card-only stickers).
Result<UpiPayment> upi_from_bharat_qr(const BharatQr& qr);

// The kiosk's own collect QR in Bharat QR form.
struct BharatUpiMerchant {
  std::string vpa;                           // 26/01
  std::string name;                          // 59, at most 23 bytes
  std::string city;                          // 60, at most 15 bytes
  std::string pin_code;                      // 61, 6 digits or empty
  std::string mcc = "0000";                  // 52
  std::optional<std::int64_t> amount_paise;  // 54; set -> dynamic QR (01 = 12)
  std::string reference;                     // 27/01 (4–35 characters) or empty
};
Result<std::string> build_bharat_upi_qr(const BharatUpiMerchant& merchant);

}  // namespace kiosk::qr

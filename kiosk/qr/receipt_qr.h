// The kiosk's own receipt QR: `csckiosk:r1:<receipt number>`, printed on every receipt so
// an operator (or this kiosk, for a reprint or status check) can scan it back.
//
// Receipt numbers are `<kiosk id>-<YYYYMMDD>-<6-digit sequence>`, e.g.
// `CG-RPR-0042-20261128-000123`; the kiosk id is the enrolled `kiosk.id` (1–5
// hyphen-separated groups of A–Z and 0–9, config_schema.cpp), and the whole number fits
// the receipt-number keyboard field (40 characters, ui/keyboards).
//
//  [X] Prefix `csckiosk:r1:` ("r1" is the payload version), read in any case.
//  [X] Receipt numbers checked: groups, a real calendar date, a 6-digit sequence.
//  [X] Build from a receipt number string; parse gives the parts back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::qr {

inline constexpr std::string_view kReceiptQrPrefix = "csckiosk:r1:";
inline constexpr std::size_t kReceiptNumberMax = 40;

struct ReceiptNumber {
  std::string kiosk_id;      // "CG-RPR-0042"
  std::string date;          // "20261128", YYYYMMDD (the kiosk's local date, IST)
  std::uint32_t sequence{};  // 123, printed as 6 digits

  std::string text() const;  // "CG-RPR-0042-20261128-000123"
  bool operator==(const ReceiptNumber&) const = default;
};

Result<ReceiptNumber> parse_receipt_number(std::string_view text);

// True when `payload` starts with the receipt prefix (any case): detection only.
bool has_receipt_prefix(std::string_view payload);

Result<ReceiptNumber> parse_receipt_qr(std::string_view payload);

// `csckiosk:r1:CG-RPR-0042-20261128-000123`, or InvalidInput for a malformed number.
Result<std::string> build_receipt_qr(std::string_view receipt_number);

}  // namespace kiosk::qr

#include "kiosk/qr/payload.h"

#include <algorithm>
#include <cctype>

#include "kiosk/qr/receipt_qr.h"

namespace kiosk::qr {
namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::ranges::equal(text.substr(0, prefix.size()), prefix, [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

std::string_view skip_bom_and_space(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  return text;
}

// The XML family: the letter QR's `<PrintLetterBarcodeData …/>` or the signed `<QPDB …>`
// family, either of which may follow an `<?xml …?>` declaration.
PayloadKind detect_xml(std::string_view text) {
  if (text.starts_with("<?xml")) {
    const std::size_t end = text.find("?>");
    const std::string_view root = end == std::string_view::npos
                                      ? std::string_view{}
                                      : skip_bom_and_space(text.substr(end + 2));
    return root.starts_with("<Q") ? PayloadKind::AadhaarQpdb : PayloadKind::AadhaarXml;
  }
  if (text.starts_with("<PrintLetterBarcodeData")) return PayloadKind::AadhaarXml;
  if (text.starts_with("<Q")) return PayloadKind::AadhaarQpdb;
  return PayloadKind::Unknown;
}

}  // namespace

PayloadKind detect_payload(std::string_view payload) {
  if (const auto xml = detect_xml(skip_bom_and_space(payload)); xml != PayloadKind::Unknown) {
    return xml;
  }
  const bool digits = std::ranges::all_of(payload, [](char c) { return c >= '0' && c <= '9'; });
  if (digits && payload.size() >= kSecureQrMinDigits) return PayloadKind::AadhaarSecureQr;
  if (starts_with_nocase(payload, "upi://")) return PayloadKind::Upi;
  if (payload.starts_with("000201")) return PayloadKind::BharatQr;
  if (has_receipt_prefix(payload)) return PayloadKind::KioskReceipt;
  return PayloadKind::Unknown;
}

std::string_view to_string(PayloadKind kind) {
  switch (kind) {
    case PayloadKind::AadhaarSecureQr:
      return "aadhaar-secure-qr";
    case PayloadKind::AadhaarXml:
      return "aadhaar-xml";
    case PayloadKind::AadhaarQpdb:
      return "aadhaar-qpdb";
    case PayloadKind::Upi:
      return "upi";
    case PayloadKind::BharatQr:
      return "bharat-qr";
    case PayloadKind::KioskReceipt:
      return "kiosk-receipt";
    case PayloadKind::Unknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace kiosk::qr

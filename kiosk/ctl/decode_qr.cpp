#include "kiosk/ctl/decode_qr.h"

#include <fmt/format.h>

#include "kiosk/forms/masks.h"
#include "kiosk/qr/aadhaar_qr.h"
#include "kiosk/qr/bharat_qr.h"
#include "kiosk/qr/image_decode.h"
#include "kiosk/qr/payload.h"
#include "kiosk/qr/receipt_qr.h"
#include "kiosk/qr/upi.h"

namespace kiosk::ctl {
namespace {

using nlohmann::json;

json aadhaar_fields(const qr::AadhaarRecord& r) {
  json address = json::object();
  for (const char* key :
       {"district", "state", "pincode", "full"}) {  // enough to recognise, no more
    if (auto it = r.address.find(key); it != r.address.end() && !it->second.empty())
      address[key] = it->second;
  }
  return {
      {"aadhaar", forms::mask_aadhaar(r.reference_last4)},
      {"name", r.name},
      {"dob", r.dob},
      {"gender", r.gender},
      {"mobile", r.mobile_last4.empty() ? json(nullptr) : json(forms::mask_mobile(r.mobile_last4))},
      {"address", address},
      {"photo_bytes", r.photo_jp2.size()},
      {"version", r.version}};
}

json upi_fields(const qr::UpiPayment& p) {
  return {{"pa", p.pa}, {"pn", p.pn}, {"am", p.am}, {"cu", p.cu}, {"tn", p.tn}, {"tr", p.tr}};
}

json bharat_fields(const qr::BharatQr& q) {
  json out = {{"merchant_name", std::string(q.value("59"))},
              {"city", std::string(q.value("60"))},
              {"amount", std::string(q.value("54"))},
              {"crc", q.crc}};
  if (auto upi = qr::upi_from_bharat_qr(q)) out["vpa"] = upi->pa;
  return out;
}

json parsed_or_error(const Error& e) {
  return {{"valid", false}, {"error", e.message}};
}

}  // namespace

json describe_payload(std::string_view text, const std::optional<std::filesystem::path>& cert,
                      bool& recognised) {
  const qr::PayloadKind kind = qr::detect_payload(text);
  json out = {{"kind", qr::to_string(kind)}};
  const auto accept = [&](json fields) {
    recognised = true;
    out["valid"] = true;
    out["fields"] = std::move(fields);
  };
  switch (kind) {
    case qr::PayloadKind::AadhaarSecureQr:
    case qr::PayloadKind::AadhaarXml:
    case qr::PayloadKind::AadhaarQpdb: {
      auto r = kind == qr::PayloadKind::AadhaarSecureQr ? qr::parse_secure_qr(text, cert)
                                                        : qr::parse_legacy_xml(text);
      if (!r) return out.update(parsed_or_error(r.error())), out;
      out["verification"] = qr::to_string(r->verification);
      if (r->verification == qr::Verification::Invalid) {
        out["valid"] = false;
        out["error"] = "the UIDAI signature does not match: the QR was altered";
        return out;
      }
      accept(aadhaar_fields(*r));
      return out;
    }
    case qr::PayloadKind::Upi: {
      auto p = qr::parse_upi_uri(text);
      if (!p) return out.update(parsed_or_error(p.error())), out;
      accept(upi_fields(*p));
      return out;
    }
    case qr::PayloadKind::BharatQr: {
      auto q = qr::parse_bharat_qr(text);
      if (!q) return out.update(parsed_or_error(q.error())), out;
      accept(bharat_fields(*q));
      return out;
    }
    case qr::PayloadKind::KioskReceipt: {
      auto n = qr::parse_receipt_qr(text);
      if (!n) return out.update(parsed_or_error(n.error())), out;
      accept({{"receipt_no", n->text()}});
      return out;
    }
    case qr::PayloadKind::Unknown:
      break;
  }
  out["valid"] = false;
  out["error"] = "not a payload the kiosk knows (Aadhaar, UPI, Bharat QR or a kiosk receipt)";
  return out;
}

Result<DecodeQrReport> decode_qr_report(const std::filesystem::path& image,
                                        const std::optional<std::filesystem::path>& cert) {
  auto symbols = qr::decode_image_file(image);
  if (!symbols) return std::unexpected(symbols.error());
  DecodeQrReport report;
  report.json = {{"image", image.string()}, {"symbols", json::array()}};
  for (const auto& s : *symbols) {
    json entry = describe_payload(s.text, cert, report.recognised);
    entry["format"] = qr::to_string(s.format);
    report.json["symbols"].push_back(std::move(entry));
  }
  report.json["recognised"] = report.recognised;
  return report;
}

std::string decode_qr_text(const json& report) {
  std::string out;
  if (report["symbols"].empty()) return "no QR code or barcode found\n";
  for (const auto& s : report["symbols"]) {
    out += fmt::format(
        "{} ({}){}\n", s["kind"].get<std::string>(), s["format"].get<std::string>(),
        s.contains("verification") ? ", signature " + s["verification"].get<std::string>() : "");
    if (s.value("valid", false)) {
      for (const auto& [key, value] : s["fields"].items()) {
        out += fmt::format("  {:<14} {}\n", key,
                           value.is_string() ? value.get<std::string>() : value.dump());
      }
    } else {
      out += fmt::format("  invalid: {}\n", s.value("error", std::string("unreadable")));
    }
  }
  return out;
}

}  // namespace kiosk::ctl

#include "kiosk/qr/bharat_qr.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "kiosk/core/ascii.h"
#include "kiosk/qr/crc16.h"

namespace kiosk::qr {
namespace {

constexpr std::string_view kUpiRid = "A000000524";  // RuPay RID, value of 26/00 and 27/00
constexpr std::string_view kCrcTag = "63";
constexpr std::size_t kHeader = 4;     // TT + LL
constexpr std::size_t kValueMax = 99;  // LL is two decimal digits

struct Element {
  std::string_view tag;
  std::string_view value;
  std::size_t offset;  // of the tag, from the start of the enclosing data
};

using ascii::all_digits;

// Splits `data` into TT LL VALUE elements. `where` names the data in error messages.
Result<std::vector<Element>> split_tlv(std::string_view data, std::string_view where) {
  std::vector<Element> out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < kHeader) {
      return fail(Errc::InvalidInput,
                  fmt::format("Bharat QR: {} ends in a truncated element at byte {}", where, pos));
    }
    const std::string_view tag = data.substr(pos, 2);
    const std::string_view len = data.substr(pos + 2, 2);
    if (!all_digits(tag) || !all_digits(len)) {
      return fail(
          Errc::InvalidInput,
          fmt::format("Bharat QR: {}: tag or length at byte {} is not two digits", where, pos));
    }
    const std::size_t n = static_cast<std::size_t>((len[0] - '0') * 10 + (len[1] - '0'));
    if (n > data.size() - pos - kHeader) {
      return fail(Errc::InvalidInput,
                  fmt::format("Bharat QR: {}: tag {} at byte {} says {} bytes, past the end", where,
                              tag, pos, n));
    }
    out.push_back({tag, data.substr(pos + kHeader, n), pos});
    pos += kHeader + n;
  }
  return out;
}

// One map from the elements; a repeated tag is refused (two amounts, two payees…).
Result<TlvFields> to_map(const std::vector<Element>& elements, std::string_view where) {
  TlvFields map;
  for (const auto& e : elements) {
    if (!map.emplace(std::string(e.tag), std::string(e.value)).second) {
      return fail(Errc::InvalidInput,
                  fmt::format("Bharat QR: {}: tag {} appears twice", where, e.tag));
    }
  }
  return map;
}

// 00 first with "01"; 63 last, 4 bytes, equal to the CRC of everything before its value.
Status check_frame(std::string_view payload, const std::vector<Element>& elements) {
  if (elements.empty() || elements.front().tag != "00" || elements.front().value != "01") {
    return fail(Errc::InvalidInput, "Bharat QR: does not start with 000201");
  }
  const Element& last = elements.back();
  if (last.tag != kCrcTag || last.value.size() != 4) {
    return fail(Errc::InvalidInput, "Bharat QR: the last element is not the CRC 63 of length 04");
  }
  // The CRC covers the "6304" of its own element (EMV MPM).
  const std::uint16_t computed = crc16_ccitt_false(payload.substr(0, last.offset + kHeader));
  std::string stated(last.value);
  std::ranges::transform(stated, stated.begin(), [](unsigned char c) { return std::toupper(c); });
  if (stated != crc16_hex(computed)) {
    return fail(Errc::Corrupt,
                fmt::format("Bharat QR: CRC mismatch: tag 63 says {}, payload gives {}", last.value,
                            crc16_hex(computed)));
  }
  return {};
}

Status check_values(const BharatQr& qr) {
  const std::string_view initiation = qr.value("01");
  if (!initiation.empty() && initiation != "11" && initiation != "12") {
    return fail(Errc::InvalidInput, "Bharat QR: point of initiation 01 is not 11 or 12");
  }
  const std::string_view currency = qr.value("53");
  if (!currency.empty() && currency != "356") {
    return fail(Errc::InvalidInput, "Bharat QR: currency 53 is not 356 (INR)");
  }
  const std::string_view amount = qr.value("54");
  if (!amount.empty() && !paise_from_rupees(amount)) {
    return fail(Errc::InvalidInput, "Bharat QR: amount 54 is not rupees with at most 2 decimals");
  }
  return {};
}

Status open_templates(BharatQr& qr) {
  for (const auto& [tag, value] : qr.fields) {
    if (!is_template_tag(tag)) continue;
    const std::string where = fmt::format("template {}", tag);
    auto elements = split_tlv(value, where);
    if (!elements) return std::unexpected(elements.error());
    auto map = to_map(*elements, where);
    if (!map) return std::unexpected(map.error());
    qr.templates.emplace(tag, std::move(*map));
  }
  return {};
}

Status append_element(std::string& out, std::string_view tag, std::string_view value) {
  if (tag.size() != 2 || !all_digits(tag)) {
    return fail(Errc::InvalidInput, fmt::format("Bharat QR: tag \"{}\" is not two digits", tag));
  }
  if (value.size() > kValueMax) {
    return fail(Errc::InvalidInput, fmt::format("Bharat QR: tag {} value is {} bytes, more than 99",
                                                tag, value.size()));
  }
  out += fmt::format("{}{:02}{}", tag, value.size(), value);
  return {};
}

Result<std::string> serialise(const TlvFields& fields) {
  std::string out;
  for (const auto& [tag, value] : fields) {
    if (auto ok = append_element(out, tag, value); !ok) return std::unexpected(ok.error());
  }
  return out;
}

}  // namespace

std::string_view BharatQr::value(std::string_view tag) const {
  const auto it = fields.find(tag);
  return it == fields.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view BharatQr::value(std::string_view tmpl, std::string_view sub) const {
  const auto t = templates.find(tmpl);
  if (t == templates.end()) return {};
  const auto it = t->second.find(sub);
  return it == t->second.end() ? std::string_view{} : std::string_view(it->second);
}

bool is_template_tag(std::string_view tag) {
  if (tag.size() != 2 || !all_digits(tag)) return false;
  const int n = (tag[0] - '0') * 10 + (tag[1] - '0');
  return (n >= 26 && n <= 51) || n == 62 || n == 64;
}

Result<BharatQr> parse_bharat_qr(std::string_view payload) {
  if (payload.size() > kBharatQrMax) {
    return fail(Errc::InvalidInput, fmt::format("Bharat QR: {} bytes, more than the {} allowed",
                                                payload.size(), kBharatQrMax));
  }
  auto elements = split_tlv(payload, "payload");
  if (!elements) return std::unexpected(elements.error());
  if (auto ok = check_frame(payload, *elements); !ok) return std::unexpected(ok.error());
  auto map = to_map(*elements, "payload");
  if (!map) return std::unexpected(map.error());
  BharatQr qr;
  qr.crc = std::string(elements->back().value);
  map->erase(std::string(kCrcTag));
  qr.fields = std::move(*map);
  if (auto ok = open_templates(qr); !ok) return std::unexpected(ok.error());
  if (auto ok = check_values(qr); !ok) return std::unexpected(ok.error());
  return qr;
}

Result<std::string> build_bharat_qr(const BharatQr& qr) {
  const auto format = qr.fields.find("00");
  if (format != qr.fields.end() && format->second != "01") {
    return fail(Errc::InvalidInput, "Bharat QR: payload format indicator 00 must be \"01\"");
  }
  // Every element in tag order, a template written from its sub-map when it has one.
  TlvFields elements = qr.fields;
  for (const auto& [tag, sub] : qr.templates) {
    auto inner = serialise(sub);
    if (!inner) return std::unexpected(inner.error());
    elements.insert_or_assign(tag, std::move(*inner));
  }
  elements.erase("00");
  elements.erase(std::string(kCrcTag));
  std::string out = "000201";  // 00 = "01", always the first element (EMV MPM)
  auto body = serialise(elements);
  if (!body) return std::unexpected(body.error());
  out += *body;
  out += "6304";  // the CRC covers its own tag and length
  out += crc16_hex(crc16_ccitt_false(out));
  if (out.size() > kBharatQrMax) {
    return fail(Errc::InvalidInput, fmt::format("Bharat QR: {} bytes, more than the {} allowed",
                                                out.size(), kBharatQrMax));
  }
  return out;
}

Result<UpiPayment> upi_from_bharat_qr(const BharatQr& qr) {
  if (qr.value("26", "01").empty()) {
    return fail(Errc::NotFound, "Bharat QR: no UPI template 26 with a VPA");
  }
  UpiPayment p;
  p.pa = qr.value("26", "01");
  p.pn = qr.value("59");
  p.am = qr.value("54");
  if (qr.value("53") == "356") p.cu = "INR";
  p.mc = qr.value("52");
  p.tr = qr.value("27", "01");
  p.url = qr.value("27", "02");
  if (!is_vpa(p.pa)) return fail(Errc::InvalidInput, "Bharat QR: 26/01 is not a VPA");
  return p;
}

Result<std::string> build_bharat_upi_qr(const BharatUpiMerchant& m) {
  if (!is_vpa(m.vpa)) return fail(Errc::InvalidInput, "Bharat QR: the VPA is not name@handle");
  if (m.name.empty() || m.name.size() > 23 || m.city.empty() || m.city.size() > 15) {
    return fail(Errc::InvalidInput, "Bharat QR: name must be 1–23 bytes and city 1–15");
  }
  if (m.mcc.size() != 4 || !all_digits(m.mcc)) {
    return fail(Errc::InvalidInput, "Bharat QR: MCC must be 4 digits");
  }
  if (m.amount_paise && *m.amount_paise <= 0) {
    return fail(Errc::InvalidInput, "Bharat QR: a dynamic QR needs a positive amount");
  }
  BharatQr qr;
  qr.fields = {{"01", m.amount_paise ? "12" : "11"},
               {"52", m.mcc},
               {"53", "356"},
               {"58", "IN"},
               {"59", m.name},
               {"60", m.city}};
  if (m.amount_paise) qr.fields["54"] = rupees_from_paise(*m.amount_paise);
  if (!m.pin_code.empty()) qr.fields["61"] = m.pin_code;
  qr.templates["26"] = {{"00", std::string(kUpiRid)}, {"01", m.vpa}};
  if (!m.reference.empty()) {
    qr.templates["27"] = {{"00", std::string(kUpiRid)}, {"01", m.reference}};
  }
  return build_bharat_qr(qr);
}

}  // namespace kiosk::qr

#include "kiosk/app/identity.h"

#include <algorithm>
#include <vector>

#include "kiosk/core/ascii.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/masks.h"
#include "kiosk/forms/rules.h"
#include "kiosk/qr/aadhaar_qr.h"
#include "kiosk/qr/payload.h"

namespace kiosk::app {

namespace {

std::string gender_choice_id(std::string_view g) {
  if (g == "M") return "male";
  if (g == "F") return "female";
  if (g == "T") return "transgender";
  return {};
}

std::string qr_field_value(const qr::AadhaarRecord& r, std::string_view source) {
  if (source == "name") return r.name;
  if (source == "care_of") {
    auto it = r.address.find("care_of");
    return it == r.address.end() ? std::string() : care_of_name(it->second);
  }
  if (source == "address") return address_line(r.address);
  if (source == "pincode") {
    auto it = r.address.find("pincode");
    return it == r.address.end() ? std::string() : std::string(ascii::trim(it->second));
  }
  if (source == "dob") return date_digits(r.dob);
  if (source == "gender") return gender_choice_id(r.gender);
  return {};
}

Result<qr::AadhaarRecord> read_aadhaar_record(std::string_view text,
                                              const std::filesystem::path& cert) {
  switch (qr::detect_payload(text)) {
    case qr::PayloadKind::AadhaarSecureQr:
      return qr::parse_secure_qr(
          text, cert.empty() ? std::nullopt : std::optional<std::filesystem::path>(cert));
    case qr::PayloadKind::AadhaarXml:
    case qr::PayloadKind::AadhaarQpdb:
      return qr::parse_legacy_xml(text);
    default:
      return fail(Errc::InvalidInput, "not an Aadhaar QR");
  }
}

IdentityView::Check qr_check(const qr::AadhaarRecord& r) {
  switch (r.verification) {
    case qr::Verification::Verified:
      return IdentityView::Check::Verified;
    case qr::Verification::Unverified:
      return IdentityView::Check::Unverified;
    case qr::Verification::Invalid:
      return IdentityView::Check::Invalid;
  }
  return IdentityView::Check::Unverified;
}

}  // namespace

std::string care_of_name(std::string_view care_of) {
  std::string_view s = ascii::trim(care_of);
  // "S/O", "D/O", "W/O", "C/O", "H/O", with or without spaces and a colon after.
  if (s.size() >= 3 && s[1] == '/' && (s[2] == 'O' || s[2] == 'o') &&
      std::string_view("SDWCHsdwch").find(s[0]) != std::string_view::npos) {
    s.remove_prefix(3);
    if (!s.empty() && (s.front() == ':' || s.front() == ',')) s.remove_prefix(1);
  }
  return std::string(ascii::trim(s));
}

std::string address_line(const std::map<std::string, std::string>& address) {
  if (auto full = address.find("full"); full != address.end())
    return std::string(ascii::trim(full->second));
  std::vector<std::string> parts;
  for (const char* key :
       {"house", "street", "landmark", "location", "vtc", "sub_district", "district", "state"}) {
    auto it = address.find(key);
    if (it == address.end()) continue;
    std::string part(ascii::trim(it->second));
    if (!part.empty() && std::ranges::find(parts, part) == parts.end()) parts.push_back(part);
  }
  std::string line;
  for (const auto& part : parts) line += (line.empty() ? "" : ", ") + part;
  return line;
}

std::string date_digits(std::string_view dob) {
  if (dob.size() != 10 || (dob[2] != '-' && dob[2] != '/') || dob[5] != dob[2]) return {};
  std::string digits =
      std::string(dob.substr(0, 2)) + std::string(dob.substr(3, 2)) + std::string(dob.substr(6, 4));
  return ascii::all_digits(digits) ? digits : std::string();
}

IdentityFill identity_from_qr(std::string_view text, const forms::Form& form,
                              const std::filesystem::path& cert) {
  IdentityFill fill;
  fill.view.source = IdentityView::Source::AadhaarQr;
  auto record = read_aadhaar_record(text, cert);
  if (!record) {
    // Its message names the format problem, never the QR's contents.
    log::info("core", "an Aadhaar QR could not be read: {}", record.error().message);
    fill.view.check = IdentityView::Check::Unreadable;
    return fill;
  }
  fill.view.check = qr_check(*record);
  fill.view.legacy = record->format == qr::AadhaarFormat::PrintLetterXml ||
                     record->format == qr::AadhaarFormat::SignedXml;
  if (fill.view.check == IdentityView::Check::Invalid) return fill;  // altered: trust nothing
  if (record->reference_last4.size() == 4)
    fill.view.aadhaar_masked = forms::mask_aadhaar(record->reference_last4);
  fill.view.dob = record->dob;
  fill.view.gender = gender_choice_id(record->gender);
  for (const forms::FieldSpec& spec : form) {
    if (spec.from_aadhaar.empty()) continue;
    std::string value = qr_field_value(*record, spec.from_aadhaar);
    if (value.empty() || forms::check(spec, value)) continue;  // the citizen types it
    fill.values[spec.id] = std::move(value);
  }
  return fill;
}

}  // namespace kiosk::app

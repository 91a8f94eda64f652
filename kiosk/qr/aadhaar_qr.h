// Aadhaar QR payloads: the Secure QR (V1 2018; V2 since about 2022) and the older XML QRs.
//
// Pure decoding, no devices: a scanner hands us the QR text, we hand back a record whose
// Aadhaar number is already reduced to its last 4 digits. Formats: india.md §1, data
// rules: india.md §5. Every parse function is safe on arbitrary bytes: bounded input,
// bounded inflate, bounded XML, and every failure is kiosk::fail(Errc::InvalidInput, …)
// with a message that never contains citizen data.
//
//  [X] Secure QR: decimal big integer -> big-endian bytes (OpenSSL BIGNUM) -> gunzip (zlib)
//  [X] Bounds: at most kSecureQrMaxDigits digits in, at most kSecureQrMaxInflated bytes out
//  [X] V1 / V2 field split on 0xFF by counting delimiters (the photo may contain 0xFF)
//  [X] V2 detected by its "V2" first field; "V3" and "V4" are read like V2
//  [X] ISO-8859-1 text converted to UTF-8
//  [X] JPEG 2000 photo kept in memory only (never written by this module)
//  [X] V1 email/mobile SHA-256 hashes, iterated per the last Aadhaar digit
//  [X] SHA256withRSA (PKCS#1 v1.5) against UIDAI's X.509 certificate, PEM or DER
//  [X] Legacy <PrintLetterBarcodeData …/>: full UID masked on parse (last 4 digits kept)
//  [X] Legacy signed <QPDB|QPDA|QDB|QDA …/>: base64 photo decoded, signature not checked
//  [ ] Signature check for the QPDB family: UIDAI never published that scheme
//  [ ] JPEG 2000 decoding of the photo: the UI layer's job (no JP2 decoder in kiosk_core)
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::qr {

// Bounds that keep a hostile QR from costing more than a few hundred KiB. The largest QR
// (version 40, numeric mode) holds 7089 digits, but real Secure QRs are 2–3k digits and
// 5000 digits is about 2 KiB of gzip; the inflated record is a few KiB plus the photo.
inline constexpr std::size_t kSecureQrMaxDigits = 5000;
inline constexpr std::size_t kSecureQrMaxInflated = 64 * 1024;
inline constexpr std::size_t kSecureQrSignatureBytes = 256;  // RSA-2048
inline constexpr std::size_t kLegacyXmlMaxBytes = 16 * 1024;

enum class Verification {
  Verified,    // the UIDAI signature checks out against the configured certificate
  Unverified,  // no certificate configured, or a format we cannot verify: show as such
  Invalid,     // the signature does not match: the data was altered ("tampered")
};
std::string_view to_string(Verification v);

enum class AadhaarFormat {
  SecureV1,        // 2018 Secure QR, with email/mobile hashes
  SecureV2,        // "V2" (and V3/V4) Secure QR, with the mobile's last 4 digits
  PrintLetterXml,  // pre-2018 <PrintLetterBarcodeData …/>, unsigned
  SignedXml,       // 2016–18 <QPDB|QPDA|QDB|QDA …/>, signature not verifiable here
};

struct AadhaarRecord {
  AadhaarFormat format = AadhaarFormat::SecureV1;
  int version = 0;                  // 1–4 for Secure QR ("V3" gives 3), 0 for XML
  std::string reference_last4;      // last 4 digits of the Aadhaar number: all we keep
  std::string reference_timestamp;  // YYYYMMDDHHMMSSmmm (Secure QR only)
  std::string name;
  std::string dob;     // DD-MM-YYYY; legacy letters may give DD/MM/YYYY or just YYYY
  std::string gender;  // M / F / T as printed
  // Keys: care_of, district, landmark, house, location, pincode, post_office, state,
  // street, sub_district, vtc. The QPDB family has one free-text address under "full".
  std::map<std::string, std::string> address;
  std::string mobile_last4;               // V2 and QPDB only
  std::vector<std::uint8_t> photo_jp2;    // JPEG 2000; memory only, never persist it
  int email_mobile_indicator = 0;         // 0 none, 1 email, 2 mobile, 3 both (Secure QR)
  std::vector<std::uint8_t> email_hash;   // V1 only: 32 bytes or empty
  std::vector<std::uint8_t> mobile_hash;  // V1 only: 32 bytes or empty
  Verification verification = Verification::Unverified;
  std::string verification_detail;  // for operators and logs; no citizen data
};

// Decodes a Secure QR (the decimal text of the QR code) and checks its signature against
// the UIDAI certificate at `cert_path` (PEM or DER). No path, or a path with no file,
// gives a record marked Unverified; a signature mismatch gives a record marked Invalid
// (so the UI can say "tampered"). A certificate file that exists but cannot be used
// (unreadable, not RSA-2048) fails with Errc::Config: that is an operator error.
Result<AadhaarRecord> parse_secure_qr(std::string_view decimal_digits,
                                      const std::optional<std::filesystem::path>& cert_path);

// Parses a pre-2018 XML QR: <PrintLetterBarcodeData …/> or the <QPDB|QPDA|QDB|QDA …/>
// family. The record never holds the full UID, and the copies this function makes are
// wiped; wiping the caller's `xml` buffer is the caller's job. Both are Unverified.
Result<AadhaarRecord> parse_legacy_xml(std::string_view xml);

// V1 email/mobile hash check (india.md §1a): t = value, then t = hex(sha256(t)) repeated
// n times, n = the last Aadhaar digit (0 and 1 both mean once); true when the final
// digest equals `hash32`. False for a hash that is not 32 bytes or a non-digit.
bool aadhaar_v1_hash_matches(const std::vector<std::uint8_t>& hash32,
                             std::string_view mobile_or_email, char last_aadhaar_digit);

// Checks `mobile_or_email` against whichever V1 hashes the record holds. UIDAI's manual
// contradicts itself on which hash a single-hash QR carries, so both are tried.
bool aadhaar_v1_contact_matches(const AadhaarRecord& record, std::string_view mobile_or_email);

// --- Lower layers, public for tests and fuzzers ------------------------------------------

// Decimal digits -> big-endian bytes -> gunzipped payload (signed data + 256-byte signature).
Result<std::vector<std::uint8_t>> secure_qr_payload(std::string_view decimal_digits);

// Splits a gunzipped payload into a record; verification is left Unverified.
Result<AadhaarRecord> parse_secure_qr_payload(std::span<const std::uint8_t> payload);

// SHA256withRSA (PKCS#1 v1.5) check of `signature` over `signed_data` with the public key
// of the X.509 certificate in `cert_file`: Verified or Invalid; Errc::Config when the
// certificate cannot be loaded or its key is not RSA-2048.
Result<Verification> verify_uidai_signature(std::span<const std::uint8_t> signed_data,
                                            std::span<const std::uint8_t> signature,
                                            const std::filesystem::path& cert_file);

// ISO-8859-1 (Secure QR text) to UTF-8: every byte is its own code point.
std::string latin1_to_utf8(std::string_view latin1);

}  // namespace kiosk::qr

// Aadhaar Secure QR decoding: decimal text -> bytes -> gunzip -> fields -> signature check.
// The feature list is in aadhaar_qr.h; signature and hash code is in aadhaar_crypto.cpp,
// the legacy XML formats in aadhaar_xml.cpp. Format facts: india.md §1a.
#include "kiosk/qr/aadhaar_qr.h"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <zlib.h>

#include <array>
#include <memory>
#include <system_error>

#include "kiosk/core/ascii.h"

namespace kiosk::qr {
namespace {

struct BnFree {
  void operator()(BIGNUM* p) const noexcept { BN_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

// Owns a z_stream: inflateEnd runs on every path once inflateInit2 has succeeded.
class GzipInflater {
 public:
  GzipInflater() = default;
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;
  ~GzipInflater() {
    if (live_) inflateEnd(&zs_);
  }
  // 16 + MAX_WBITS: expect a gzip (RFC 1952) wrapper, not a zlib one (india.md §1a step 2).
  bool init() { return live_ = (inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK); }
  z_stream& stream() { return zs_; }

 private:
  z_stream zs_{};
  bool live_ = false;
};

// The V1 text fields are 16 (indicator, reference, name, dob, gender, 11 address parts);
// V2 adds the "V2" marker in front and the mobile's last 4 digits behind (india.md §1a).
constexpr std::size_t kV1Delimiters = 16;
constexpr std::size_t kV2Delimiters = 18;
constexpr std::size_t kHashBytes = 32;  // SHA-256
constexpr std::array<const char*, 11> kAddressKeys{
    "care_of",     "district", "landmark", "house",        "location", "pincode",
    "post_office", "state",    "street",   "sub_district", "vtc"};

using ascii::all_digits;

// Step 1: the QR text is one decimal big integer; its big-endian bytes (no leading zeros)
// are the gzip stream. Digits are checked first because BN_dec2bn also takes a '-' sign.
Result<std::vector<std::uint8_t>> decimal_to_bytes(std::string_view digits) {
  if (digits.empty()) return fail(Errc::InvalidInput, "Secure QR text is empty");
  if (digits.size() > kSecureQrMaxDigits) {
    return fail(Errc::InvalidInput, fmt::format("Secure QR text has {} digits; more than {} is "
                                                "refused before decoding",
                                                digits.size(), kSecureQrMaxDigits));
  }
  if (!all_digits(digits)) {
    return fail(Errc::InvalidInput, "Secure QR text holds a character that is not a digit");
  }
  const std::string terminated(digits);  // BN_dec2bn reads a C string
  BIGNUM* raw = nullptr;
  const int used = BN_dec2bn(&raw, terminated.c_str());
  const BnPtr bn(raw);
  if (!bn || used != static_cast<int>(terminated.size())) {
    ERR_clear_error();
    return fail(Errc::Internal, "BN_dec2bn could not convert the Secure QR digits");
  }
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())));
  BN_bn2bin(bn.get(), bytes.data());
  return bytes;
}

// Step 2: gunzip into a buffer one byte larger than the limit; filling it means the
// stream inflates past kSecureQrMaxInflated (a decompression bomb), and we stop there.
Result<std::vector<std::uint8_t>> gunzip_bounded(std::span<const std::uint8_t> gz) {
  // RFC 1952: a gzip member starts with ID1 ID2 = 1f 8b and CM = 08 (deflate).
  if (gz.size() < 3 || gz[0] != 0x1f || gz[1] != 0x8b || gz[2] != 0x08) {
    return fail(Errc::InvalidInput, "Secure QR bytes are not a gzip stream (no 1f 8b 08 header)");
  }
  GzipInflater inflater;
  if (!inflater.init()) return fail(Errc::Internal, "zlib inflateInit2 failed");
  std::vector<std::uint8_t> out(kSecureQrMaxInflated + 1);
  z_stream& zs = inflater.stream();
  zs.next_in = const_cast<Bytef*>(gz.data());  // zlib's API is not const; it never writes input
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  // Z_FINISH with all input and all output space: one call either ends the stream or
  // reports why it could not (zlib manual, inflate()).
  const int rc = inflate(&zs, Z_FINISH);
  if (zs.avail_out == 0) {
    return fail(Errc::InvalidInput, fmt::format("Secure QR inflates past {} bytes; refused as a "
                                                "decompression bomb",
                                                kSecureQrMaxInflated));
  }
  if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
    return fail(Errc::InvalidInput, fmt::format("Secure QR gzip stream is corrupt ({})",
                                                zs.msg != nullptr ? zs.msg : "no zlib reason"));
  }
  if (rc == Z_BUF_ERROR || rc == Z_OK) {
    return fail(Errc::InvalidInput, "Secure QR gzip stream is truncated");
  }
  if (rc != Z_STREAM_END) return fail(Errc::Internal, fmt::format("zlib inflate failed ({})", rc));
  out.resize(zs.total_out);
  return out;
}

// Field 0 tells the layout: "V2" (56 32) and later carry a version marker; a V1 QR starts
// straight with the email/mobile indicator digit.
Result<int> detect_version(std::span<const std::uint8_t> signed_data) {
  std::string first;
  for (std::size_t i = 0; i < signed_data.size() && signed_data[i] != 0xFF && i < 8; ++i) {
    first.push_back(static_cast<char>(signed_data[i]));
  }
  if (first == "V2" || first == "V3" || first == "V4") return first[1] - '0';
  if (first.size() == 1 && first[0] >= '0' && first[0] <= '3') return 1;
  if (!first.empty() && first[0] == 'V') {
    return fail(Errc::InvalidInput, "Secure QR has an unsupported version marker");
  }
  return fail(Errc::InvalidInput,
              "Secure QR first field is neither a version marker nor an email/mobile indicator");
}

struct TextFields {
  std::vector<std::string_view> fields;  // Latin-1 bytes, delimiters excluded
  std::size_t rest = 0;                  // offset of the photo, after the last delimiter
};

// Takes the first `count` 0xFF-terminated fields and stops: the photo and the hashes that
// follow are binary and may contain 0xFF themselves, so they are never split.
Result<TextFields> split_text_fields(std::span<const std::uint8_t> data, std::size_t count,
                                     int version) {
  TextFields out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < data.size() && out.fields.size() < count; ++i) {
    if (data[i] != 0xFF) continue;
    out.fields.emplace_back(reinterpret_cast<const char*>(data.data()) + start, i - start);
    start = i + 1;
  }
  if (out.fields.size() < count) {
    return fail(Errc::InvalidInput,
                fmt::format("Secure QR V{} needs {} 0xFF delimiters before the photo; found {}",
                            version, count, out.fields.size()));
  }
  out.rest = start;
  return out;
}

// Fields from the indicator on are the same in V1 and V2; `f` starts at the indicator.
Status fill_text(AadhaarRecord& r, std::span<const std::string_view> f) {
  if (f[0].size() != 1 || f[0][0] < '0' || f[0][0] > '3') {
    return fail(Errc::InvalidInput, "Secure QR email/mobile indicator is not 0, 1, 2 or 3");
  }
  r.email_mobile_indicator = f[0][0] - '0';
  // Reference id: last 4 digits of the Aadhaar number, then YYYYMMDDHHMMSSmmm.
  if (f[1].size() < 4 || !all_digits(f[1].substr(0, 4))) {
    return fail(Errc::InvalidInput, "Secure QR reference id does not start with 4 digits");
  }
  r.reference_last4 = std::string(f[1].substr(0, 4));
  r.reference_timestamp = latin1_to_utf8(f[1].substr(4));
  r.name = latin1_to_utf8(f[2]);
  r.dob = latin1_to_utf8(f[3]);
  r.gender = latin1_to_utf8(f[4]);
  for (std::size_t i = 0; i < kAddressKeys.size(); ++i) {
    r.address[kAddressKeys[i]] = latin1_to_utf8(f[5 + i]);
  }
  return {};
}

// After the photo, V1 keeps one 32-byte SHA-256 per contact it has: with both, the email
// hash comes first and the mobile hash sits just before the signature (india.md §1a).
Status take_photo_and_hashes(AadhaarRecord& r, std::span<const std::uint8_t> signed_data,
                             std::size_t photo_start) {
  std::size_t hash_bytes = 0;
  if (r.version == 1 && r.email_mobile_indicator != 0) {
    hash_bytes = r.email_mobile_indicator == 3 ? 2 * kHashBytes : kHashBytes;
  }
  if (signed_data.size() < photo_start + hash_bytes) {
    return fail(Errc::InvalidInput, "Secure QR V1 is too short for its email/mobile hashes");
  }
  const std::size_t photo_end = signed_data.size() - hash_bytes;
  r.photo_jp2.assign(signed_data.begin() + static_cast<std::ptrdiff_t>(photo_start),
                     signed_data.begin() + static_cast<std::ptrdiff_t>(photo_end));
  if (hash_bytes == 0) return {};
  const auto hash_at = [&](std::size_t offset) {
    const auto first = signed_data.begin() + static_cast<std::ptrdiff_t>(offset);
    return std::vector<std::uint8_t>(first, first + kHashBytes);
  };
  if (r.email_mobile_indicator == 3) {
    r.email_hash = hash_at(photo_end);
    r.mobile_hash = hash_at(photo_end + kHashBytes);
  } else if (r.email_mobile_indicator == 1) {
    r.email_hash = hash_at(photo_end);
  } else {
    r.mobile_hash = hash_at(photo_end);
  }
  return {};
}

void set_verification(AadhaarRecord& r, Verification v, std::string detail) {
  r.verification = v;
  r.verification_detail = std::move(detail);
}

}  // namespace

std::string_view to_string(Verification v) {
  switch (v) {
    case Verification::Verified:
      return "verified";
    case Verification::Unverified:
      return "unverified";
    case Verification::Invalid:
      return "invalid";
  }
  return "unknown";
}

std::string latin1_to_utf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size());
  for (char ch : latin1) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else {  // U+0080–U+00FF: two bytes, 110000xx 10xxxxxx
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

Result<std::vector<std::uint8_t>> secure_qr_payload(std::string_view decimal_digits) {
  // Scanners in keyboard-wedge mode end the text with CR/LF: edge whitespace is layout.
  auto bytes = decimal_to_bytes(ascii::trim(decimal_digits, " \t\r\n"));
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  return gunzip_bounded(*bytes);
}

Result<AadhaarRecord> parse_secure_qr_payload(std::span<const std::uint8_t> payload) {
  // Step 3: the last 256 bytes are the RSA-2048 signature over everything before them.
  if (payload.size() <= kSecureQrSignatureBytes) {
    return fail(Errc::InvalidInput,
                fmt::format("Secure QR payload is {} bytes; it must be longer than its "
                            "{}-byte signature",
                            payload.size(), kSecureQrSignatureBytes));
  }
  const auto signed_data = payload.first(payload.size() - kSecureQrSignatureBytes);
  AadhaarRecord r;
  const auto version = detect_version(signed_data);
  if (!version) return std::unexpected(version.error());
  r.version = *version;
  r.format = r.version == 1 ? AadhaarFormat::SecureV1 : AadhaarFormat::SecureV2;
  const std::size_t count = r.version == 1 ? kV1Delimiters : kV2Delimiters;
  const auto split = split_text_fields(signed_data, count, r.version);
  if (!split) return std::unexpected(split.error());
  const std::span<const std::string_view> fields(split->fields);
  if (auto ok = fill_text(r, fields.subspan(r.version == 1 ? 0 : 1)); !ok) {
    return std::unexpected(ok.error());
  }
  if (r.version != 1) {
    const std::string_view mobile = fields[17];
    if (!mobile.empty() && (mobile.size() != 4 || !all_digits(mobile))) {
      return fail(Errc::InvalidInput, "Secure QR mobile field is not the last 4 digits");
    }
    r.mobile_last4 = std::string(mobile);
  }
  if (auto ok = take_photo_and_hashes(r, signed_data, split->rest); !ok) {
    return std::unexpected(ok.error());
  }
  set_verification(r, Verification::Unverified, "signature not checked");
  return r;
}

Result<AadhaarRecord> parse_secure_qr(std::string_view decimal_digits,
                                      const std::optional<std::filesystem::path>& cert_path) {
  const auto payload = secure_qr_payload(decimal_digits);
  if (!payload) return std::unexpected(payload.error());
  auto record = parse_secure_qr_payload(*payload);
  if (!record) return record;
  if (!cert_path) {
    set_verification(*record, Verification::Unverified, "no UIDAI certificate configured");
    return record;
  }
  std::error_code ec;
  if (!std::filesystem::exists(*cert_path, ec)) {
    set_verification(*record, Verification::Unverified,
                     fmt::format("UIDAI certificate not found at {}", cert_path->string()));
    return record;
  }
  const std::span<const std::uint8_t> all(*payload);
  const auto split_at = all.size() - kSecureQrSignatureBytes;
  const auto v = verify_uidai_signature(all.first(split_at), all.subspan(split_at), *cert_path);
  if (!v) return std::unexpected(v.error());
  set_verification(*record, *v,
                   *v == Verification::Verified
                       ? "signature matches the UIDAI certificate"
                       : "signature does not match the UIDAI certificate: data altered");
  return record;
}

}  // namespace kiosk::qr

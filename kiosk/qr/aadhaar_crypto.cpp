// Aadhaar Secure QR cryptography: the UIDAI signature and the V1 email/mobile hashes.
// OpenSSL's X.509 and EVP calls live here; their error queue is turned into kiosk::Error
// once, at this edge, and cleared so a stale reason never leaks into a later call.
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include "kiosk/core/c_free.h"
#include "kiosk/qr/aadhaar_qr.h"

namespace kiosk::qr {
namespace {

using X509Ptr = std::unique_ptr<X509, CFree<&X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, CFree<&EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, CFree<&EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, CFree<&BIO_free>>;

// UIDAI's certificate is about 1.5 KiB; anything past 64 KiB is not a certificate.
constexpr std::uintmax_t kMaxCertificateBytes = 64 * 1024;

std::string openssl_reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no OpenSSL reason";
  std::array<char, 256> text{};
  ERR_error_string_n(code, text.data(), text.size());
  return text.data();
}

Result<std::string> read_small_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return fail(Errc::Config, fmt::format("{}: {}", file.string(), ec.message()));
  if (size > kMaxCertificateBytes) {
    return fail(Errc::Config,
                fmt::format("{}: {} bytes is too large for a certificate", file.string(), size));
  }
  std::ifstream in(file, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return fail(Errc::Config, fmt::format("{}: read failed", file.string()));
  return data;
}

// PEM ("-----BEGIN CERTIFICATE-----") first, then DER: pyaadhaar's
// uidai_certificate_from_xml.cer is DER, openssl's default output is PEM.
Result<X509Ptr> load_certificate(const std::filesystem::path& file) {
  const auto data = read_small_file(file);
  if (!data) return std::unexpected(data.error());
  const BioPtr bio(BIO_new_mem_buf(data->data(), static_cast<int>(data->size())));
  if (!bio) return fail(Errc::Internal, "BIO_new_mem_buf: " + openssl_reason());
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    const auto* der = reinterpret_cast<const unsigned char*>(data->data());
    cert.reset(d2i_X509(nullptr, &der, static_cast<long>(data->size())));
  }
  if (!cert) {
    return fail(Errc::Config, fmt::format("{}: not an X.509 certificate in PEM or DER ({})",
                                          file.string(), openssl_reason()));
  }
  return cert;
}

// The Secure QR signature is exactly 256 bytes, so only an RSA-2048 key can match it.
Result<EvpPkeyPtr> rsa2048_public_key(const std::filesystem::path& file) {
  const auto cert = load_certificate(file);
  if (!cert) return std::unexpected(cert.error());
  EvpPkeyPtr key(X509_get_pubkey(cert->get()));  // a new reference: freed by EvpPkeyPtr
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA ||
      EVP_PKEY_get_size(key.get()) != static_cast<int>(kSecureQrSignatureBytes)) {
    ERR_clear_error();
    return fail(Errc::Config,
                fmt::format("{}: the certificate key is not RSA-2048", file.string()));
  }
  return key;
}

}  // namespace

Result<Verification> verify_uidai_signature(std::span<const std::uint8_t> signed_data,
                                            std::span<const std::uint8_t> signature,
                                            const std::filesystem::path& cert_file) {
  const auto key = rsa2048_public_key(cert_file);
  if (!key) return std::unexpected(key.error());
  if (signature.size() != kSecureQrSignatureBytes) return Verification::Invalid;
  const EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  // SHA256withRSA in Java naming = SHA-256 digest, RSASSA-PKCS1-v1_5 padding.
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key->get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0) {
    return fail(Errc::Internal, "EVP_DigestVerifyInit: " + openssl_reason());
  }
  // 1 = match; 0 = mismatch; < 0 = a malformed signature (e.g. not below the modulus),
  // which for bytes from a QR is a mismatch too.
  const int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), signed_data.data(),
                                  signed_data.size());
  ERR_clear_error();
  return rc == 1 ? Verification::Verified : Verification::Invalid;
}

bool aadhaar_v1_hash_matches(const std::vector<std::uint8_t>& hash32,
                             std::string_view mobile_or_email, char last_aadhaar_digit) {
  if (hash32.size() != 32 || last_aadhaar_digit < '0' || last_aadhaar_digit > '9') return false;
  // UIDAI QR manual: hash n times, n = last Aadhaar digit; 0 and 1 both mean once. Each
  // round hashes the lowercase hex text of the previous digest.
  const int rounds = std::max(1, last_aadhaar_digit - '0');
  std::string text(mobile_or_email);
  std::array<unsigned char, 32> digest{};
  for (int i = 0; i < rounds; ++i) {
    unsigned int len = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1) {
      ERR_clear_error();
      return false;
    }
    text.clear();
    for (unsigned char b : digest) text += fmt::format("{:02x}", b);
  }
  return CRYPTO_memcmp(digest.data(), hash32.data(), digest.size()) == 0;
}

bool aadhaar_v1_contact_matches(const AadhaarRecord& record, std::string_view mobile_or_email) {
  if (record.version != 1 || record.reference_last4.size() != 4) return false;
  const char last = record.reference_last4[3];
  return aadhaar_v1_hash_matches(record.email_hash, mobile_or_email, last) ||
         aadhaar_v1_hash_matches(record.mobile_hash, mobile_or_email, last);
}

}  // namespace kiosk::qr

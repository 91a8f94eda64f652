// OpenSSL pieces of the RD Service simulator (see tls.h): key and certificate generation in
// memory, the HTTPS server context, base64.
#include "tools/rdsim/tls.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace kiosk::rdsim {

namespace {

struct X509ExtensionFree {
  void operator()(X509_EXTENSION* p) const noexcept { X509_EXTENSION_free(p); }
};
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, X509ExtensionFree>;

// Random bytes for keys' serials and PID blobs. RAND_bytes does not fail on a running Linux
// system; should it, std::random_device still gives the simulator something random enough.
std::vector<unsigned char> random_bytes(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  if (count == 0) return bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) {
    ERR_clear_error();
    std::random_device device;
    for (auto& b : bytes) b = static_cast<unsigned char>(device());
  }
  return bytes;
}

// A positive 63-bit serial: unique enough for certificates that live one run.
bool set_random_serial(X509* cert) {
  const auto bytes = random_bytes(8);
  std::uint64_t value = 0;
  for (const auto b : bytes) value = (value << 8) | b;
  value = (value >> 1) | 1;  // positive and never zero
  return ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), value) == 1;
}

bool set_validity(X509* cert, int days) {
  // Backdated a day so that a client whose clock lags a little still accepts a fresh
  // certificate; an expired one keeps notBefore < notAfter.
  const int not_before_days = std::min(days, 0) - 1;
  return X509_time_adj_ex(X509_getm_notBefore(cert), not_before_days, 0, nullptr) != nullptr &&
         X509_time_adj_ex(X509_getm_notAfter(cert), days, 0, nullptr) != nullptr;
}

bool set_subject_and_issuer(X509* cert, const std::string& common_name) {
  X509_NAME* name = X509_get_subject_name(cert);
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1) return false;
  return X509_set_issuer_name(cert, name) == 1;
}

bool add_loopback_san(X509* cert) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1"));
  return ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1;
}

}  // namespace

std::string openssl_error(std::string_view what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return std::string(what);
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof text);
  return fmt::format("{}: {}", what, text);
}

std::expected<EvpPkeyPtr, std::string> make_p256_key() {
  EvpPkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return std::unexpected(openssl_error("EC P-256 key generation failed"));
  return key;
}

std::expected<X509Ptr, std::string> make_self_signed_cert(EVP_PKEY* key, const CertSpec& spec) {
  X509Ptr cert(X509_new());
  if (!cert) return std::unexpected(openssl_error("X509_new failed"));
  const bool ok = X509_set_version(cert.get(), X509_VERSION_3) == 1 &&
                  set_random_serial(cert.get()) && set_validity(cert.get(), spec.days) &&
                  set_subject_and_issuer(cert.get(), spec.common_name) &&
                  X509_set_pubkey(cert.get(), key) == 1 &&
                  (!spec.loopback_ip_san || add_loopback_san(cert.get())) &&
                  X509_sign(cert.get(), key, EVP_sha256()) > 0;
  if (!ok) return std::unexpected(openssl_error("certificate generation failed"));
  return cert;
}

std::expected<SslCtxPtr, std::string> make_server_context() {
  auto key = make_p256_key();
  if (!key) return std::unexpected(key.error());
  auto cert = make_self_signed_cert(
      key->get(), CertSpec{.common_name = "127.0.0.1", .days = 365, .loopback_ip_san = true});
  if (!cert) return std::unexpected(cert.error());
  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return std::unexpected(openssl_error("SSL_CTX_new failed"));
  const bool ok = SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION) == 1 &&
                  SSL_CTX_use_certificate(ctx.get(), cert->get()) == 1 &&
                  SSL_CTX_use_PrivateKey(ctx.get(), key->get()) == 1 &&
                  SSL_CTX_check_private_key(ctx.get()) == 1;
  if (!ok) return std::unexpected(openssl_error("TLS server context setup failed"));
  return ctx;
}

std::string base64(std::span<const unsigned char> bytes) {
  // EVP_EncodeBlock writes 4 characters per 3 bytes and a terminating NUL, no newlines.
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes.data(),
                                static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(std::max(n, 0)));
  return text;
}

std::expected<std::string, std::string> der_base64(X509* cert) {
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert, &der);
  if (length <= 0) return std::unexpected(openssl_error("DER encoding failed"));
  std::string text = base64({der, static_cast<std::size_t>(length)});
  OPENSSL_free(der);
  return text;
}

std::string random_base64(std::size_t byte_count) {
  return base64(random_bytes(byte_count));
}

}  // namespace kiosk::rdsim

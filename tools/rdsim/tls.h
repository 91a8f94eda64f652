// OpenSSL pieces of the RD Service simulator: owned OpenSSL handles, the in-memory
// self-signed certificates (the HTTPS server's and the simulated device's `mc`), and base64.
// Nothing here touches the disk: every run has fresh keys, so no test depends on files.
#pragma once

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstddef>
#include <expected>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::rdsim {

struct SslCtxFree {
  void operator()(SSL_CTX* p) const noexcept { SSL_CTX_free(p); }
};
struct SslFree {
  void operator()(SSL* p) const noexcept { SSL_free(p); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const noexcept { X509_free(p); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

// What a generated certificate says about itself.
struct CertSpec {
  std::string common_name = {};
  // notAfter = now + days; negative gives an already expired certificate (notBefore is
  // then set a day before notAfter, so the certificate is well formed, only expired).
  int days = 365;
  bool loopback_ip_san = false;  // subjectAltName IP:127.0.0.1
};

std::expected<EvpPkeyPtr, std::string> make_p256_key();
// Self-signed (issuer = subject) X.509 v3, SHA-256 signature.
std::expected<X509Ptr, std::string> make_self_signed_cert(EVP_PKEY* key, const CertSpec& spec);
// A TLS 1.2+ server context whose certificate (CN=127.0.0.1, IP:127.0.0.1, one year) and
// key are generated now.
std::expected<SslCtxPtr, std::string> make_server_context();

std::string base64(std::span<const unsigned char> bytes);  // one line, with padding
std::expected<std::string, std::string> der_base64(X509* cert);
std::string random_base64(std::size_t byte_count);  // base64 of fresh random bytes
// `what` and the OpenSSL error queue's oldest entry (the queue is then cleared).
std::string openssl_error(std::string_view what);

}  // namespace kiosk::rdsim

#include "kiosk/biometric/rd_certificate.h"

#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <ctime>
#include <memory>
#include <vector>

namespace kiosk::biometric {
namespace {

struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};

Result<std::vector<unsigned char>> decode_base64(std::string_view text) {
  if (text.empty()) return fail(Errc::InvalidInput, "no device certificate (mc)");
  if (text.size() > kMaxCertificateBase64) {
    return fail(Errc::InvalidInput, "the device certificate is too long");
  }
  if (sodium_init() < 0) return fail(Errc::Internal, "libsodium could not start");
  std::vector<unsigned char> der(text.size());
  std::size_t length = 0;
  // Vendors wrap the base64 in lines; whitespace is skipped, anything else is refused.
  if (sodium_base642bin(der.data(), der.size(), text.data(), text.size(), " \r\n\t", &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return fail(Errc::InvalidInput, "the device certificate is not base64");
  }
  der.resize(length);
  return der;
}

}  // namespace

Result<std::chrono::system_clock::time_point> certificate_expiry(std::string_view base64_der) {
  auto der = decode_base64(base64_der);
  if (!der) return std::unexpected(der.error());
  const unsigned char* cursor = der->data();
  std::unique_ptr<X509, X509Deleter> cert(
      d2i_X509(nullptr, &cursor, static_cast<long>(der->size())));
  if (!cert) return fail(Errc::InvalidInput, "the device certificate is not X.509 DER");
  std::tm expiry{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &expiry) != 1) {
    return fail(Errc::InvalidInput, "the device certificate has an unreadable expiry");
  }
  return std::chrono::system_clock::from_time_t(timegm(&expiry));
}

}  // namespace kiosk::biometric

// The RD device certificate's expiry, from DeviceInfo's `mc` (base64 DER X.509). A reader
// whose certificate has expired is refused by UIDAI, so the operator is warned 30 days
// ahead. Pure: bytes in, a time out (OpenSSL parses the certificate).
#pragma once

#include <chrono>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::biometric {

inline constexpr std::size_t kMaxCertificateBase64 = 16 * 1024;

// notAfter of the certificate; InvalidInput for anything that is not one.
Result<std::chrono::system_clock::time_point> certificate_expiry(std::string_view base64_der);

}  // namespace kiosk::biometric

// Fuzz target: Aadhaar Secure QR, both the decimal text a scanner reads and the
// decompressed payload behind it (the inflater and the field splitter see fuzzed bytes).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "kiosk/qr/aadhaar_qr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)kiosk::qr::parse_secure_qr(text, std::nullopt);
  (void)kiosk::qr::parse_secure_qr_payload(std::span<const std::uint8_t>(data, size));
  return 0;
}

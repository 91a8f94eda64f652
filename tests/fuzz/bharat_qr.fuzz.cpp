// Fuzz target: EMV/Bharat QR tag-length-value payloads with their CRC.
#include "kiosk/qr/bharat_qr.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto parsed = kiosk::qr::parse_bharat_qr(text)) {
    (void)kiosk::qr::upi_from_bharat_qr(*parsed);
    (void)kiosk::qr::build_bharat_qr(*parsed);
  }
  return 0;
}

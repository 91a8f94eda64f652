// Fuzz target: UPI payment URIs (upi://pay?…) from any bytes a QR scanner may hand us.
#include "kiosk/qr/upi.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto parsed = kiosk::qr::parse_upi_uri(text)) {
    // Whatever parses must build and parse back to itself.
    const auto again = kiosk::qr::parse_upi_uri(kiosk::qr::build_upi_uri(*parsed));
    if (!again || again->pa != parsed->pa || again->am != parsed->am) __builtin_trap();
  }
  return 0;
}

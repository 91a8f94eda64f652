// Fuzz target: the older XML Aadhaar QR formats (PrintLetterBarcodeData, QPDB family).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/qr/aadhaar_qr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)kiosk::qr::parse_legacy_xml(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}

// Fuzz target: the kiosk's own receipt QR and the payload-kind detector every scan goes through.
#include "kiosk/qr/receipt_qr.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/qr/payload.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)kiosk::qr::detect_payload(text);
  if (auto receipt = kiosk::qr::parse_receipt_qr(text)) (void)receipt;
  return 0;
}

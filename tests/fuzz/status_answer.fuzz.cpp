// Fuzz target: the backend's application-status answer (kiosk/services/lookups.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/services/lookups.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)kiosk::services::parse_status_answer(text, "CG-RPR-0042-20261120-000007");
  return 0;
}

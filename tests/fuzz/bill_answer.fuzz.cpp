// Fuzz target: the backend's bill answer (kiosk/services/lookups.h): any bytes give a bill
// or a clear refusal; a bill's consumer name is then masked as the lookup worker does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/forms/masks.h"
#include "kiosk/services/lookups.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto bill = kiosk::services::parse_bill_answer(text))
    (void)kiosk::forms::mask_name(bill->consumer_name);
  return 0;
}

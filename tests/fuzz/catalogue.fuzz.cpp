// Fuzz target: the service catalogue parser (kiosk/services/catalogue), which a signed
// configuration bundle will also feed: any bytes give a catalogue or a clear error.
#include "kiosk/services/catalogue.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto catalogue = kiosk::services::parse_catalogue(text)) {
    for (const auto& s : catalogue->services) (void)kiosk::services::pick(s.title, "hi");
  }
  return 0;
}

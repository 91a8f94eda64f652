// Fuzz target: the icon name map read from the icon font package's scss file
// (kiosk/text/icon_names): any bytes give a map, never a crash or an unbounded read.
#include "kiosk/text/icon_names.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto names = kiosk::text::IconNames::parse(text);
  if (auto cp = names.find("home")) (void)kiosk::text::icon_text(*cp);
  return 0;
}

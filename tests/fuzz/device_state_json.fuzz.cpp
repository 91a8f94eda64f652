// Fuzz target: a device listing as kioskctl reads it back from the running kiosk's answer
// (kiosk/devices/device_json: state_from_json), whatever the socket delivered.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "kiosk/devices/device_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return 0;
  const auto one = [](const nlohmann::json& j) {
    if (auto state = kiosk::devices::state_from_json(j)) (void)state->name.size();
  };
  if (parsed.is_array()) {
    for (const auto& j : parsed) one(j);
  } else {
    one(parsed);
  }
  return 0;
}

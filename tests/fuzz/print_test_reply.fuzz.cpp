// Fuzz target: the print-test answer as kioskctl reads it back from the running kiosk
// (kiosk/receipt/print_test_reply: print_test_reply_from_json), whatever the socket delivered.
#include "kiosk/receipt/print_test_reply.h"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return 0;
  if (auto reply = kiosk::receipt::print_test_reply_from_json(parsed)) {
    // What kioskctl then does with it: the exit code and the JSON it prints.
    (void)reply->confirmed();
    (void)kiosk::receipt::to_json(*reply).dump();
  }
  return 0;
}

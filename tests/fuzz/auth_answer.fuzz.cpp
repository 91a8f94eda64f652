// Fuzz target: the backend's answer to POST /v1/auth.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/biometric/auth_client.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto answer = kiosk::biometric::parse_auth_answer(text))
    (void)kiosk::biometric::auth_refusal_key(answer->error_code);
  return 0;
}

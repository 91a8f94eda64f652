// Fuzz target: a signed configuration bundle or root document from the network or a USB
// stick: the envelope, the root payload, and the bundle's payload checks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/config/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk::config;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto envelope = parse_envelope(bytes)) (void)parse_root_payload(envelope->payload);
  (void)parse_root_payload(bytes);
  (void)parse_rfc3339(bytes.substr(0, 64));
  // A root with no keys accepts no signature: the verifier walks its checks up to there.
  static const RootDocument empty_root;
  BundleContext context;
  context.root = &empty_root;
  context.kiosk_id = "CG-RPR-0042";
  (void)verify_bundle(bytes, context);
  // And the payload's checks as if two config keys had signed it.
  context.now = std::chrono::sys_days(std::chrono::year(2026) / 12 / 7);
  (void)verify_payload(std::string(bytes), {"0011223344556677", "8899aabbccddeeff"}, context);
  return 0;
}

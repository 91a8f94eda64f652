// Fuzz target: the backend's answer to POST /v1/transactions:batch, checked against a fixed
// batch of three keys (the seeds in corpus/batch_response/ answer those keys), plus the
// body writer with the fuzzed bytes as a transaction, whose predicted size must match.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "kiosk/sync/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const kiosk::sync::OutgoingItem kSent[] = {
      {"2f1c9a3e-0c1b-4c7e-9d0e-5a1b2c3d4e5f", "{}"},
      {"7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", "{}"},
      {"k3", "{}"},
  };
  if (auto results = kiosk::sync::parse_batch_response(text, kSent)) {
    if (results->size() != std::size(kSent)) std::abort();  // every key answered once
  }
  const kiosk::sync::OutgoingItem item{std::string(text), std::string(text)};
  const std::span<const kiosk::sync::OutgoingItem> one(&item, 1);
  if (kiosk::sync::build_batch_body(text, one).size() != kiosk::sync::batch_body_size(text, one)) {
    std::abort();
  }
  return 0;
}

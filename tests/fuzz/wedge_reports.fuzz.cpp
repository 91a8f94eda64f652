// A wedge scanner's interrupt reports are outside bytes: any sequence of them, of any
// length, must decode to text and scans without a crash. The input is cut into reports of
// 8 bytes; a trailing shorter piece is one malformed report.
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/scanner/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace drivers::scanner;
  WedgeDecoder decoder;
  ScanAssembler assembler({.end_on_gap = std::chrono::milliseconds(50), .max_chars = 256});
  Clock::time_point t{};
  const std::span<const std::uint8_t> bytes(data, size);
  for (std::size_t i = 0; i < size; i += 8) {
    const auto piece = bytes.subspan(i, std::min<std::size_t>(8, size - i));
    if (auto report = parse_boot_report(piece)) assembler.feed(decoder.feed(*report), t);
    t += std::chrono::milliseconds(piece[0] % 64);
    (void)assembler.idle(t);
  }
  return 0;
}

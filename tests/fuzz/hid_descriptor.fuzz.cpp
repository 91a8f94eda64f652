// A HID report descriptor is a device's answer: the parser must end, bounded, on any bytes.
// The input's first two bytes say where the descriptor ends; the rest is one input report
// for the HID POS layout found in it (so the corpus exercises decode_pos_report too).
#include "drivers/scanner/hid_descriptor.h"

#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/scanner/hid_pos.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t split = std::min<std::size_t>(size - 2, data[0] | (data[1] << 8));
  const std::span<const std::uint8_t> descriptor(data + 2, split);
  const std::span<const std::uint8_t> report(data + 2 + split, size - 2 - split);
  auto parsed = drivers::scanner::parse_report_descriptor(descriptor);
  if (!parsed) return 0;
  auto layout = drivers::scanner::pos_layout(*parsed);
  if (!layout) return 0;
  drivers::scanner::PosAssembler assembler;
  if (auto chunk = drivers::scanner::decode_pos_report(*layout, report)) assembler.feed(*chunk);
  return 0;
}

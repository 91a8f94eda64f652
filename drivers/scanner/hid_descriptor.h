// The HID report descriptor (HID 1.11 §6.2.2), parsed into the fields of each report:
// which usages sit at which bits. Pure and bounded: a descriptor is outside bytes (a
// device's answer), so nothing in it can make the parser loop, recurse or allocate
// without limit. A fuzz target replays its corpus (tests/fuzz/hid_descriptor.fuzz.cpp).
//
//  [X] Short items (0, 1, 2, 4 data bytes) and long items (skipped, as the spec allows)
//  [X] Globals: usage page, logical min/max, report size, count and id, push/pop
//  [X] Locals: usage (16-bit with the current page, or 32-bit extended), usage min/max
//  [X] Main: input, output, feature (with their flags), collection, end collection
//  [X] Bit offsets per (report type, report id), as the device lays its reports out
//  [ ] Delimiters and designators: skipped (no scanner uses them)
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

namespace drivers::scanner {

enum class ReportType { Input, Output, Feature };

struct ReportField {
  ReportType type = ReportType::Input;
  std::uint8_t report_id = 0;    // 0: the device sends no report id byte
  std::uint32_t bit_offset = 0;  // from the start of the report, after the id byte
  std::uint32_t bit_size = 0;    // one element
  std::uint32_t count = 0;       // elements
  std::uint32_t flags = 0;       // bit 0 constant, bit 1 variable, bit 8 buffered bytes
  // Each element's usage, (page << 16) | id; the last repeats for elements past the list
  // (HID 1.11 §6.2.2.8). Empty for padding.
  std::vector<std::uint32_t> usages;

  bool constant() const { return (flags & 1) != 0; }
  std::uint32_t usage_of(std::uint32_t element) const;
};

struct ReportDescriptor {
  std::vector<ReportField> fields;
  bool uses_report_ids = false;
  // Bytes of a report's payload (after its id byte), by type and id.
  std::uint32_t report_bytes(ReportType type, std::uint8_t report_id) const;
};

struct DescriptorError {
  std::string reason;
};

inline constexpr std::size_t kMaxDescriptorBytes = 4096;
inline constexpr std::uint32_t kMaxReportBits = 8 * 1024;  // a HID report is at most 1 KiB here

std::expected<ReportDescriptor, DescriptorError> parse_report_descriptor(
    std::span<const std::uint8_t> bytes);

// Bits [offset, offset + size) of `payload` as a little-endian number (size ≤ 32); bits
// past the end read as 0.
std::uint32_t read_bits(std::span<const std::uint8_t> payload, std::uint32_t offset,
                        std::uint32_t size);

}  // namespace drivers::scanner

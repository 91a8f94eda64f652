// HID POS barcode scanners (HID Point of Sale Usage Tables 1.02, usage page 0x8C): where a
// scan's bytes sit in the device's input report, read from its own report descriptor,
// never from a table of vendors (Honeywell's layout is one case among others).
//
//  [X] Decoded Data (0x8C:0xFE) elements are the scan's bytes, in order
//  [X] Symbology Identifier 1–3 (0x8C:0xFB–0xFD): the AIM identifier ("]Q1" for QR)
//  [X] Decode Data Continued (0x8C:0xFF): more reports follow for this scan
//  [X] Byte Count (Generic Desktop 0x01:0x3B), when present, cuts the data (which may hold
//      NULs); without it, trailing NULs are padding
//  [X] Reports of another id, or too short, are not scan data
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/scanner/hid_descriptor.h"

namespace drivers::scanner {

inline constexpr std::uint32_t kDecodedData = 0x008C00FE;
inline constexpr std::uint32_t kDecodeDataContinued = 0x008C00FF;
inline constexpr std::uint32_t kSymbologyId1 = 0x008C00FB;
inline constexpr std::uint32_t kByteCount = 0x0001003B;

struct BitRange {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

struct PosLayout {
  std::uint8_t report_id = 0;         // 0: the reports carry no id byte
  std::uint32_t payload_bytes = 0;    // the input report after its id byte
  std::vector<BitRange> data;         // one per Decoded Data byte
  std::vector<BitRange> symbology;    // up to three
  std::optional<BitRange> continued;  // its first bit
  std::optional<BitRange> byte_count;
};

// The input report that carries Decoded Data; an error when the descriptor has none.
std::expected<PosLayout, DescriptorError> pos_layout(const ReportDescriptor& descriptor);

struct PosChunk {
  std::string data;
  std::string symbology;  // "]Q1"; empty when the device sends none
  bool continued = false;
};

// One input report as it arrives (its id byte first when the layout has an id); nullopt
// for a report of another id or one too short to hold the layout.
std::optional<PosChunk> decode_pos_report(const PosLayout& layout,
                                          std::span<const std::uint8_t> report);

// Chunks to scans: a scan is complete at the first chunk without "continued".
class PosAssembler {
 public:
  explicit PosAssembler(std::size_t max_bytes = 8192) : max_bytes_(max_bytes) {}
  std::optional<std::string> feed(const PosChunk& chunk);
  bool reading() const { return !pending_.empty() || overflowed_; }
  void reset();

 private:
  std::size_t max_bytes_;
  std::string pending_;
  bool overflowed_ = false;
};

}  // namespace drivers::scanner

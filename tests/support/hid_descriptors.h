// HID report descriptors for the scanner tests, the simulator and the fuzz corpus, written
// item by item so each byte says what it is (HID 1.11 §6.2.2).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

namespace kiosk::testing::hid {

using Bytes = std::vector<std::uint8_t>;

// A short item with its data in the fewest bytes (0, 1, 2 or 4).
inline Bytes item(std::uint8_t tag_type, std::uint32_t data) {
  if (data <= 0xFF)
    return {static_cast<std::uint8_t>(tag_type | 1), static_cast<std::uint8_t>(data)};
  if (data <= 0xFFFF)
    return {static_cast<std::uint8_t>(tag_type | 2), static_cast<std::uint8_t>(data),
            static_cast<std::uint8_t>(data >> 8)};
  return {static_cast<std::uint8_t>(tag_type | 3), static_cast<std::uint8_t>(data),
          static_cast<std::uint8_t>(data >> 8), static_cast<std::uint8_t>(data >> 16),
          static_cast<std::uint8_t>(data >> 24)};
}
inline Bytes usage_page(std::uint32_t p) {
  return item(0x04, p);
}
inline Bytes usage(std::uint32_t u) {
  return item(0x08, u);
}
inline Bytes logical_max(std::uint32_t v) {
  return item(0x24, v);
}
inline Bytes report_size(std::uint32_t v) {
  return item(0x74, v);
}
inline Bytes report_id(std::uint32_t v) {
  return item(0x84, v);
}
inline Bytes report_count(std::uint32_t v) {
  return item(0x94, v);
}
inline Bytes input(std::uint32_t flags) {
  return item(0x80, flags);
}
inline Bytes feature(std::uint32_t flags) {
  return item(0xB0, flags);
}
inline Bytes collection(std::uint32_t kind) {
  return item(0xA0, kind);
}
inline Bytes end_collection() {
  return {0xC0};
}

inline Bytes join(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

constexpr std::uint32_t kData = 0x02, kConstant = 0x03, kBuffered = 0x102;

// Honeywell's layout (report 2: a byte count, the 3-byte AIM identifier, 56 data bytes,
// 2 vendor bytes, the "continued" bit and its padding): 63 payload bytes, 64 with the id.
inline Bytes honeywell_like() {
  return join(
      {usage_page(0x8C), usage(0x02),        collection(1),    report_id(2),     usage(0x12),
       collection(2),    logical_max(0xFF),  report_size(8),   report_count(1),  usage_page(0x01),
       usage(0x3B),      input(kData),  // Byte Count
       report_count(3),  usage_page(0x8C),   usage(0xFB),      usage(0xFC),      usage(0xFD),
       input(kData),                                                          // the AIM identifier
       report_count(56), usage(0xFE),        input(kBuffered),                // Decoded Data
       report_count(2),  usage_page(0xFF00), usage(0x01),      input(kData),  // vendor
       logical_max(1),   report_size(1),     report_count(1),  usage_page(0x8C), usage(0xFF),
       input(kData),     report_size(7),     input(kConstant),  // continued + padding
       end_collection(), end_collection()});
}

// Another maker's layout: report 7, "continued" first, the data next, a 16-bit byte count
// after it, the symbology last, and a feature report that switches scanning on.
inline Bytes other_vendor() {
  return join(
      {usage_page(0x8C),   usage(0x02),       collection(1),   report_id(7),     logical_max(1),
       report_size(1),     report_count(1),   usage(0xFF),     input(kData),     report_size(7),
       input(kConstant),   logical_max(0xFF), report_size(8),  report_count(40), usage(0xFE),
       input(kBuffered),   report_size(16),   report_count(1), usage_page(0x01), usage(0x3B),
       input(kData),       report_size(8),    report_count(3), usage_page(0x8C), usage(0xFB),
       usage(0xFC),        usage(0xFD),       input(kData),    report_id(0xFE),  report_count(1),
       usage_page(0xFF00), usage(0x10),       feature(kData),  end_collection()});
}

// A boot keyboard's report descriptor (HID 1.11 Appendix B.1), as wedge scanners send.
inline Bytes boot_keyboard() {
  return join({usage_page(0x01), usage(0x06),      collection(1),   usage_page(0x07),
               item(0x18, 0xE0), item(0x28, 0xE7), logical_max(1),  report_size(1),
               report_count(8),  input(kData),     report_count(1), report_size(8),
               input(kConstant), report_count(6),  report_size(8),  logical_max(0x65),
               item(0x18, 0),    item(0x28, 0x65), input(0x00),     end_collection()});
}

}  // namespace kiosk::testing::hid

#include "kiosk/qr/crc16.h"

#include <fmt/format.h>

namespace kiosk::qr {
namespace {

// Bitwise, MSB first: Bharat QR payloads are at most 512 bytes, so a table buys nothing.
constexpr std::uint16_t crc16(std::string_view bytes) {
  std::uint16_t crc = 0xFFFF;  // init
  for (const char c : bytes) {
    crc ^= static_cast<std::uint16_t>(static_cast<std::uint8_t>(c) << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)  // poly
                           : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;  // xorout 0
}

// The catalogue check value for CRC-16/CCITT-FALSE (india.md §3).
static_assert(crc16("123456789") == 0x29B1);

}  // namespace

std::uint16_t crc16_ccitt_false(std::string_view bytes) {
  return crc16(bytes);
}

std::string crc16_hex(std::uint16_t crc) {
  return fmt::format("{:04X}", crc);
}

}  // namespace kiosk::qr

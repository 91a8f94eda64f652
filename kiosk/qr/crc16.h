// CRC-16/CCITT-FALSE, the checksum EMVCo MPM (Bharat QR) puts in tag 63.
//
//  [X] Parameters: poly 0x1021, init 0xFFFF, no input/output reflection, xorout 0.
//  [X] Check value: crc16_ccitt_false("123456789") == 0x29B1 (india.md §3).
//  [X] Four upper-case hex digits, the form tag 63 carries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::qr {

std::uint16_t crc16_ccitt_false(std::string_view bytes);

// "093B" for 0x093B: always four digits, upper case (EMV MPM writes tag 63 this way).
std::string crc16_hex(std::uint16_t crc);

}  // namespace kiosk::qr

// USB descriptors as plain values, read from the device (never assumed): interfaces,
// their class triple and their endpoints with direction, transfer type and max packet
// size. A printer's bulk OUT may be 0x03 and its IN 0x8e: drivers ask for "the bulk OUT
// endpoint of interface N", not for 0x01.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct libusb_config_descriptor;

namespace drivers::usb {

enum class Direction { Out, In };                                   // bEndpointAddress bit 7
enum class EndpointType { Control, Isochronous, Bulk, Interrupt };  // bmAttributes bits 1..0

struct EndpointInfo {
  std::uint8_t address = 0;  // bEndpointAddress, direction bit included
  Direction direction = Direction::Out;
  EndpointType type = EndpointType::Bulk;
  std::uint16_t max_packet_size = 0;
  bool operator==(const EndpointInfo&) const = default;
};

struct InterfaceInfo {
  std::uint8_t number = 0;  // bInterfaceNumber
  std::uint8_t alt_setting = 0;
  std::uint8_t interface_class = 0;  // 7 printer, 3 HID, 2/10 CDC, 0xff vendor
  std::uint8_t interface_subclass = 0;
  std::uint8_t interface_protocol = 0;
  std::vector<EndpointInfo> endpoints;
  bool operator==(const InterfaceInfo&) const = default;

  std::optional<EndpointInfo> find_endpoint(Direction direction, EndpointType type) const;
};

// Interfaces of a configuration descriptor, alternate setting 0 of each (the one in use
// after SET_CONFIGURATION; no device we drive needs another).
std::vector<InterfaceInfo> parse_interfaces(const libusb_config_descriptor& config);

std::string to_string(EndpointType type);

}  // namespace drivers::usb

// Matching a configured device (model::MatchSpec, from the `devices` config table) against
// what is on the bus. Every field the spec gives must match: VID, PID, serial, interface
// class / subclass / protocol. The interface to claim or watch is the first one whose class
// triple matches, or interface 0 when the spec names no class.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "drivers/model/device_model.h"
#include "drivers/usb/usb_context.h"

namespace drivers::usb {

// USB-IF base classes the kiosk meets (usb.org "Defined Class Codes").
inline constexpr std::uint8_t kClassHid = 0x03;
inline constexpr std::uint8_t kClassPrinter = 0x07;

// Reads the device's serial number string; called only when the spec asks for a serial.
using SerialReader = std::function<std::optional<std::string>(const UsbDeviceInfo&)>;

struct MatchResult {
  std::string matched_by;  // "vid:pid", "vid:pid+serial", "class 7", "class 3/1/1"
  InterfaceInfo interface;
};

std::optional<MatchResult> match_device(const model::MatchSpec& spec, const UsbDeviceInfo& device,
                                        const SerialReader& read_serial);

}  // namespace drivers::usb

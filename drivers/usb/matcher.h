// Matching a configured device (model::MatchSpec, from the `devices` config table) against
// what is on the bus. Every field the spec gives must match: VID, PID, serial, interface
// class / subclass / protocol. Every interface whose class triple matches (all of them when
// the spec names no class) is a candidate; the DriverTable then picks the interface and the
// driver together (driver_api.h DriverTable::choose), so a composite device matched by its
// VID:PID gets the driver for whichever of its interfaces one drives.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/usb_context.h"

namespace drivers::usb {

// USB-IF base classes the kiosk meets (usb.org "Defined Class Codes").
inline constexpr std::uint8_t kClassHid = 0x03;
inline constexpr std::uint8_t kClassPrinter = 0x07;

// Reads the device's serial number string; called only when the spec asks for a serial.
using SerialReader = std::function<std::optional<std::string>(const UsbDeviceInfo&)>;

struct MatchResult {
  std::string matched_by;                 // "vid:pid", "vid:pid+serial", "class 7", "class 3/1/1"
  std::vector<InterfaceInfo> interfaces;  // the candidates, in descriptor order; never empty
};

std::optional<MatchResult> match_device(const model::MatchSpec& spec, const UsbDeviceInfo& device,
                                        const SerialReader& read_serial);

}  // namespace drivers::usb

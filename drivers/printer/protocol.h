// The printer's pure codec (bytes in, values out): USB Printer Class 1.1 requests that
// identify a printer and read its port status (Linux drivers/usb/class/usblp.c; research
// usb.md §1). The state machine that sends them is driver.h.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "drivers/model/device_model.h"
#include "drivers/usb/transfer.h"

namespace drivers::printer {

// GET_DEVICE_ID: bmRequestType 0xA1 (class, interface, IN), bRequest 0,
// wIndex = (interface << 8) | alt setting, wValue = configuration index.
usb::ControlSetup get_device_id(std::uint8_t interface_number);
// GET_PORT_STATUS: 0xA1, bRequest 1, wIndex = interface; one status byte.
usb::ControlSetup get_port_status(std::uint8_t interface_number);

// The IEEE 1284 device ID: a 2-byte big-endian length (including itself), then
// "MFG:EPSON;CMD:ESC/POS;MDL:TM-T20II;". Keys are upper-cased; long forms
// (MANUFACTURER, MODEL, COMMAND SET) are folded onto MFG, MDL, CMD.
std::map<std::string, std::string> parse_device_id(std::span<const std::uint8_t> reply);

struct PortStatus {
  model::Status status = model::Status::Online;
  model::SupplyLevel paper = model::SupplyLevel::Unknown;
  model::Action action = model::Action::None;
  std::string detail;
};

// Port status bits: 0x08 not-error (active high), 0x10 selected, 0x20 paper empty.
// Paper present says nothing about "low", so paper stays Unknown unless it is out.
PortStatus decode_port_status(std::uint8_t bits);

}  // namespace drivers::printer

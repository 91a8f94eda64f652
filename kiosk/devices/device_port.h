// The one way kiosk/ reaches devices. kiosk/ owns this interface; apps/ implements it over
// the USB layer (apps/usb_device_port.h) and wires it in main, so the core never includes
// drivers/usb. The device verbs later issues add (print, scan, capture) join it here.
#pragma once

#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/core/result.h"

namespace kiosk::devices {

class DevicePort {
 public:
  virtual ~DevicePort() = default;
  // Every configured device's latest state, in config order. Never waits on device I/O.
  virtual std::vector<drivers::model::DeviceState> states() const = 0;
  // A USB port reset of one device (a watched one too: opened, never claimed). Errors keep
  // their meaning: NoDevice, Busy, Access, Timeout, Pipe, Io.
  virtual Status reset(const std::string& name) = 0;
};

}  // namespace kiosk::devices

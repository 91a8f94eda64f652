// The kiosk's DevicePort over the USB layer, and the one table of drivers both apps use.
// Registering a driver: add its register_drivers() call here, specific drivers before the
// plain fallbacks (the first driver that drives an interface wins).
#pragma once

#include "apps/usb_errc.h"
#include "drivers/printer/driver.h"
#include "drivers/usb/device_manager.h"
#include "drivers/usb/plain_drivers.h"
#include "kiosk/devices/device_port.h"

namespace apps {

inline drivers::usb::DriverTable kiosk_drivers() {
  drivers::usb::DriverTable table;
  drivers::printer::register_drivers(table);
  drivers::usb::register_plain_drivers(table);  // last: claims or watches anything left
  return table;
}

class UsbDevicePort final : public kiosk::devices::DevicePort {
 public:
  explicit UsbDevicePort(drivers::usb::UsbDeviceManager& manager) : manager_(manager) {}
  std::vector<drivers::model::DeviceState> states() const override { return manager_.states(); }
  kiosk::Status reset(const std::string& name) override {
    if (auto done = manager_.reset(name); !done) return std::unexpected(error_for(done.error()));
    return {};
  }

 private:
  drivers::usb::UsbDeviceManager& manager_;
};

}  // namespace apps

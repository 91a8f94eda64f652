// RAII ownership of a libusb context, shared by everything opened from it
// (Chromium's ScopedLibusbDeviceHandle rule: the context must outlive every handle, so
// handles hold a shared_ptr<UsbContext>).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "drivers/usb/usb_error.h"

struct libusb_context;

namespace drivers::usb {

struct UsbDeviceInfo {
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  std::uint8_t device_class = 0;
};

class UsbContext {
 public:
  static UsbResult<std::shared_ptr<UsbContext>> create();
  ~UsbContext();
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  libusb_context* raw() const { return context_; }

  // Descriptors of every device on the buses right now. Call from a device thread only.
  UsbResult<std::vector<UsbDeviceInfo>> list_devices() const;

 private:
  explicit UsbContext(libusb_context* context) : context_(context) {}
  libusb_context* context_;
};

}  // namespace drivers::usb

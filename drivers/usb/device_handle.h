// RAII libusb device handle. It holds the context alive (shared_ptr) and releases what it
// claimed before libusb_close. Async transfers hold a shared_ptr to the handle, so a handle
// is never closed with transfers in flight (libusb "close-flying", libusb#903).
//
// Every call here is synchronous libusb: call it from a device thread, never from a libusb
// callback (hotplug or transfer completion) and never from the UI thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_error.h"

struct libusb_device_handle;

namespace drivers::usb {

class UsbDeviceHandle {
 public:
  static UsbResult<std::shared_ptr<UsbDeviceHandle>> open(std::shared_ptr<UsbContext> context,
                                                          const UsbDeviceInfo& device);
  ~UsbDeviceHandle();
  UsbDeviceHandle(const UsbDeviceHandle&) = delete;
  UsbDeviceHandle& operator=(const UsbDeviceHandle&) = delete;

  libusb_device_handle* raw() const { return handle_; }
  const UsbDeviceInfo& device() const { return device_; }

  // Claims an interface, detaching whatever kernel driver holds it first (usblp, usbhid,
  // cdc_acm; libusb#940, node-escpos#25). Auto-detach also re-attaches it on release.
  UsbResult<void> claim(std::uint8_t interface_number);
  // Whether a kernel driver is bound to the interface now (LIBUSB_ERROR_NOT_SUPPORTED
  // where the platform cannot tell is reported as false).
  UsbResult<bool> kernel_driver_active(std::uint8_t interface_number);
  UsbResult<void> clear_halt(std::uint8_t endpoint);
  // USB port reset. For a watched device too: it is opened, never claimed. A device that
  // re-enumerates after the reset reports LIBUSB_ERROR_NOT_FOUND, which is success here.
  UsbResult<void> reset();
  // A string descriptor in ASCII ("" for index 0). Devices answer in UTF-16LE; libusb
  // replaces non-ASCII with '?'.
  UsbResult<std::string> read_string(std::uint8_t index);

 private:
  UsbDeviceHandle(std::shared_ptr<UsbContext> context, libusb_device_handle* handle,
                  UsbDeviceInfo device)
      : context_(std::move(context)), handle_(handle), device_(std::move(device)) {}

  std::shared_ptr<UsbContext> context_;
  libusb_device_handle* handle_;
  UsbDeviceInfo device_;
  std::mutex mutex_;
  std::set<std::uint8_t> claimed_;
};

}  // namespace drivers::usb

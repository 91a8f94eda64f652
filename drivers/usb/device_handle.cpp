#include "drivers/usb/device_handle.h"

#include <libusb.h>

#include <string>

namespace drivers::usb {
namespace {

std::unexpected<UsbError> failed(int rc, const std::string& what, const UsbDeviceInfo& d) {
  return std::unexpected(
      UsbError{from_libusb(rc),
               what + " (" + d.usb_id() + " at " + d.location() + "): " + libusb_error_name(rc)});
}

}  // namespace

UsbResult<std::shared_ptr<UsbDeviceHandle>> UsbDeviceHandle::open(
    std::shared_ptr<UsbContext> context, const UsbDeviceInfo& device) {
  libusb_device_handle* handle = nullptr;
  if (const int rc = libusb_open(device.device.get(), &handle); rc != LIBUSB_SUCCESS) {
    return failed(rc, "libusb_open", device);
  }
  // Detach usblp / usbhid / cdc_acm on claim and give the interface back on release.
  libusb_set_auto_detach_kernel_driver(handle, 1);
  return std::shared_ptr<UsbDeviceHandle>(new UsbDeviceHandle(std::move(context), handle, device));
}

UsbDeviceHandle::~UsbDeviceHandle() {
  for (std::uint8_t number : claimed_) libusb_release_interface(handle_, number);
  libusb_close(handle_);
}

UsbResult<bool> UsbDeviceHandle::kernel_driver_active(std::uint8_t interface_number) {
  const int rc = libusb_kernel_driver_active(handle_, interface_number);
  if (rc == 0 || rc == LIBUSB_ERROR_NOT_SUPPORTED) return false;
  if (rc == 1) return true;
  return failed(rc, "libusb_kernel_driver_active", device_);
}

UsbResult<void> UsbDeviceHandle::claim(std::uint8_t interface_number) {
  std::lock_guard lock(mutex_);
  if (claimed_.contains(interface_number)) return {};
  int rc = libusb_claim_interface(handle_, interface_number);
  if (rc == LIBUSB_ERROR_BUSY) {
    // Auto-detach uses USBDEVFS_DISCONNECT_CLAIM; where a kernel lacks it, detach
    // explicitly and try once more before reporting the device busy.
    if (libusb_kernel_driver_active(handle_, interface_number) == 1 &&
        libusb_detach_kernel_driver(handle_, interface_number) == LIBUSB_SUCCESS) {
      rc = libusb_claim_interface(handle_, interface_number);
    }
  }
  if (rc != LIBUSB_SUCCESS) {
    return failed(rc, "claim interface " + std::to_string(interface_number), device_);
  }
  claimed_.insert(interface_number);
  return {};
}

UsbResult<void> UsbDeviceHandle::clear_halt(std::uint8_t endpoint) {
  if (const int rc = libusb_clear_halt(handle_, endpoint); rc != LIBUSB_SUCCESS) {
    return failed(rc, "clear halt", device_);
  }
  return {};
}

UsbResult<void> UsbDeviceHandle::reset() {
  const int rc = libusb_reset_device(handle_);
  if (rc == LIBUSB_SUCCESS || rc == LIBUSB_ERROR_NOT_FOUND) return {};
  return failed(rc, "libusb_reset_device", device_);
}

UsbResult<std::string> UsbDeviceHandle::read_string(std::uint8_t index) {
  if (index == 0) return std::string();
  unsigned char text[256] = {};
  const int rc = libusb_get_string_descriptor_ascii(handle_, index, text, sizeof text);
  if (rc < 0) return failed(rc, "string descriptor " + std::to_string(index), device_);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(rc));
}

}  // namespace drivers::usb

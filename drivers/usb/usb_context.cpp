#include "drivers/usb/usb_context.h"

#include <libusb.h>

namespace drivers::usb {
namespace {

struct DeviceListDeleter {
  void operator()(libusb_device** list) const { libusb_free_device_list(list, /*unref=*/1); }
};

}  // namespace

UsbResult<std::shared_ptr<UsbContext>> UsbContext::create() {
  libusb_context* context = nullptr;
  if (const int rc = libusb_init(&context); rc != LIBUSB_SUCCESS) {
    return std::unexpected(UsbError{from_libusb(rc), "libusb_init"});
  }
  return std::shared_ptr<UsbContext>(new UsbContext(context));
}

UsbContext::~UsbContext() {
  libusb_exit(context_);
}

UsbResult<std::vector<UsbDeviceInfo>> UsbContext::list_devices() const {
  libusb_device** raw_list = nullptr;
  const ssize_t count = libusb_get_device_list(context_, &raw_list);
  if (count < 0) {
    return std::unexpected(
        UsbError{from_libusb(static_cast<int>(count)), "libusb_get_device_list"});
  }
  std::unique_ptr<libusb_device*, DeviceListDeleter> list(raw_list);
  std::vector<UsbDeviceInfo> out;
  for (ssize_t i = 0; i < count; ++i) {
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(list.get()[i], &desc) != LIBUSB_SUCCESS) continue;
    out.push_back(UsbDeviceInfo{libusb_get_bus_number(list.get()[i]),
                                libusb_get_device_address(list.get()[i]), desc.idVendor,
                                desc.idProduct, desc.bDeviceClass});
  }
  return out;
}

}  // namespace drivers::usb

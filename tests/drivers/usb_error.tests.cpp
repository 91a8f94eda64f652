#include "drivers/usb/usb_error.h"

#include <libusb.h>

#include <catch2/catch.hpp>

#include "drivers/usb/usb_context.h"

using namespace drivers::usb;

TEST_CASE("libusb error codes map once onto the USB error vocabulary", "[drivers][usb][errors]") {
  CHECK(from_libusb(LIBUSB_ERROR_NO_DEVICE) == UsbErrc::NoDevice);
  CHECK(from_libusb(LIBUSB_ERROR_BUSY) == UsbErrc::Busy);
  CHECK(from_libusb(LIBUSB_ERROR_TIMEOUT) == UsbErrc::Timeout);
  CHECK(from_libusb(LIBUSB_ERROR_PIPE) == UsbErrc::Pipe);
  CHECK(from_libusb(LIBUSB_ERROR_ACCESS) == UsbErrc::Access);
  CHECK(from_libusb(-1234) == UsbErrc::Other);
  CHECK(to_string(UsbErrc::Busy) == "busy");
}

TEST_CASE("USB failures keep distinct faults on their way up", "[drivers][usb][errors]") {
  using drivers::model::Fault;
  CHECK(fault_of(UsbErrc::NoDevice) == Fault::NoDevice);
  CHECK(fault_of(UsbErrc::Busy) == Fault::Busy);
  CHECK(fault_of(UsbErrc::Access) == Fault::Access);
  CHECK(fault_of(UsbErrc::Timeout) == Fault::Timeout);
  CHECK(fault_of(UsbErrc::Pipe) == Fault::Pipe);
  CHECK(fault_of(UsbErrc::Io) == Fault::Io);
  CHECK(fault_of(UsbErrc::Overflow) == Fault::Other);
}

// The one place a USB layer error becomes a kiosk error (both apps reach drivers/usb; the
// kiosk core never does). Each libusb meaning keeps its own code, so kioskctl's exit code
// and the control socket's JSON tell an unplugged printer from a stalled one or a
// missing udev rule.
#pragma once

#include "drivers/usb/usb_error.h"
#include "kiosk/core/result.h"

namespace apps {

inline kiosk::Errc errc_for(drivers::usb::UsbErrc code) {
  using drivers::usb::UsbErrc;
  switch (code) {
    case UsbErrc::NoDevice:
      return kiosk::Errc::NoDevice;
    case UsbErrc::NotFound:
      return kiosk::Errc::NotFound;
    case UsbErrc::Busy:
      return kiosk::Errc::Busy;
    case UsbErrc::Timeout:
      return kiosk::Errc::Timeout;
    case UsbErrc::Access:
      return kiosk::Errc::Access;
    case UsbErrc::Pipe:
      return kiosk::Errc::Pipe;
    case UsbErrc::Io:
      return kiosk::Errc::Io;
    case UsbErrc::Overflow:
      return kiosk::Errc::InvalidInput;  // the device sent more than a valid reply holds
    case UsbErrc::Interrupted:
    case UsbErrc::Cancelled:
      return kiosk::Errc::Unavailable;
    case UsbErrc::InvalidParam:
    case UsbErrc::NoMemory:
    case UsbErrc::NotSupported:
    case UsbErrc::Other:
      return kiosk::Errc::Internal;
  }
  return kiosk::Errc::Internal;
}

inline kiosk::Error error_for(const drivers::usb::UsbError& error) {
  return {errc_for(error.code), error.context};
}

}  // namespace apps

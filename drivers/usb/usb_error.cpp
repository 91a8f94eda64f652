#include "drivers/usb/usb_error.h"

#include <libusb.h>

namespace drivers::usb {

UsbErrc from_libusb(int code) {
  switch (code) {
    case LIBUSB_ERROR_IO:
      return UsbErrc::Io;
    case LIBUSB_ERROR_INVALID_PARAM:
      return UsbErrc::InvalidParam;
    case LIBUSB_ERROR_ACCESS:
      return UsbErrc::Access;
    case LIBUSB_ERROR_NO_DEVICE:
      return UsbErrc::NoDevice;
    case LIBUSB_ERROR_NOT_FOUND:
      return UsbErrc::NotFound;
    case LIBUSB_ERROR_BUSY:
      return UsbErrc::Busy;
    case LIBUSB_ERROR_TIMEOUT:
      return UsbErrc::Timeout;
    case LIBUSB_ERROR_OVERFLOW:
      return UsbErrc::Overflow;
    case LIBUSB_ERROR_PIPE:
      return UsbErrc::Pipe;
    case LIBUSB_ERROR_INTERRUPTED:
      return UsbErrc::Interrupted;
    case LIBUSB_ERROR_NO_MEM:
      return UsbErrc::NoMemory;
    case LIBUSB_ERROR_NOT_SUPPORTED:
      return UsbErrc::NotSupported;
    default:
      return UsbErrc::Other;
  }
}

std::string_view to_string(UsbErrc code) {
  switch (code) {
    case UsbErrc::Io:
      return "io";
    case UsbErrc::InvalidParam:
      return "invalid-param";
    case UsbErrc::Access:
      return "access";
    case UsbErrc::NoDevice:
      return "no-device";
    case UsbErrc::NotFound:
      return "not-found";
    case UsbErrc::Busy:
      return "busy";
    case UsbErrc::Timeout:
      return "timeout";
    case UsbErrc::Overflow:
      return "overflow";
    case UsbErrc::Pipe:
      return "pipe";
    case UsbErrc::Interrupted:
      return "interrupted";
    case UsbErrc::NoMemory:
      return "no-memory";
    case UsbErrc::NotSupported:
      return "not-supported";
    case UsbErrc::Cancelled:
      return "cancelled";
    case UsbErrc::Other:
      return "other";
  }
  return "other";
}

UsbErrc from_transfer_status(int status) {
  switch (status) {
    case LIBUSB_TRANSFER_TIMED_OUT:
      return UsbErrc::Timeout;
    case LIBUSB_TRANSFER_CANCELLED:
      return UsbErrc::Cancelled;
    case LIBUSB_TRANSFER_STALL:
      return UsbErrc::Pipe;
    case LIBUSB_TRANSFER_NO_DEVICE:
      return UsbErrc::NoDevice;
    case LIBUSB_TRANSFER_OVERFLOW:
      return UsbErrc::Overflow;
    case LIBUSB_TRANSFER_ERROR:
      return UsbErrc::Io;
    default:
      return UsbErrc::Other;
  }
}

bool means_handle_lost(UsbErrc code) {
  return code == UsbErrc::NoDevice || code == UsbErrc::Io || code == UsbErrc::Pipe;
}

bool means_handle_lost_on_control(UsbErrc code) {
  return code != UsbErrc::Pipe && means_handle_lost(code);
}

}  // namespace drivers::usb

namespace drivers::usb {

model::Fault fault_of(UsbErrc code) {
  switch (code) {
    case UsbErrc::NoDevice:
      return model::Fault::NoDevice;
    case UsbErrc::Busy:
      return model::Fault::Busy;
    case UsbErrc::Access:
      return model::Fault::Access;
    case UsbErrc::Timeout:
      return model::Fault::Timeout;
    case UsbErrc::Pipe:
      return model::Fault::Pipe;
    case UsbErrc::Io:
      return model::Fault::Io;
    default:
      return model::Fault::Other;
  }
}

}  // namespace drivers::usb

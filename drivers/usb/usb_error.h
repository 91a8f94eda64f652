// The USB layer's error vocabulary: libusb's, mapped once from libusb return codes.
// drivers/ cannot include kiosk/, so it has its own Result type; the app's device
// adapters (wired in main) translate UsbErrc into kiosk::Errc.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>

#include "drivers/model/device_model.h"

namespace drivers::usb {

enum class UsbErrc {
  Io,            // LIBUSB_ERROR_IO
  InvalidParam,  // LIBUSB_ERROR_INVALID_PARAM
  Access,        // LIBUSB_ERROR_ACCESS: udev rules missing
  NoDevice,      // LIBUSB_ERROR_NO_DEVICE: unplugged
  NotFound,      // LIBUSB_ERROR_NOT_FOUND
  Busy,          // LIBUSB_ERROR_BUSY: a kernel driver (usblp) or another process holds it
  Timeout,       // LIBUSB_ERROR_TIMEOUT
  Overflow,      // LIBUSB_ERROR_OVERFLOW: the device sent more than asked for
  Pipe,          // LIBUSB_ERROR_PIPE: endpoint stalled
  Interrupted,   // LIBUSB_ERROR_INTERRUPTED
  NoMemory,      // LIBUSB_ERROR_NO_MEM
  NotSupported,  // LIBUSB_ERROR_NOT_SUPPORTED
  Cancelled,     // LIBUSB_TRANSFER_CANCELLED: the caller cancelled the command
  Other,         // LIBUSB_ERROR_OTHER or a code we do not know
};

struct [[nodiscard]] UsbError {
  UsbErrc code;
  std::string context;  // which call, which device
  // Bytes moved before the transfer failed (libusb's actual_length: a bulk OUT that times
  // out may have delivered part of its buffer). 0 for control requests and open errors.
  std::size_t transferred = 0;
};

// [[nodiscard]] like kiosk::Result: std::expected alone is not.
template <class T>
class [[nodiscard]] UsbResult : public std::expected<T, UsbError> {
 public:
  using Base = std::expected<T, UsbError>;
  using Base::Base;
  UsbResult() = default;
  UsbResult(Base base) : Base(std::move(base)) {}
};

std::string_view to_string(UsbErrc code);

// Maps a negative libusb return code. Unknown codes become Other.
UsbErrc from_libusb(int libusb_code);

// Maps an enum libusb_transfer_status other than LIBUSB_TRANSFER_COMPLETED
// (TIMED_OUT, CANCELLED, STALL -> Pipe, NO_DEVICE, OVERFLOW, ERROR -> Io).
UsbErrc from_transfer_status(int libusb_transfer_status);

// NO_DEVICE, IO and PIPE may all mean the device went away or was power-cycled: the
// handle is dropped and the device re-found after a settle delay (peers.md: the
// "stale-handle reaper", python-escpos #437, fprintd ghost devices).
bool means_handle_lost(UsbErrc code);
// The same rule for a control request on endpoint 0, where a stall (PIPE) is the device's
// answer to that one request ("not supported", USB 2.0 §8.5.3.4), not a lost handle.
bool means_handle_lost_on_control(UsbErrc code);

// The device-state vocabulary's name for a failure (DeviceState::fault), so that kioskctl
// and the alerts tell a missing udev rule from a device another program holds.
model::Fault fault_of(UsbErrc code);

}  // namespace drivers::usb

// Async USB transfers (bulk, interrupt, control) with a timeout and cancellation.
//
// A transfer is submitted with libusb_submit_transfer and completed by the context's event
// thread. The completion callback only records the status and signals a condition
// variable: no libusb call, no allocation, nothing that can throw crosses it. The calling
// (device) thread waits for that signal. Cancelling calls libusb_cancel_transfer, which is
// safe from any thread; the transfer then completes with LIBUSB_TRANSFER_CANCELLED.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "drivers/model/device_model.h"
#include "drivers/usb/device_handle.h"

namespace drivers::usb {

// The 8-byte SETUP packet of a control transfer (USB 2.0 §9.3).
struct ControlSetup {
  std::uint8_t request_type = 0;  // bmRequestType; bit 7 set = device-to-host (IN)
  std::uint8_t request = 0;       // bRequest
  std::uint16_t value = 0;        // wValue
  std::uint16_t index = 0;        // wIndex
};

// Writes `data` to a bulk or interrupt OUT endpoint; returns the bytes the device took.
UsbResult<std::size_t> write(const std::shared_ptr<UsbDeviceHandle>& handle, const EndpointInfo& ep,
                             std::span<const std::uint8_t> data,
                             const model::CommandOptions& options);

// Reads up to `max_length` bytes from a bulk or interrupt IN endpoint.
UsbResult<std::vector<std::uint8_t>> read(const std::shared_ptr<UsbDeviceHandle>& handle,
                                          const EndpointInfo& ep, std::size_t max_length,
                                          const model::CommandOptions& options);

// A control transfer on endpoint 0. For IN requests (request_type bit 7) reads up to
// `in_length` bytes; for OUT requests sends `out_data`. Returns the IN data (empty for OUT).
UsbResult<std::vector<std::uint8_t>> control(const std::shared_ptr<UsbDeviceHandle>& handle,
                                             const ControlSetup& setup,
                                             std::span<const std::uint8_t> out_data,
                                             std::size_t in_length,
                                             const model::CommandOptions& options);

}  // namespace drivers::usb

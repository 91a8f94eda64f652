// The USB printer-class driver (interface class 7): it names the printer and reports its
// paper and error state from the class requests in protocol.h.
//
//   Identify --> PollStatus --> Idle --(next manager pass)--> PollStatus ...
//   any state --(release)--> Released
//
// Each state sends at most one control transfer, bounded by kTransferTimeout and ended at
// once by the manager's cancel. Identify fills the model and maker from GET_DEVICE_ID
// when the string descriptors lack them (cheap clones). PollStatus turns GET_PORT_STATUS
// into status, paper level and the operator's action; a printer that stalls the request
// simply lacks it, and only a lost device ends the machine. The receipt printer's ESC/POS
// driver (issue 14) goes beside this one.
#pragma once

#include <chrono>

#include "drivers/usb/driver_api.h"

namespace drivers::printer {

inline constexpr std::chrono::milliseconds kTransferTimeout{500};

class PrinterClassDriver final : public usb::ClaimDriver {
 public:
  enum class State { Identify, PollStatus, Idle, Released };

  explicit PrinterClassDriver(usb::ClaimSetup setup);
  usb::Next advance(usb::DriverClock::time_point now) override;
  void release() override;
  State state() const { return state_; }

 private:
  usb::Next identify();
  usb::Next poll_status();
  model::CommandOptions transfer_options() const { return {kTransferTimeout, &cancel_}; }

  std::shared_ptr<usb::UsbDeviceHandle> handle_;
  std::uint8_t interface_;
  model::DeviceState device_;
  usb::StateSink& sink_;
  model::CancelToken& cancel_;
  State state_ = State::Identify;
};

// Registers the printer-class driver: kind printer, claim mode, interfaces of class 7.
void register_drivers(usb::DriverTable& table);

}  // namespace drivers::printer

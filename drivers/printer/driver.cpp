#include "drivers/printer/driver.h"

#include "drivers/printer/protocol.h"
#include "drivers/usb/transfer.h"

namespace drivers::printer {

namespace {
constexpr std::uint8_t kClassPrinter = 7;
}

PrinterClassDriver::PrinterClassDriver(usb::ClaimSetup setup)
    : handle_(std::move(setup.handle)),
      interface_(setup.interface.number),
      device_(std::move(setup.state)),
      sink_(setup.sink),
      cancel_(setup.cancel) {}

// The manager's pass is the poll period: every rescan (2 s) and every hotplug event.
usb::Next PrinterClassDriver::advance(usb::DriverClock::time_point) {
  switch (state_) {
    case State::Identify:
      return identify();
    case State::PollStatus:
      return poll_status();
    case State::Idle:
      state_ = State::PollStatus;
      return usb::Next::now();
    case State::Released:
      return usb::Next::next_pass();
  }
  return usb::Next::next_pass();
}

// GET_DEVICE_ID names the model when the string descriptors do not (cheap clones).
usb::Next PrinterClassDriver::identify() {
  state_ = State::PollStatus;
  auto id = usb::control(handle_, get_device_id(interface_), {}, 1024, transfer_options());
  if (!id) {
    if (id.error().code == usb::UsbErrc::NoDevice) return usb::Next::lost_handle(id.error());
    return usb::Next::now();  // no device ID: the descriptors' names stand
  }
  auto fields = parse_device_id(*id);
  if (device_.identity) {
    if (device_.identity->product.empty()) device_.identity->product = fields["MDL"];
    if (device_.identity->manufacturer.empty()) device_.identity->manufacturer = fields["MFG"];
  }
  return usb::Next::now();  // PollStatus publishes identity and status together
}

usb::Next PrinterClassDriver::poll_status() {
  state_ = State::Idle;
  auto reply = usb::control(handle_, get_port_status(interface_), {}, 1, transfer_options());
  if (!reply) {
    if (reply.error().code == usb::UsbErrc::NoDevice) return usb::Next::lost_handle(reply.error());
    // A stall means the printer lacks the request; a timeout is noted for the operator.
    device_.fault =
        reply.error().code == usb::UsbErrc::Timeout ? model::Fault::Timeout : model::Fault::None;
    sink_.publish(device_);
    return usb::Next::next_pass();
  }
  device_.fault = model::Fault::None;
  if (!reply->empty()) {
    const auto port = decode_port_status((*reply)[0]);
    device_.supplies["paper"] = port.paper;
    device_.status = port.status;
    device_.action = port.action;
    device_.detail = port.status == model::Status::Online
                         ? "claimed interface " + std::to_string(interface_)
                         : port.detail;
  }
  sink_.publish(device_);
  return usb::Next::next_pass();
}

void PrinterClassDriver::release() {
  state_ = State::Released;  // no transfer outlives advance(); nothing else is held
}

void register_drivers(usb::DriverTable& table) {
  table.add(
      {.name = "printer-class",
       .kind = model::DeviceKind::Printer,
       .mode = model::Mode::Claim,
       .drives = [](const usb::UsbDeviceInfo&,
                    const usb::InterfaceInfo& i) { return i.interface_class == kClassPrinter; },
       .make_claim = [](usb::ClaimSetup s) -> std::unique_ptr<usb::ClaimDriver> {
         return std::make_unique<PrinterClassDriver>(std::move(s));
       },
       .make_watch = {}});
}

}  // namespace drivers::printer

#include "drivers/scanner/driver.h"

#include "drivers/scanner/serial_driver.h"
#include "drivers/usb/transfer.h"

namespace drivers::scanner {
namespace {

constexpr std::uint8_t kClassHid = 3;

std::optional<usb::EndpointInfo> interrupt_in(const usb::InterfaceInfo& i) {
  return i.find_endpoint(usb::Direction::In, usb::EndpointType::Interrupt);
}

bool boot_keyboard(const usb::InterfaceInfo& i) {
  return i.interface_class == kClassHid && i.interface_subclass == 1 && i.interface_protocol == 1;
}

// HID 1.11 §7.1.1 GET_DESCRIPTOR (report, 0x22) and §7.2 SET_REPORT / SET_PROTOCOL.
usb::ControlSetup get_report_descriptor(std::uint8_t interface_number) {
  return {0x81, 0x06, 0x2200, interface_number};
}
usb::ControlSetup set_feature_report(std::uint8_t id, std::uint8_t interface_number) {
  return {0x21, 0x09, static_cast<std::uint16_t>(0x0300 | id), interface_number};
}
usb::ControlSetup set_boot_protocol(std::uint8_t interface_number) {
  return {0x21, 0x0B, 0, interface_number};
}

}  // namespace

ScanOutput::ScanOutput(usb::ClaimSetup& setup, const ScannerOptions& options)
    : state_(setup.state), sink_(setup.sink), options_(options) {}
ScanOutput::ScanOutput(usb::WatchSetup& setup, const ScannerOptions& options)
    : state_(setup.state), sink_(setup.sink), options_(options) {}

void ScanOutput::scan(std::string text) {
  if (options_.listener != nullptr) options_.listener->scanned(state_.name, std::move(text));
}

void ScanOutput::set_reading(bool reading) {
  if (reading == reading_) return;
  reading_ = reading;
  if (options_.listener != nullptr) options_.listener->reading(state_.name, reading);
}

void ScanOutput::publish(model::Status status, model::Action action, std::string detail) {
  state_.status = status;
  state_.action = action;
  state_.detail = std::move(detail);
  state_.fault = model::Fault::None;
  sink_.publish(state_);
}

ScannerSettings ScanOutput::settings() const {
  return options_.settings_for ? options_.settings_for(state_.name) : ScannerSettings{};
}

WedgeDriver::WedgeDriver(usb::ClaimSetup setup, const ScannerOptions& options)
    : handle_(std::move(setup.handle)),
      interface_(setup.interface),
      in_(interrupt_in(interface_)),
      cancel_(setup.cancel),
      out_(setup, options),
      assembler_(out_.settings().assembler) {}

usb::Next WedgeDriver::advance(usb::DriverClock::time_point now) {
  switch (state_) {
    case State::SetBoot:
      return set_boot();
    case State::Listen:
      return listen(now);
    case State::Released:
      break;
  }
  return usb::Next::next_pass();
}

// Boot protocol makes every boot keyboard send the 8-byte report whatever its own report
// descriptor says. A device that stalls the request sends that report already.
usb::Next WedgeDriver::set_boot() {
  auto r =
      usb::control(handle_, set_boot_protocol(interface_.number), {}, 0, options(kControlTimeout));
  if (!r && usb::means_handle_lost_on_control(r.error().code))
    return usb::Next::lost_handle(r.error());
  state_ = State::Listen;
  out_.publish(model::Status::Online, model::Action::None,
               "keyboard wedge on interface " + std::to_string(interface_.number));
  return usb::Next::now();
}

usb::Next WedgeDriver::listen(usb::DriverClock::time_point now) {
  if (!in_) {
    out_.publish(model::Status::HardwareError, model::Action::Maintenance,
                 "the keyboard interface has no interrupt IN endpoint");
    return usb::Next::next_pass();
  }
  auto report = usb::read(handle_, *in_, in_->max_packet_size, options(kReadTimeout));
  if (!report) {
    if (usb::means_handle_lost(report.error().code)) return usb::Next::lost_handle(report.error());
    if (auto scan = assembler_.idle(now)) out_.scan(std::move(*scan));  // a suffix-less scan
    out_.set_reading(assembler_.reading());
    return usb::Next::at_time(now);  // quiet: the thread goes back to the other devices
  }
  if (auto parsed = parse_boot_report(*report)) {
    for (auto& scan : assembler_.feed(decoder_.feed(*parsed), now)) out_.scan(std::move(scan));
  }
  out_.set_reading(assembler_.reading());
  return usb::Next::now();  // more may be queued: a long scan is thousands of reports
}

void WedgeDriver::release() {
  out_.set_reading(false);  // a scan cut by an unplug is dropped, never delivered in part
  state_ = State::Released;
}

HidPosDriver::HidPosDriver(usb::ClaimSetup setup, const ScannerOptions& options)
    : handle_(std::move(setup.handle)),
      interface_(setup.interface),
      in_(interrupt_in(interface_)),
      cancel_(setup.cancel),
      out_(setup, options),
      enable_report_(out_.settings().enable_report) {}

usb::Next HidPosDriver::advance(usb::DriverClock::time_point now) {
  switch (state_) {
    case State::ReadDescriptor:
      return read_descriptor();
    case State::Enable:
      return enable();
    case State::Listen:
      return listen(now);
    case State::Unusable:
    case State::Released:
      break;
  }
  return usb::Next::next_pass();
}

usb::Next HidPosDriver::read_descriptor() {
  auto bytes = usb::control(handle_, get_report_descriptor(interface_.number), {},
                            kMaxDescriptorBytes, options(kControlTimeout));
  if (!bytes) {
    if (usb::means_handle_lost_on_control(bytes.error().code))
      return usb::Next::lost_handle(bytes.error());
    return usb::Next::next_pass();  // try again on the next pass
  }
  auto descriptor = parse_report_descriptor(*bytes);
  auto layout =
      descriptor ? pos_layout(*descriptor)
                 : std::expected<PosLayout, DescriptorError>(std::unexpected(descriptor.error()));
  if (!layout || !in_) {
    state_ = State::Unusable;
    out_.publish(model::Status::HardwareError, model::Action::Maintenance,
                 "not a HID POS scanner: " +
                     (layout ? std::string("no interrupt IN endpoint") : layout.error().reason));
    return usb::Next::next_pass();
  }
  layout_ = std::move(*layout);
  state_ = State::Enable;
  return usb::Next::now();
}

usb::Next HidPosDriver::enable() {
  state_ = State::Listen;
  if (!enable_report_.empty()) {
    auto r = usb::control(handle_, set_feature_report(enable_report_[0], interface_.number),
                          enable_report_, 0, options(kControlTimeout));
    if (!r && usb::means_handle_lost_on_control(r.error().code))
      return usb::Next::lost_handle(r.error());
    if (!r) {
      state_ = State::Enable;  // kept until the device takes it: it scans only after
      out_.publish(model::Status::Offline, model::Action::Reconnect,
                   "the scanner refused the feature report that starts scanning (" +
                       std::string(usb::to_string(r.error().code)) + ")");
      return usb::Next::next_pass();
    }
  }
  out_.publish(model::Status::Online, model::Action::None,
               "HID POS on interface " + std::to_string(interface_.number) + ", report " +
                   std::to_string(layout_->report_id));
  return usb::Next::now();
}

usb::Next HidPosDriver::listen(usb::DriverClock::time_point now) {
  const std::size_t length = layout_->payload_bytes + (layout_->report_id != 0 ? 1 : 0);
  auto report = usb::read(handle_, *in_, std::max<std::size_t>(length, in_->max_packet_size),
                          options(kReadTimeout));
  if (!report) {
    if (usb::means_handle_lost(report.error().code)) return usb::Next::lost_handle(report.error());
    return usb::Next::at_time(now);
  }
  if (auto chunk = decode_pos_report(*layout_, *report)) {
    if (auto scan = assembler_.feed(*chunk)) out_.scan(std::move(*scan));
  }
  out_.set_reading(assembler_.reading());
  return usb::Next::now();
}

void HidPosDriver::release() {
  out_.set_reading(false);
  state_ = State::Released;
}

void register_drivers(usb::DriverTable& table, ScannerOptions options) {
  table.add({.name = "scanner-wedge",
             .kind = model::DeviceKind::Scanner,
             .mode = model::Mode::Claim,
             .drives = [](const usb::UsbDeviceInfo&,
                          const usb::InterfaceInfo& i) { return boot_keyboard(i); },
             .make_claim = [options](usb::ClaimSetup s) -> std::unique_ptr<usb::ClaimDriver> {
               return std::make_unique<WedgeDriver>(std::move(s), options);
             },
             .make_watch = {}});
  table.add({.name = "scanner-hidpos",
             .kind = model::DeviceKind::Scanner,
             .mode = model::Mode::Claim,
             .drives =
                 [](const usb::UsbDeviceInfo&, const usb::InterfaceInfo& i) {
                   return i.interface_class == kClassHid && interrupt_in(i).has_value();
                 },
             .make_claim = [options](usb::ClaimSetup s) -> std::unique_ptr<usb::ClaimDriver> {
               return std::make_unique<HidPosDriver>(std::move(s), options);
             },
             .make_watch = {}});
  // CDC communications (2) or data (10): watched, read through the kernel's tty.
  table.add({.name = "scanner-serial",
             .kind = model::DeviceKind::Scanner,
             .mode = model::Mode::Watch,
             .drives =
                 [](const usb::UsbDeviceInfo&, const usb::InterfaceInfo& i) {
                   return i.interface_class == 2 || i.interface_class == 10;
                 },
             .make_claim = {},
             .make_watch = [options](usb::WatchSetup s) -> std::unique_ptr<usb::WatchDriver> {
               return std::make_unique<SerialScannerDriver>(std::move(s), options);
             }});
}

}  // namespace drivers::scanner

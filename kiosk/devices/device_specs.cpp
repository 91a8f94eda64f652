#include "kiosk/devices/device_specs.h"

namespace kiosk::devices {
namespace {

using drivers::model::MatchSpec;

// USB-IF class codes: 7 printer (Printer Class 1.1), 3 HID with boot subclass 1 and
// keyboard protocol 1 (HID 1.11 §4.2-4.3): what a keyboard-wedge scanner presents.
std::optional<MatchSpec> kind_default(const std::string& kind) {
  if (kind == "printer") return MatchSpec{.interface_class = 7};
  if (kind == "scanner")
    return MatchSpec{.interface_class = 3, .interface_subclass = 1, .interface_protocol = 1};
  return std::nullopt;  // fingerprint, camera: only with an explicit usb id or class
}

std::optional<MatchSpec> match_of(const config::DeviceEntry& e) {
  if (!e.usb && !e.interface_class) {
    auto fallback = kind_default(e.kind);
    if (fallback && e.serial) fallback->serial = e.serial;
    return fallback;
  }
  MatchSpec m;
  if (e.usb) {
    m.vendor_id = e.usb->vendor;
    m.product_id = e.usb->product;
  }
  if (e.interface_class) m.interface_class = static_cast<std::uint8_t>(*e.interface_class);
  m.serial = e.serial;
  return m;
}

}  // namespace

std::vector<drivers::model::DeviceSpec> device_specs(const config::Config& config) {
  std::vector<drivers::model::DeviceSpec> out;
  for (const auto& e : config.devices) {
    out.push_back({e.name, e.kind,
                   e.mode == "watch" ? drivers::model::Mode::Watch : drivers::model::Mode::Claim,
                   match_of(e)});
  }
  return out;
}

drivers::model::DeviceState unknown_state(const drivers::model::DeviceSpec& spec,
                                          std::string detail) {
  drivers::model::DeviceState s;
  s.name = spec.name;
  s.kind = spec.kind;
  s.mode = spec.mode;
  s.detail = std::move(detail);
  return s;
}

}  // namespace kiosk::devices

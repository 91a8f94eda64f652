// The one table of device kinds. Config validation (kiosk/config), spec building
// (kiosk/devices/device_specs), `kioskctl devices` and the screens read it; nothing else
// spells a kind's name or its defaults. Header-only, no libusb: kiosk/ includes it.
//
// A kind says what a device is for. Which driver drives it is chosen per USB interface
// (drivers/usb/driver_api.h): a scanner may be a keyboard wedge, HID POS or CDC-ACM.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drivers::model {

enum class DeviceKind { Printer, Scanner, Fingerprint, Camera };

// claim: we drive the device. watch: another process owns it (RD Service readers, a
// CDC-ACM scanner behind its tty); we report present / absent and may reset it on request,
// never claim an interface.
enum class Mode { Claim, Watch };

// How to find a configured device. Every given field must match; an interface class
// alone is enough (class 7 printers match by default).
struct MatchSpec {
  std::optional<std::uint16_t> vendor_id = std::nullopt;
  std::optional<std::uint16_t> product_id = std::nullopt;
  std::optional<std::string> serial = std::nullopt;
  std::optional<std::uint8_t> interface_class = std::nullopt;
  std::optional<std::uint8_t> interface_subclass = std::nullopt;
  std::optional<std::uint8_t> interface_protocol = std::nullopt;
  bool operator==(const MatchSpec&) const = default;
};

struct KindInfo {
  DeviceKind kind;
  std::string_view name;  // the config's "kind" value and the JSON spelling
  // What an entry with neither "usb" nor "class" matches; nullopt: it must name one.
  std::optional<MatchSpec> default_match;
  Mode default_mode;
  std::string_view text_prefix;  // i18n: "<prefix>.name", e.g. "device.kind.printer.name"
};

// USB-IF class codes: 7 printer (Printer Class 1.1); 3 HID with boot subclass 1 and
// keyboard protocol 1 (HID 1.11 §4.2-4.3), what a keyboard-wedge scanner presents. A
// fingerprint reader belongs to its vendor's RD Service, so it is watched by default.
// const, not constexpr: MatchSpec holds a std::string (serial), and GCC 12 with the
// sanitizers refuses to evaluate its destructor at compile time.
inline const std::array<KindInfo, 4> kKinds{{
    {DeviceKind::Printer, "printer", MatchSpec{.interface_class = 7}, Mode::Claim,
     "device.kind.printer"},
    {DeviceKind::Scanner, "scanner",
     MatchSpec{.interface_class = 3, .interface_subclass = 1, .interface_protocol = 1}, Mode::Claim,
     "device.kind.scanner"},
    {DeviceKind::Fingerprint, "fingerprint", std::nullopt, Mode::Watch, "device.kind.fingerprint"},
    {DeviceKind::Camera, "camera", std::nullopt, Mode::Claim, "device.kind.camera"},
}};

inline const KindInfo& kind_info(DeviceKind kind) {
  for (const auto& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds.front();  // unreachable: every enumerator has a row
}

inline std::optional<DeviceKind> kind_from_name(std::string_view name) {
  for (const auto& info : kKinds) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}

inline std::string_view to_string(DeviceKind kind) {
  return kind_info(kind).name;
}

// "printer, scanner, fingerprint or camera", for error messages.
inline std::string kind_names() {
  std::string out;
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (i > 0) out += i + 1 == kKinds.size() ? " or " : ", ";
    out += kKinds[i].name;
  }
  return out;
}

inline std::string kind_text_key(DeviceKind kind) {
  return std::string(kind_info(kind).text_prefix) + ".name";
}

inline std::string_view to_string(Mode m) {
  return m == Mode::Watch ? "watch" : "claim";
}

}  // namespace drivers::model

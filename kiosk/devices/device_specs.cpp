#include "kiosk/devices/device_specs.h"

namespace kiosk::devices {
namespace {

using drivers::model::MatchSpec;

std::optional<MatchSpec> match_of(const config::DeviceEntry& e) {
  if (!e.usb && !e.interface_class) {
    auto fallback = drivers::model::kind_info(e.kind).default_match;
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
    out.push_back({e.name, e.kind, e.mode, match_of(e)});
  }
  return out;
}

std::vector<drivers::model::MatchSpec> ignored_matches(const config::Config& config) {
  std::vector<drivers::model::MatchSpec> out;
  for (const auto& id : config.ignored_devices) {
    MatchSpec& m = out.emplace_back();
    m.vendor_id = id.vendor;
    m.product_id = id.product;
  }
  return out;
}

ScannerConfig scanner_config(const config::Config& config, const std::string& name) {
  ScannerConfig s;
  for (const auto& e : config.devices) {
    if (e.name != name || e.kind != drivers::model::DeviceKind::Scanner) continue;
    const std::string suffix = e.options.value("suffix", "any");  // validated already
    s.end_on_enter = suffix == "enter" || suffix == "any";
    s.end_on_tab = suffix == "tab" || suffix == "any";
    if (e.options.contains("gap_ms")) s.gap_ms = e.options.at("gap_ms").get<int>();
    s.tty = e.options.value("tty", "");
    const std::string hex = e.options.value("enable_report", "");
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      s.enable_report.push_back(
          static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  }
  return s;
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

namespace {
// The entry that prints the receipts: the first printer in the table.
const config::DeviceEntry* receipt_entry(const config::Config& config) {
  for (const auto& e : config.devices) {
    if (e.kind == drivers::model::DeviceKind::Printer) return &e;
  }
  return nullptr;
}
}  // namespace

std::string receipt_printer(const config::Config& config) {
  const auto* e = receipt_entry(config);
  return e ? e->name : std::string();
}

int receipt_width_dots(const config::Config& config) {
  const auto* e = receipt_entry(config);
  return e && e->options.value("width_dots", 384) == 576 ? 576 : 384;
}

bool receipt_native_qr(const config::Config& config) {
  const auto* e = receipt_entry(config);
  if (!e) return false;
  const auto& v = e->options.value("native_qr", nlohmann::json(false));
  return v.is_boolean() && v.get<bool>();
}

std::vector<app::DeviceView> device_views(const config::Config& config,
                                          const std::vector<drivers::model::DeviceState>& states) {
  std::vector<app::DeviceView> out;
  for (const auto& e : config.devices) {
    for (const auto& s : states) {
      if (s.name == e.name) out.push_back({s.name, s.kind, s.status, s.action, e.required});
    }
  }
  return out;
}

std::vector<alerts::DeviceFact> device_facts(
    const config::Config& config, const std::vector<drivers::model::DeviceState>& states) {
  std::vector<alerts::DeviceFact> out;
  for (const auto& e : config.devices) {
    for (const auto& s : states) {
      if (s.name == e.name) out.push_back({s, e.required});
    }
  }
  return out;
}

}  // namespace kiosk::devices

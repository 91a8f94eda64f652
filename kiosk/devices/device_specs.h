// The `devices` config table as the device layer's vocabulary (drivers/model): how to find
// each entry on the bus and whether to claim or watch it. Kind defaults (docs/config.md):
// a printer matches USB printer-class interfaces (7), a scanner HID boot keyboards (3/1/1).
#pragma once

#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/alerts/alerts.h"
#include "kiosk/app/device_view.h"
#include "kiosk/config/config.h"

namespace kiosk::devices {

std::vector<drivers::model::DeviceSpec> device_specs(const config::Config& config);
// The devices no entry may claim ("mode": "ignore"), as match rules.
std::vector<drivers::model::MatchSpec> ignored_matches(const config::Config& config);

// How a scanner entry's scans end (its options: suffix, gap_ms, enable_report).
struct ScannerConfig {
  bool end_on_enter = true;
  bool end_on_tab = true;
  std::optional<int> gap_ms = std::nullopt;
  std::vector<std::uint8_t> enable_report = {};
  std::string tty = {};  // a CDC-ACM scanner's tty; empty: found through sysfs
};
ScannerConfig scanner_config(const config::Config& config, const std::string& name);

// The state of a configured device before anything is known about it.
drivers::model::DeviceState unknown_state(const drivers::model::DeviceSpec& spec,
                                          std::string detail);

// The devices entry that prints receipts: the first printer in the table; empty for none.
std::string receipt_printer(const config::Config& config);
// Its options.width_dots: 384 (58 mm) unless the entry says 576 (80 mm).
int receipt_width_dots(const config::Config& config);
// Its options.native_qr: true when the model prints QR codes itself (GS ( k).
bool receipt_native_qr(const config::Config& config);

// What the core and the screens may know of each state (kiosk/app/device_view.h), with
// the entry's "required"; states of names not in the config are left out.
std::vector<app::DeviceView> device_views(const config::Config& config,
                                          const std::vector<drivers::model::DeviceState>& states);

// The same with the whole state, for the alerts.
std::vector<alerts::DeviceFact> device_facts(
    const config::Config& config, const std::vector<drivers::model::DeviceState>& states);

}  // namespace kiosk::devices

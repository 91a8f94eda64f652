#include "kiosk/biometric/reader_config.h"

#include <algorithm>

#include "kiosk/core/version.h"

namespace kiosk::biometric {

std::optional<ReaderSettings> reader_settings(const config::Config& config) {
  const auto entry = std::ranges::find_if(config.devices, [](const config::DeviceEntry& e) {
    return e.kind == drivers::model::DeviceKind::Fingerprint;
  });
  if (entry == config.devices.end()) return std::nullopt;
  ReaderSettings settings;
  settings.client.first_port = config.rd_first_port;
  settings.client.last_port = config.rd_last_port;
  settings.client.pid = config.pid_options;
  settings.client.user_agent = std::string("csc-kiosk/") + kVersion;
  settings.monitor.device_name = entry->name;
  // An entry without a USB id or class cannot be found on the bus: the RD Service's word
  // is then all there is, and nothing can be reset.
  settings.monitor.usb_watched = entry->usb.has_value() || entry->interface_class.has_value();
  return settings;
}

}  // namespace kiosk::biometric

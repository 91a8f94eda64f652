// The fingerprint reader's settings from the configuration, for csc-kiosk and kioskctl
// alike: the first `fingerprint` entry, the RD port range and the PidOptions.
#pragma once

#include <optional>

#include "kiosk/biometric/rd_client.h"
#include "kiosk/biometric/reader_monitor.h"
#include "kiosk/config/config.h"

namespace kiosk::biometric {

struct ReaderSettings {
  RdClientOptions client;
  ReaderMonitorOptions monitor;
};

// nullopt when no fingerprint reader is configured.
std::optional<ReaderSettings> reader_settings(const config::Config& config);

}  // namespace kiosk::biometric

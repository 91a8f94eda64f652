// Signed configuration in the running kiosk (docs/remote-config.md): what main needs to
// start on the bundle in force, to hand new values to the core and the delivery between
// sessions, and to judge a trial by the kiosk's real health.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "kiosk/app/core_settings.h"
#include "kiosk/config/applier.h"
#include "kiosk/config/config_service.h"
#include "kiosk/core/liveness.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/sync/sync_worker.h"

namespace apps {

struct ConfigStart {
  kiosk::config::Layers local;
  kiosk::config::Config local_config;  // the local file alone
  kiosk::config::Config config;        // in force: the local file with the bundle on it
  // Null when signed configuration cannot run (no trust root, an unreadable config.db):
  // the kiosk then runs on its local file, and says why in the log.
  std::unique_ptr<kiosk::config::ConfigApplier> applier;
};

// Reads the local file, opens the applier and resolves the configuration in force. The
// caller counts the start (ConfigApplier::note_start) when it is a real one.
kiosk::Result<ConfigStart> start_config(const std::optional<std::filesystem::path>& path,
                                        const kiosk::Clock& clock);

kiosk::app::CoreSettings core_settings(const kiosk::config::Config& c, bool demo,
                                       std::string receipt_printer);

// The core's whole configuration: settings, the bundle's catalogue (or the file's) and the
// strings with the bundle's overrides.
kiosk::Result<kiosk::app::LiveConfig> live_config(
    const kiosk::config::Config& c, const std::optional<kiosk::config::VerifiedBundle>& bundle,
    kiosk::app::CoreSettings settings);

// The configuration in force, shared between the config thread and the probes.
class CurrentConfig {
 public:
  explicit CurrentConfig(kiosk::config::Config c)
      : config_(std::make_shared<kiosk::config::Config>(std::move(c))) {}
  std::shared_ptr<const kiosk::config::Config> get() const {
    std::lock_guard lock(mutex_);
    return config_;
  }
  void set(kiosk::config::Config c) {
    std::lock_guard lock(mutex_);
    config_ = std::make_shared<kiosk::config::Config>(std::move(c));
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const kiosk::config::Config> config_;
};

// The trial's checks: "ui" (the UI loop's liveness beat moved), "queue" (delivery neither
// paused nor failing), "devices" (every required device online), "backend" (GET
// /v1/config at the URL in force answers: HttpBundleSource::reachable).
class KioskHealth final : public kiosk::config::HealthProbe {
 public:
  KioskHealth(const kiosk::Liveness& ui, const kiosk::sync::SyncWorker& delivery,
              const kiosk::devices::DeviceService* devices, const CurrentConfig& current,
              const kiosk::Clock& clock);
  kiosk::config::HealthReport probe() override;

 private:
  bool ui_alive();
  bool backend_reachable(const kiosk::config::Config& c);

  const kiosk::Liveness& ui_;
  const kiosk::sync::SyncWorker& delivery_;
  const kiosk::devices::DeviceService* devices_;
  const CurrentConfig& current_;
  const kiosk::Clock& clock_;
  std::mutex mutex_;
  std::optional<std::uint64_t> last_beats_;
  kiosk::Clock::SteadyTime last_probe_{};
  bool last_ui_ = true;
};

}  // namespace apps

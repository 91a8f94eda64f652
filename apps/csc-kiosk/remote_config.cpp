#include "apps/csc-kiosk/remote_config.h"

#include "kiosk/config/config_fetch.h"
#include "kiosk/core/log.h"
#include "kiosk/ctl/config_apply.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/services/catalogue.h"
#include "kiosk/services/catalogue_texts.h"
#include "kiosk/sync/settings.h"

namespace apps {

namespace config = kiosk::config;

kiosk::Result<ConfigStart> start_config(const std::optional<std::filesystem::path>& path,
                                        const kiosk::Clock& clock) {
  auto layers = config::read_layers(path);
  if (!layers) return std::unexpected(layers.error());
  auto local = config::resolve(*layers);
  if (!local) return std::unexpected(local.error());
  local->source_file = layers->file;
  ConfigStart start{*layers, *local, *local, nullptr};
  auto applier = kiosk::ctl::open_applier(*local, *layers, clock);
  if (!applier) {
    kiosk::log::error("config", "signed configuration is off, the local file alone is used: {}",
                      applier.error().message);
    return start;
  }
  auto in_force = config::resolve((*applier)->layers());
  if (in_force) {
    in_force->source_file = layers->file;
    start.config = std::move(*in_force);
  } else {
    kiosk::log::error("config", "the bundle in force does not resolve: {}",
                      in_force.error().message);
  }
  start.applier = std::move(*applier);
  return start;
}

kiosk::app::CoreSettings core_settings(const config::Config& c, bool demo,
                                       std::string receipt_printer) {
  kiosk::app::CoreSettings s{c.languages, std::chrono::seconds(c.idle_timeout_s), demo};
  s.attract_after = std::chrono::seconds(c.attract_after_s);
  s.upi_payee_vpa = c.upi_vpa;
  s.upi_payee_name = c.payee_name;
  s.receipt_printer = std::move(receipt_printer);
  s.csc_id = c.csc_id;
  s.csc_name = c.csc_name;
  s.kiosk_id = c.kiosk_id;
  s.uidai_cert_path = c.uidai_cert_path;
  return s;
}

kiosk::Result<kiosk::app::LiveConfig> live_config(
    const config::Config& c, const std::optional<config::VerifiedBundle>& bundle,
    kiosk::app::CoreSettings settings) {
  kiosk::app::LiveConfig live;
  live.settings = std::move(settings);
  if (bundle && bundle->catalogue) {
    live.catalogue = *bundle->catalogue;
  } else {
    auto catalogue = kiosk::services::load_catalogue(c.assets_dir / "services" / "catalogue.json");
    if (!catalogue) return kiosk::fail(kiosk::Errc::Config, catalogue.error().message);
    live.catalogue = std::move(*catalogue);
  }
  auto strings = kiosk::i18n::Strings::load(c.assets_dir / "i18n", c.languages);
  if (!strings) return kiosk::fail(kiosk::Errc::Config, strings.error().message);
  kiosk::services::add_catalogue_texts(*strings, live.catalogue);
  if (bundle) {
    for (const auto& [language, table] : bundle->strings.items())
      for (const auto& [key, text] : table.items())
        strings->set(language, key, text.get<std::string>());
  }
  live.strings = std::make_shared<const kiosk::i18n::Strings>(std::move(*strings));
  return live;
}

KioskHealth::KioskHealth(const kiosk::Liveness& ui, const kiosk::sync::SyncWorker& delivery,
                         const kiosk::devices::DeviceService* devices, const CurrentConfig& current,
                         const kiosk::Clock& clock)
    : ui_(ui), delivery_(delivery), devices_(devices), current_(current), clock_(clock) {}

// The beat moves once a second: two probes closer than that keep the last answer.
bool KioskHealth::ui_alive() {
  const auto now = clock_.steady_now();
  const auto beats = ui_.beats();
  if (last_beats_ && now - last_probe_ < 2 * kiosk::Liveness::kBeatEvery) return last_ui_;
  last_ui_ = !last_beats_ || beats != *last_beats_;
  last_beats_ = beats;
  last_probe_ = now;
  return last_ui_;
}

bool KioskHealth::backend_reachable(const config::Config& c) {
  auto sync = kiosk::sync::sync_settings(c);
  config::HttpBundleSource source({sync.base_url, c.kiosk_id, c.token_file, sync.http});
  return source.reachable();
}

config::HealthReport KioskHealth::probe() {
  std::lock_guard lock(mutex_);
  const auto c = current_.get();
  config::HealthReport report;
  report.checks["ui"] = ui_alive();
  const auto state = delivery_.status().state;
  report.checks["queue"] =
      state != kiosk::sync::DeliveryState::Paused && state != kiosk::sync::DeliveryState::Failing;
  if (devices_ != nullptr) {
    const auto facts = kiosk::devices::device_facts(*c, devices_->states());
    report.checks["devices"] = std::ranges::all_of(facts, [](const kiosk::alerts::DeviceFact& f) {
      return !f.required || f.state.status == drivers::model::Status::Online;
    });
  }
  if (!c->backend_url.empty()) report.checks["backend"] = backend_reachable(*c);
  return report;
}

}  // namespace apps

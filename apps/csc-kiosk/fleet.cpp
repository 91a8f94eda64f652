#include "apps/csc-kiosk/fleet.h"

#include "kiosk/core/log.h"
#include "kiosk/core/version.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/settings.h"
#include "kiosk/sync/syncer.h"

namespace apps {

namespace {

kiosk::fleet::HeartbeatSettings settings_now(const CurrentConfig& current) {
  const auto c = current.get();
  kiosk::fleet::HeartbeatSettings s;
  s.base_url = kiosk::sync::sync_settings(*c).base_url;
  s.token = kiosk::sync::read_token(c->token_file).value_or("");
  s.interval = std::chrono::seconds(std::max(1, c->heartbeat_interval_s));
  s.ca_file = c->ca_file.string();
  return s;
}

std::int64_t config_version(kiosk::config::ConfigService* service) {
  if (service == nullptr) return 0;
  const auto status = service->status();
  return status.value("/record/applied/version"_json_pointer, std::int64_t{0});
}

}  // namespace

std::unique_ptr<kiosk::fleet::HeartbeatWorker> start_heartbeat(const HeartbeatParts& p) {
  if (p.current.get()->heartbeat_interval_s == 0) return nullptr;
  // The queue figures come through the heartbeat thread's own connection, opened on first
  // use; only that thread touches it.
  auto outbox = std::make_shared<std::optional<kiosk::store::Outbox>>();
  auto gather = [p, outbox] {
    const auto c = p.current.get();
    kiosk::fleet::HeartbeatFacts f;
    f.kiosk_id = c->kiosk_id;
    f.at = p.clock.wall_now();
    f.app_version = kiosk::kVersion;
    f.config_version = config_version(p.config_service);
    f.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  p.started)
                     .count();
    if (!*outbox) {
      if (auto opened = kiosk::store::Outbox::open(kiosk::sync::outbox_options(*c), p.clock))
        outbox->emplace(std::move(*opened));
    }
    if (*outbox) {
      if (auto stats = (*outbox)->views().stats()) f.queue = *stats;
    }
    if (p.devices != nullptr) f.devices = p.devices->states();
    if (p.alerts != nullptr) f.alerts = p.alerts->alerts();
    return f;
  };
  auto worker = std::make_unique<kiosk::fleet::HeartbeatWorker>(
      [&current = p.current] { return settings_now(current); }, std::move(gather), p.rng);
  worker->start();
  return worker;
}

}  // namespace apps

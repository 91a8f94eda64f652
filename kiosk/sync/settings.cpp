#include "kiosk/sync/settings.h"

#include "kiosk/core/version.h"

namespace kiosk::sync {

store::OutboxOptions outbox_options(const config::Config& config) {
  return {config.state_dir / "kiosk.db", config.state_dir / "outbox.key", config.kiosk_id};
}

SyncSettings sync_settings(const config::Config& config) {
  SyncSettings s;
  s.base_url = config.backend_url;
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  s.kiosk_id = config.kiosk_id;
  s.http.connect_timeout = std::chrono::seconds(config.backend_connect_timeout_s);
  s.http.total_timeout = std::chrono::seconds(config.backend_timeout_s);
  s.http.ca_file = config.ca_file.string();
  s.http.user_agent = std::string("csc-kiosk/") + kVersion;
  s.backoff.cap = std::chrono::seconds(config.sync_backoff_cap_s);
  s.backoff.start_jitter_max = std::chrono::seconds(config.sync_start_jitter_s);
  s.retention = std::chrono::days(config.outbox_retention_days);
  return s;
}

}  // namespace kiosk::sync

#include "tests/outbox/fixtures.h"

namespace kiosk::testing {

store::OutboxOptions outbox_in(const std::filesystem::path& dir) {
  return {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
}

sync::SyncSettings settings_for(int port, const std::string& scheme) {
  sync::SyncSettings s;
  s.base_url = scheme + "://127.0.0.1:" + std::to_string(port);
  s.kiosk_id = "CG-RPR-0042";
  s.token = kKioskToken;
  s.http.connect_timeout = std::chrono::seconds(2);
  s.http.total_timeout = std::chrono::seconds(3);
  s.http.user_agent = "csc-kiosk/test";
  s.backoff.base = std::chrono::milliseconds(10);
  s.backoff.cap = std::chrono::milliseconds(200);
  s.backoff.start_jitter_max = std::chrono::milliseconds(0);
  return s;
}

}  // namespace kiosk::testing

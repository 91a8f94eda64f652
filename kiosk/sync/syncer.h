// One delivery pass over the outbox (shared/contracts/backend-api.md §1): lease due items,
// POST them in batches, and apply the answer. No thread of its own: the SyncWorker runs
// passes in the background, `kioskctl sync --once` runs one in the foreground.
//
//  [X] accepted / duplicate → delivered (with backend_ref); rejected → dead letter + reason
//  [X] 429 / 503 / 5xx / timeouts / resets / unreadable answers → same keys and bytes later,
//      full-jitter backoff, Retry-After honoured
//  [X] 400 (and other 4xx) → bisect until the bad item stands alone, dead-letter it
//  [X] 413 → split in halves; a lone item that is still too large is dead-lettered
//  [X] 401 / 403 / 404 / 405 / refused URL → pause all delivery, alert the operator
//  [X] Every answer's Date header raises the persisted clock floor
//  [X] Results of a batch are written in one SQL transaction (one sync, not 500)
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/net/http_client.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/retry_policy.h"
#include "kiosk/sync/wire.h"

namespace kiosk::sync {

struct SyncSettings {
  std::string base_url;  // "https://backend.example" (no trailing path)
  std::string kiosk_id;
  std::string token;  // bearer token; empty: not enrolled, nothing is sent
  net::HttpOptions http;
  BackoffPolicy backoff;
  std::size_t max_items = kMaxBatchItems;
  std::size_t max_bytes = kMaxBatchBytes - 4096;         // room for the envelope
  std::chrono::milliseconds pause_retry{5 * 60 * 1000};  // re-check after a pause
  std::chrono::days retention{90};  // bodies dropped this long after delivery (worker)
};

struct PassReport {
  int requests = 0;
  int delivered = 0;
  int dead = 0;
  int rescheduled = 0;
  std::optional<Decision> paused;   // credentials or endpoint: delivery stopped
  std::optional<Decision> backoff;  // the last whole-request failure this pass
};

// Reads the token file: trimmed contents; NotFound when the kiosk is not enrolled.
Result<std::string> read_token(const std::filesystem::path& file);

class Syncer {
 public:
  Syncer(store::Outbox& outbox, SyncSettings settings, const Clock& clock, Rng& rng);

  // forced (sync --once): ignores backoff schedules and keeps going after a failed batch,
  // one attempt per batch. Otherwise the pass stops at the first whole-request failure.
  Result<PassReport> run_pass(bool forced);

 private:
  enum class Flow { Continue, Stop };
  Result<Flow> deliver(std::span<const store::LeasedItem> items, PassReport& report);
  Result<Flow> halve(std::span<const store::LeasedItem> items, PassReport& report,
                     const Decision& why);
  Status apply_results(std::span<const store::LeasedItem> items,
                       const std::vector<ItemResult>& results, PassReport& report);
  Status reschedule_all(std::span<const store::LeasedItem> items, const Decision& why,
                        std::chrono::milliseconds fixed_delay, PassReport& report);
  net::HttpResult post_batch(std::span<const store::LeasedItem> items);
  void note_date(const net::HttpResult& result);

  store::Outbox& outbox_;
  SyncSettings settings_;
  const Clock& clock_;
  Rng& rng_;
  net::HttpClient client_;
};

}  // namespace kiosk::sync

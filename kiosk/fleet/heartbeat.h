// The heartbeat (contract §4, POST /v1/heartbeat): what the state's office sees of each
// kiosk. Best-effort by design: its own thread and HTTP handle, a short timeout, never
// queued, never retried before its next turn, never in the citizen's path.
//
//  [X] Every heartbeat.interval_s (default 300) with ±10% jitter, so a fleet that booted
//      together does not beat together
//  [X] Queue figures, config version, uptime, each device (kind, model, status, supply,
//      action class) and the active alerts
//  [X] Not enrolled (no token): nothing is sent; a failed send is logged once per change
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/alerts/alerts.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/store/queue_types.h"

namespace kiosk::fleet {

struct HeartbeatFacts {
  std::string kiosk_id = {};
  Clock::WallTime at{};
  std::string app_version = {};
  std::int64_t config_version = 0;  // 0: the local file, no signed bundle
  std::int64_t uptime_s = 0;
  std::optional<store::QueueStats> queue = {};  // nullopt: could not be read
  std::vector<drivers::model::DeviceState> devices = {};
  std::vector<alerts::Alert> alerts = {};
};

// The §4 body.
nlohmann::json heartbeat_json(const HeartbeatFacts& facts);

struct HeartbeatSettings {
  std::string base_url;  // backend.url without the trailing '/'
  std::string token;     // empty: not enrolled, nothing is sent
  std::chrono::seconds interval{300};
  std::chrono::milliseconds timeout{10'000};  // connect and whole request
  std::string ca_file;
};

// Where the next heartbeat is due: `interval` ±10%, from the injected dice.
std::chrono::milliseconds next_delay(std::chrono::seconds interval, Rng& rng);

class HeartbeatWorker {
 public:
  using Gather = std::function<HeartbeatFacts()>;
  // `settings` is read again before each heartbeat (a bundle may change the URL).
  HeartbeatWorker(std::function<HeartbeatSettings()> settings, Gather gather, Rng& rng);
  ~HeartbeatWorker();  // stops and joins; a request in flight ends within its timeout
  HeartbeatWorker(const HeartbeatWorker&) = delete;
  HeartbeatWorker& operator=(const HeartbeatWorker&) = delete;

  void start();
  std::uint64_t sent() const;    // answered 2xx
  std::uint64_t failed() const;  // refused or unreachable

 private:
  void loop(std::stop_token stop);
  void beat_once();

  std::function<HeartbeatSettings()> settings_;
  Gather gather_;
  Rng& rng_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::uint64_t sent_ = 0, failed_ = 0;
  std::string last_problem_;  // logged once per change
  std::optional<threads::Registration> registration_;
  std::jthread thread_;
};

}  // namespace kiosk::fleet

#include "kiosk/fleet/heartbeat.h"

#include <pthread.h>

#include "kiosk/core/log.h"
#include "kiosk/net/http_client.h"
#include "kiosk/store/transaction.h"

namespace kiosk::fleet {

namespace {

using nlohmann::json;
namespace model = drivers::model;

// The worst supply a device reports ("out" before "low" before "full"); null when it
// reports none.
json worst_supply(const model::DeviceState& d) {
  std::optional<model::SupplyLevel> worst;
  for (const auto& [name, level] : d.supplies) {
    const auto rank = [](model::SupplyLevel l) {
      return l == model::SupplyLevel::Out       ? 3
             : l == model::SupplyLevel::Low     ? 2
             : l == model::SupplyLevel::Unknown ? 1
                                                : 0;
    };
    if (!worst || rank(level) > rank(*worst)) worst = level;
  }
  return worst ? json(model::to_string(*worst)) : json(nullptr);
}

json device_json(const model::DeviceState& d) {
  std::string model_name = d.identity ? d.identity->product : std::string();
  if (d.rd && !d.rd->model.empty()) model_name = d.rd->model;
  return {{"kind", model::to_string(d.kind)},
          {"model", model_name},
          {"status", model::to_string(d.status)},
          {"supply", worst_supply(d)},
          {"action", model::action_class(d.action)}};
}

json alert_json(const alerts::Alert& a) {
  return {{"code", a.condition.id},
          {"severity", alerts::to_string(a.condition.severity)},
          {"since", a.since ? json(store::rfc3339_ist(*a.since)) : json(nullptr)}};
}

}  // namespace

json heartbeat_json(const HeartbeatFacts& f) {
  json queue = nullptr;
  if (f.queue) {
    queue = {{"pending", f.queue->pending},
             {"dead", f.queue->dead},
             {"oldest_pending_age_s",
              f.queue->oldest_pending_age ? json(f.queue->oldest_pending_age->count()) : json(0)}};
  }
  json devices = json::array(), alerts = json::array();
  for (const auto& d : f.devices) devices.push_back(device_json(d));
  for (const auto& a : f.alerts) alerts.push_back(alert_json(a));
  return {{"kiosk_id", f.kiosk_id},       {"at", store::rfc3339_ist(f.at)},
          {"app_version", f.app_version}, {"config_version", f.config_version},
          {"uptime_s", f.uptime_s},       {"queue", queue},
          {"devices", devices},           {"alerts", alerts}};
}

std::chrono::milliseconds next_delay(std::chrono::seconds interval, Rng& rng) {
  const auto base = std::chrono::duration_cast<std::chrono::milliseconds>(interval).count();
  const auto spread = std::max<std::int64_t>(1, base / 5);  // ±10%
  const auto offset =
      static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(spread));
  return std::chrono::milliseconds(base - spread / 2 + offset);
}

HeartbeatWorker::HeartbeatWorker(std::function<HeartbeatSettings()> settings, Gather gather,
                                 Rng& rng)
    : settings_(std::move(settings)), gather_(std::move(gather)), rng_(rng) {}

HeartbeatWorker::~HeartbeatWorker() {
  thread_.request_stop();
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  registration_.reset();
}

void HeartbeatWorker::start() {
  registration_.emplace("heartbeat", [this] { wake_.notify_all(); });
  thread_ = std::jthread([this](std::stop_token stop) {
    pthread_setname_np(pthread_self(), "kiosk-heartbeat");
    threads::run_guarded("heartbeat", threads::OnFault::Restart, [&] { loop(stop); });
  });
}

// The first heartbeat goes soon after start (the office sees a restart at once), then one
// per interval.
void HeartbeatWorker::loop(std::stop_token stop) {
  auto delay = std::min<std::chrono::milliseconds>(std::chrono::seconds(5),
                                                   next_delay(settings_().interval, rng_));
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, stop, delay, [] { return false; })) return;
      if (stop.stop_requested()) return;
    }
    registration_->checkpoint();
    beat_once();
    delay = next_delay(settings_().interval, rng_);
  }
}

void HeartbeatWorker::beat_once() {
  const auto s = settings_();
  if (s.token.empty() || s.base_url.empty()) return;  // not enrolled: nobody to tell
  const json body = heartbeat_json(gather_());
  net::HttpClient client({.connect_timeout = s.timeout,
                          .total_timeout = s.timeout,
                          .ca_file = s.ca_file,
                          .user_agent = "csc-kiosk heartbeat"});
  auto answer = client.perform({"POST",
                                s.base_url + "/v1/heartbeat",
                                {{"Authorization", "Bearer " + s.token}},
                                body.dump()});
  std::string problem;
  if (!answer)
    problem = std::string(net::to_string(answer.error().kind)) + ": " + answer.error().message;
  else if (answer->status / 100 != 2)
    problem = "HTTP " + std::to_string(answer->status);
  std::lock_guard lock(mutex_);
  ++(problem.empty() ? sent_ : failed_);
  if (problem != last_problem_) {
    if (problem.empty())
      log::info("heartbeat", "heartbeats reach the backend again");
    else
      log::warn("heartbeat", "heartbeat not delivered ({}); the next one is in {} s", problem,
                s.interval.count());
    last_problem_ = problem;
  }
}

std::uint64_t HeartbeatWorker::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

std::uint64_t HeartbeatWorker::failed() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

}  // namespace kiosk::fleet

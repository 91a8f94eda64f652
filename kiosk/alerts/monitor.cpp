#include "kiosk/alerts/monitor.h"

#include <pthread.h>

#include <algorithm>

#include "kiosk/config/config_record.h"
#include "kiosk/core/log.h"
#include "kiosk/store/disk.h"

namespace kiosk::alerts {

void read_disk_facts(store::Outbox* outbox, const Clock& clock,
                     const std::filesystem::path& state_dir, Facts& facts) {
  if (auto space = store::free_bytes(state_dir)) facts.free_disk_mb = *space >> 20;
  if (auto config = config::read_config_facts(state_dir, clock.wall_now())) facts.config = *config;
  if (outbox == nullptr) return;
  if (auto floor = outbox->clock_floor().floor()) {
    const bool behind = *floor && clock.wall_now() < **floor;
    facts.clock_behind = behind ? std::optional(store::rfc3339_ist(**floor)) : std::nullopt;
  }
  if (auto stats = outbox->views().stats()) facts.dead_letters = stats->dead;
  // The stored verdict of the newest failed delivery still pending: a refused token or a
  // wrong endpoint pauses delivery until someone acts, whatever ran the delivery.
  if (auto failure = outbox->views().last_failure()) {
    const bool pausing = *failure && ((*failure)->code == store::FailureCode::Credentials ||
                                      (*failure)->code == store::FailureCode::Endpoint);
    facts.delivery_pause = pausing ? *failure : std::nullopt;
  }
}

AlertMonitor::AlertMonitor(MonitorSources sources, const Clock& clock,
                           std::chrono::milliseconds period)
    : sources_(std::move(sources)), clock_(clock), period_(period) {}

AlertMonitor::~AlertMonitor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  registration_.reset();
}

void AlertMonitor::start() {
  registration_.emplace("alerts", [this] { poke(); });
  started_ = clock_.steady_now();
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-alerts");
    threads::run_guarded("alerts", threads::OnFault::Restart, [this] { loop(); });
  });
}

void AlertMonitor::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void AlertMonitor::loop() {
  auto outbox = store::Outbox::open(sources_.outbox, clock_);
  if (!outbox) log::warn("alerts", "outbox unreadable: {}", outbox.error().message);
  for (;;) {
    registration_->checkpoint();
    refresh(outbox ? &*outbox : nullptr);
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, period_, [this] { return stopping_ || poked_; });
    if (stopping_) return;
    poked_ = false;
  }
}

std::optional<std::vector<DeviceFact>> AlertMonitor::device_facts() const {
  if (!sources_.devices) return std::nullopt;
  auto devices = sources_.devices();
  const bool starting = clock_.steady_now() - started_ < sources_.device_start_grace;
  const bool unlooked = std::ranges::any_of(devices, [](const DeviceFact& d) {
    return d.state.status == drivers::model::Status::Unknown;
  });
  if (starting && unlooked) return std::nullopt;
  return devices;
}

void AlertMonitor::refresh(store::Outbox* outbox) {
  Facts facts;
  facts.low_disk_mb = sources_.low_disk_mb;
  facts.devices = device_facts();
  if (sources_.help_requested) facts.help_requested = sources_.help_requested();
  read_disk_facts(outbox, clock_, sources_.state_dir, facts);
  // The worker's own pause wins over the stored verdict: it is the newer word.
  if (sources_.delivery_pause) {
    if (auto live = sources_.delivery_pause()) facts.delivery_pause = std::move(live);
  }
  const auto before = board_.alerts();
  board_.update(derive(facts), clock_.wall_now());
  for (const auto& a : board_.alerts()) {
    if (std::ranges::none_of(before,
                             [&](const Alert& b) { return b.condition.id == a.condition.id; }))
      log::warn("alerts", "raised {}: {}; {}", a.condition.id, a.condition.summary,
                a.condition.action);
  }
  for (const auto& b : before) {
    const auto now = board_.alerts();
    if (std::ranges::none_of(now, [&](const Alert& a) { return a.condition.id == b.condition.id; }))
      log::info("alerts", "cleared {}", b.condition.id);
  }
}

}  // namespace kiosk::alerts

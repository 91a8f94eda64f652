#include "kiosk/biometric/reader_monitor.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "kiosk/core/log.h"
#include "kiosk/core/thread_guard.h"

namespace kiosk::biometric {

namespace model = drivers::model;
using namespace std::chrono_literals;

model::RdFacts rd_facts(const std::optional<RdEndpoint>& endpoint,
                        const std::optional<DeviceFacts>& device, Clock::WallTime now) {
  model::RdFacts facts;
  facts.status = endpoint ? std::string(to_string(endpoint->service.status)) : "none";
  if (endpoint) {
    facts.port = endpoint->port;
    facts.https = endpoint->https;
  }
  if (device) {
    facts.provider = device->info.provider;
    facts.model = device->info.model;
    facts.serial = device->info.serial;
    facts.version = device->info.rds_version;
    if (device->certificate_expiry) {
      const auto expiry = std::chrono::floor<std::chrono::days>(*device->certificate_expiry);
      facts.certificate_expiry = fmt::format("{:%F}", std::chrono::sys_days(expiry));
      facts.certificate_days_left = static_cast<int>(
          std::chrono::floor<std::chrono::days>(*device->certificate_expiry - now).count());
    }
  }
  return facts;
}

model::DeviceState look_once(RdClient& client, bool usb_watched, model::DeviceState usb,
                             Clock::WallTime now) {
  ReaderHealth health(usb_watched);
  health.usb_changed(!usb_watched || (usb.status != model::Status::NoDevice &&
                                      usb.status != model::Status::Unknown));
  auto found = client.discover();
  std::optional<DeviceFacts> device;
  if (found) {
    if (auto facts = client.device_info(*found)) device = std::move(*facts);
  }
  // Whatever it decides, nothing is reset from here: a NOTREADY shows as what it is.
  (void)health.observe(found ? std::optional(found->service.status) : std::nullopt);
  auto merged = health.merge(std::move(usb));
  if (health.phase() == ReaderPhase::Resetting || health.phase() == ReaderPhase::Failed) {
    merged.status = model::Status::Offline;
    merged.action = model::Action::Reset;
    merged.detail = "the RD Service says NOTREADY: reset the reader (kioskctl devices reset)";
  }
  merged.rd = rd_facts(found ? std::optional(*found) : std::nullopt, device, now);
  return merged;
}

ReaderMonitor::ReaderMonitor(RdClientOptions client, ReaderMonitorOptions options,
                             const Clock& clock, Publish publish, Reset reset)
    : client_(std::move(client)),
      options_(std::move(options)),
      clock_(clock),
      publish_(std::move(publish)),
      reset_(std::move(reset)),
      health_(options_.usb_watched) {
  usb_.name = options_.device_name;
  usb_.kind = model::DeviceKind::Fingerprint;
  usb_.mode = model::Mode::Watch;
  if (!options_.usb_watched) health_.usb_changed(true);
}

ReaderMonitor::~ReaderMonitor() {
  stop();
}

void ReaderMonitor::start() {
  thread_ = std::thread([this] {
    threads::run_guarded("fingerprint", threads::OnFault::Restart, [this] { run(); });
  });
}

void ReaderMonitor::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ReaderMonitor::usb_state(const model::DeviceState& state) {
  {
    std::lock_guard lock(mutex_);
    usb_ = state;
    health_.usb_changed(state.status != model::Status::NoDevice &&
                        state.status != model::Status::Unknown);
    publish_locked();
    poked_ = true;  // a replugged reader: ask its RD Service at once
  }
  wake_.notify_all();
}

void ReaderMonitor::capture_failed(int error_code) {
  {
    std::lock_guard lock(mutex_);
    capture_error_ = error_code;
    poked_ = true;
  }
  wake_.notify_all();
}

void ReaderMonitor::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

std::optional<RdEndpoint> ReaderMonitor::endpoint() const {
  std::lock_guard lock(mutex_);
  return endpoint_;
}

model::DeviceState ReaderMonitor::state() const {
  std::lock_guard lock(mutex_);
  auto merged = health_.merge(usb_);
  merged.rd = rd_facts(endpoint_, device_, clock_.wall_now());
  return merged;
}

int ReaderMonitor::resets() const {
  std::lock_guard lock(mutex_);
  return health_.resets();
}

void ReaderMonitor::publish_locked() {
  auto merged = health_.merge(usb_);
  merged.rd = rd_facts(endpoint_, device_, clock_.wall_now());
  publish_(merged);
}

void ReaderMonitor::run() {
  threads::Registration registration("fingerprint", [this] { poke(); });
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    registration.checkpoint();
    poked_ = false;
    lock.unlock();
    look();
    lock.lock();
    wake_.wait_for(lock, options_.poll, [this] { return stopping_ || poked_; });
  }
}

// One look: the RD Service (HTTP, no lock held), then the health machine and its decision.
void ReaderMonitor::look() {
  const auto known = endpoint();
  auto found = known ? client_.refresh(*known) : client_.discover();
  std::optional<DeviceFacts> device;
  const bool new_service = found && (!known || known->port != found->port);
  if (found && (new_service || !device_)) {
    if (auto facts = client_.device_info(*found)) device = std::move(*facts);
  }
  ReaderDecision decision = ReaderDecision::None;
  {
    std::lock_guard lock(mutex_);
    endpoint_ = found ? std::optional(*found) : std::nullopt;
    if (device) device_ = std::move(device);
    if (!found) device_.reset();
    decision = health_.observe(found ? std::optional(found->service.status) : std::nullopt);
    if (capture_error_ && decision == ReaderDecision::None) {
      decision = health_.capture_failed(*std::exchange(capture_error_, std::nullopt));
    }
    publish_locked();
  }
  act(decision);
}

void ReaderMonitor::act(ReaderDecision decision) {
  if (decision == ReaderDecision::RaiseAlert) {
    log::warn("fingerprint", "{}: still not ready after its USB reset; operator alert raised",
              options_.device_name);
    return;
  }
  if (decision != ReaderDecision::ResetUsb) return;
  log::info("fingerprint", "{}: RD Service not ready; resetting the reader once",
            options_.device_name);
  const auto reset = reset_(options_.device_name);
  if (!reset) log::warn("fingerprint", "reset failed: {}", reset.error().message);
  ReaderDecision after = ReaderDecision::None;
  {
    std::unique_lock lock(mutex_);
    after = health_.reset_finished(reset.has_value());
    publish_locked();
    // Let it re-enumerate and its RD Service see it again, then look once more.
    wake_.wait_for(lock, options_.after_reset, [this] { return stopping_; });
    poked_ = true;
  }
  if (after == ReaderDecision::RaiseAlert) act(after);
}

}  // namespace kiosk::biometric

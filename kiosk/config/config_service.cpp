#include "kiosk/config/config_service.h"

#include <pthread.h>

#include "kiosk/core/log.h"

namespace kiosk::config {

using nlohmann::json;

namespace {

std::chrono::seconds jitter(Rng& rng, std::chrono::seconds most) {
  if (most.count() <= 0) return std::chrono::seconds(0);
  return std::chrono::seconds(
      static_cast<std::int64_t>(rng.next_u64() % static_cast<std::uint64_t>(most.count() + 1)));
}

}  // namespace

ConfigService::ConfigService(std::unique_ptr<ConfigApplier> applier, HealthProbe& health,
                             std::unique_ptr<BundleSource> source, const Clock& clock, Rng& rng,
                             ServiceSettings settings, std::function<void()> on_change)
    : applier_(std::move(applier)),
      health_(health),
      source_(std::move(source)),
      clock_(clock),
      rng_(rng),
      settings_(settings),
      on_change_(std::move(on_change)) {
  const auto now = clock_.steady_now();
  next_probe_ = now + settings_.probe_every;
  next_poll_ = now + jitter(rng_, settings_.poll_jitter);  // the first poll soon after start
  if (applier_->record().trial.phase == TrialPhase::Running)
    judge_.emplace(applier_->record().trial.baseline);  // a trial that outlived a restart
}

ConfigService::~ConfigService() {
  registration_.reset();
  if (thread_.joinable()) {
    thread_.request_stop();
    wake_.notify_all();
    thread_.join();
  }
}

void ConfigService::start() {
  registration_.emplace("config", [this] { wake_.notify_all(); });
  thread_ = std::jthread([this](std::stop_token stop) {
    pthread_setname_np(pthread_self(), "kiosk-config");
    threads::run_guarded("config", threads::OnFault::Restart, [this, stop] { loop(stop); });
  });
}

void ConfigService::loop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    registration_->checkpoint();
    tick();
    std::unique_lock lock(mutex_);
    // Deadlines are on the injected clock; a second's granularity is plenty for both.
    wake_.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
  }
}

void ConfigService::tick() {
  bool probe_due = false;
  bool poll_due = false;
  {
    std::lock_guard lock(mutex_);
    const auto now = clock_.steady_now();
    probe_due = judge_.has_value() && now >= next_probe_;
    poll_due = source_ && settings_.poll_every.count() > 0 && now >= next_poll_;
    if (poll_due) next_poll_ = now + settings_.poll_every + jitter(rng_, settings_.poll_jitter);
  }
  if (probe_due) probe_trial();
  if (poll_due) poll();
}

void ConfigService::poll_now() {
  std::lock_guard lock(mutex_);
  next_poll_ = clock_.steady_now();
}

void ConfigService::start_trial_clock() {
  judge_.emplace(applier_->record().trial.baseline);
  next_probe_ = clock_.steady_now() + settings_.probe_every;
}

void ConfigService::probe_trial() {
  const HealthReport report = health_.probe();  // may do I/O: outside the lock
  bool rolled_back = false;
  {
    std::lock_guard lock(mutex_);
    if (!judge_) return;
    next_probe_ = clock_.steady_now() + settings_.probe_every;
    if (auto blame = judge_->observe(report)) {
      judge_.reset();
      if (auto s = applier_->roll_back(*blame); !s)
        log::error("config", "rollback failed: {}", s.error().message);
      rolled_back = true;
    } else {
      const auto served =
          applier_->record().trial.elapsed_s + static_cast<int>(settings_.probe_every.count());
      if (auto s = applier_->record_trial_time(served); !s)
        log::warn("config", "trial time not saved: {}", s.error().message);
      if (served >= settings_.trial.count()) {
        judge_.reset();
        if (auto s = applier_->commit_trial(); !s)
          log::error("config", "the trial's end not saved: {}", s.error().message);
      }
    }
  }
  if (rolled_back) changed();
}

Result<ConfigService::Applied> ConfigService::apply(std::string bytes, std::string source) {
  Applied out;
  if (is_root_document(bytes)) {
    std::lock_guard lock(mutex_);
    auto root = applier_->apply_root(bytes);
    if (!root) return std::unexpected(root.error());
    out.root = true;
    out.root_outcome = *root;
    return out;
  }
  const HealthReport baseline = health_.probe();  // may do I/O: outside the lock
  {
    std::lock_guard lock(mutex_);
    auto applied = applier_->apply(bytes, std::move(source), to_json(baseline));
    if (!applied) return std::unexpected(applied.error());
    out.bundle = *applied;
    if (applied->kind == ApplyKind::Applied) start_trial_clock();
  }
  if (out.bundle.kind == ApplyKind::Applied) changed();
  return out;
}

void ConfigService::poll() {
  const std::string etag = [&] {
    std::lock_guard lock(mutex_);
    return applier_->record().etag;
  }();
  for (;;) {  // root rotations first, one version at a time (the contract §3)
    const std::uint64_t next = [&] {
      std::lock_guard lock(mutex_);
      return applier_->root().version + 1;
    }();
    auto root = source_->fetch_root(next);
    if (!root) {
      log::warn("config", "root {} not fetched: {}", next, root.error().message);
      return;
    }
    if (!*root) break;
    std::lock_guard lock(mutex_);
    if (auto rotated = applier_->apply_root(**root); !rotated) {
      log::error("config", "root {} refused: {}", next, rotated.error().message);
      break;
    }
  }
  auto fetched = source_->fetch_bundle(etag);
  if (!fetched) {
    log::warn("config", "configuration not fetched: {}", fetched.error().message);
    return;
  }
  if (fetched->not_modified) return;
  if (auto applied = apply(std::move(fetched->bytes), "backend"); !applied)
    log::error("config", "the fetched bundle could not be applied: {}", applied.error().message);
  std::lock_guard lock(mutex_);
  if (auto s = applier_->remember_etag(fetched->etag); !s)
    log::warn("config", "ETag not saved: {}", s.error().message);
}

void ConfigService::changed() {
  if (on_change_) on_change_();
}

json ConfigService::status() const {
  std::lock_guard lock(mutex_);
  json out = applier_->status();
  out["trial_s"] = settings_.trial.count();
  out["poll_s"] = settings_.poll_every.count();
  return out;
}

Layers ConfigService::layers() const {
  std::lock_guard lock(mutex_);
  return applier_->layers();
}

std::optional<VerifiedBundle> ConfigService::in_force() const {
  std::lock_guard lock(mutex_);
  return applier_->in_force();
}

}  // namespace kiosk::config

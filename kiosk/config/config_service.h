// The kiosk's signed configuration at run time: the applier (what is in force, on disk),
// the trial after each apply, and the backend poll. One thread; every entry point is
// thread-safe. Who uses the configuration hears of a change through `on_change` and takes
// the new values when it can (the core: between citizens' sessions).
//
//  [X] apply(): a bundle or a root document from kioskctl (the control socket), the trial
//      running here, in the kiosk
//  [X] The trial on the injected clock: a probe every probe_every, commit after `trial`,
//      roll back when TrialJudge blames the bundle; time served persisted at each probe
//  [X] Polling GET /v1/config with If-None-Match every poll_every plus jitter; the root
//      rotations walked first, one version at a time
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosk/config/applier.h"
#include "kiosk/config/config_fetch.h"
#include "kiosk/config/trial.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/thread_guard.h"

namespace kiosk::config {

struct ServiceSettings {
  std::chrono::seconds trial{600};       // config.trial_s
  std::chrono::seconds probe_every{10};  // a trial probe this often
  std::chrono::seconds poll_every{900};  // config.poll_s; 0: no polling
  std::chrono::seconds poll_jitter{60};  // up to this much added to each wait (queue.md D5)
};

class ConfigService {
 public:
  ConfigService(std::unique_ptr<ConfigApplier> applier, HealthProbe& health,
                std::unique_ptr<BundleSource> source, const Clock& clock, Rng& rng,
                ServiceSettings settings, std::function<void()> on_change);
  ~ConfigService();  // stops and joins
  ConfigService(const ConfigService&) = delete;
  ConfigService& operator=(const ConfigService&) = delete;

  void start();  // the thread; tests may instead call tick() with a ManualClock

  // A bundle or a root document (told apart by its payload). The baseline is probed here.
  struct Applied {
    bool root = false;
    ApplyOutcome bundle;
    RootOutcome root_outcome;
  };
  Result<Applied> apply(std::string bytes, std::string source);
  nlohmann::json status() const;
  Layers layers() const;
  std::optional<VerifiedBundle> in_force() const;

  // One turn of the loop: the trial probe and the poll, whichever is due.
  void tick();
  void poll_now();  // the next tick polls

 private:
  void loop(std::stop_token stop);
  void probe_trial();
  void poll();
  void changed();
  void start_trial_clock();

  std::unique_ptr<ConfigApplier> applier_;
  HealthProbe& health_;
  std::unique_ptr<BundleSource> source_;
  const Clock& clock_;
  Rng& rng_;
  ServiceSettings settings_;
  std::function<void()> on_change_;

  mutable std::mutex mutex_;  // the applier, the judge and the deadlines
  std::optional<TrialJudge> judge_;
  Clock::SteadyTime next_probe_{};
  Clock::SteadyTime next_poll_{};
  std::condition_variable_any wake_;
  std::optional<threads::Registration> registration_;
  std::jthread thread_;
};

}  // namespace kiosk::config

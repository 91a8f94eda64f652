// The trial after an apply, run by the config service on a ManualClock: health before and
// during, rollback and its alert, a failure that predates the apply, the commit.
#include "kiosk/config/config_service.h"

#include <catch2/catch.hpp>

#include "kiosk/alerts/alerts.h"
#include "tests/support/outside_signer.h"
#include "tests/support/paths.h"

using namespace kiosk::config;
using kiosk::testing::OutsideSigner;
using namespace std::chrono_literals;

namespace {

// Health as the test says it is.
class ScriptedHealth final : public HealthProbe {
 public:
  HealthReport probe() override {
    ++probes;
    return now;
  }
  HealthReport now{{{"ui", true}, {"backend", true}, {"queue", true}}};
  int probes = 0;
};

struct ServiceRig {
  explicit ServiceRig(const std::string& name)
      : dir(kiosk::testing::scratch_dir(name)), signer(keys_dir(dir)) {}
  static std::filesystem::path keys_dir(const std::filesystem::path& d) {
    std::filesystem::create_directories(d / "keys");
    std::filesystem::create_directories(d / "state");
    return d / "keys";
  }
  std::unique_ptr<ConfigService> start() {
    ApplierOptions o;
    o.state_dir = dir / "state";
    o.shipped_root = signer.shipped_root;
    o.kiosk_id = "CG-RPR-0042";
    o.now = [this] { return clock.wall_now(); };
    auto applier = ConfigApplier::open(o);
    REQUIRE(applier);
    ServiceSettings settings;
    settings.trial = 600s;
    settings.probe_every = 10s;
    settings.poll_every = 0s;
    return std::make_unique<ConfigService>(std::move(*applier), health, nullptr, clock, rng,
                                           settings, [this] { ++changes; });
  }
  std::string bundle(std::uint64_t version) {
    return signer.bundle(
        OutsideSigner::bundle_payload(version, {{"ui", {{"idle_timeout_s", 100 + version}}}}));
  }
  // Runs the loop for `seconds` of the trial, a tick a second.
  void run_for(ConfigService& service, int seconds) {
    for (int i = 0; i < seconds; ++i) {
      clock.advance(1s);
      service.tick();
    }
  }
  std::uint64_t in_force(const ConfigService& s) const {
    const auto b = s.in_force();
    return b ? b->version : 0;
  }

  std::filesystem::path dir;
  OutsideSigner signer;
  kiosk::ManualClock clock{std::chrono::sys_days(std::chrono::year(2026) / 12 / 7) + 10h};
  kiosk::SeededRng rng{7};
  ScriptedHealth health;
  int changes = 0;
};

std::vector<std::string> alert_ids(const std::filesystem::path& state_dir,
                                   kiosk::Clock::WallTime now) {
  kiosk::alerts::Facts facts;
  facts.config = read_config_facts(state_dir, now).value();
  std::vector<std::string> ids;
  for (const auto& c : kiosk::alerts::derive(facts)) ids.push_back(c.id);
  return ids;
}

}  // namespace

TEST_CASE(
    "A check that passed before the apply and fails during the trial rolls the kiosk "
    "back to last-known-good, with an alert",
    "[config][trial]") {
  ServiceRig rig("trial-rollback");
  auto service = rig.start();
  REQUIRE(service->apply(rig.bundle(1), "test").value().bundle.kind == ApplyKind::Applied);
  rig.run_for(*service, 600);  // v1 passes its trial
  REQUIRE(service->status()["record"]["trial"]["phase"] == "none");
  REQUIRE(service->apply(rig.bundle(2), "test").value().bundle.kind == ApplyKind::Applied);
  CHECK(rig.changes == 2);
  rig.run_for(*service, 100);
  CHECK(rig.in_force(*service) == 2);
  rig.health.now.checks["backend"] = false;  // the new backend.url answers nothing
  rig.run_for(*service, 20);                 // two failed probes: a blip, not yet blame
  CHECK(rig.in_force(*service) == 2);
  rig.run_for(*service, 10);
  CHECK(rig.in_force(*service) == 1);
  CHECK(rig.changes == 3);
  const auto status = service->status();
  CHECK(status["record"]["last_rollback"]["version"] == 2);
  CHECK(status["record"]["last_rollback"]["why"].get<std::string>().find("backend") !=
        std::string::npos);
  const auto ids = alert_ids(rig.dir / "state", rig.clock.wall_now());
  CHECK(std::ranges::find(ids, "config.rolled-back") != ids.end());
}

TEST_CASE("A check that was failing before the apply blames nobody: the trial commits",
          "[config][trial]") {
  ServiceRig rig("trial-predates");
  rig.health.now.checks["devices"] = false;  // paper out before anything was applied
  auto service = rig.start();
  REQUIRE(service->apply(rig.bundle(1), "test"));
  rig.run_for(*service, 599);
  CHECK(service->status()["record"]["trial"]["phase"] == "running");
  rig.run_for(*service, 11);
  CHECK(service->status()["record"]["trial"]["phase"] == "none");
  CHECK(rig.in_force(*service) == 1);
  CHECK(alert_ids(rig.dir / "state", rig.clock.wall_now()).empty());
}

TEST_CASE("A trial outlives a restart: the time served is kept and a failure still rolls back",
          "[config][trial][restart]") {
  ServiceRig rig("trial-restart");
  {
    auto service = rig.start();
    REQUIRE(service->apply(rig.bundle(1), "test"));
    rig.run_for(*service, 300);
  }
  auto service = rig.start();
  CHECK(service->status()["record"]["trial"]["elapsed_s"] == 300);
  rig.health.now.checks["ui"] = false;
  rig.run_for(*service, 30);
  CHECK(rig.in_force(*service) == 0);  // back to the local file: v1 was the first bundle
}

TEST_CASE("An applied bundle that expires stays in force, with an alert", "[config][expiry]") {
  ServiceRig rig("trial-expiry");
  auto service = rig.start();
  auto payload = OutsideSigner::bundle_payload(1);
  payload["expires_at"] = "2026-12-08T00:00:00Z";
  REQUIRE(service->apply(rig.signer.bundle(payload), "test").value().bundle.kind ==
          ApplyKind::Applied);
  CHECK(alert_ids(rig.dir / "state", rig.clock.wall_now()).empty());
  rig.clock.advance(48h);
  service.reset();
  service = rig.start();  // read again at start: still in force
  CHECK(rig.in_force(*service) == 1);
  CHECK(service->status()["in_force"]["expired"] == true);
  const auto ids = alert_ids(rig.dir / "state", rig.clock.wall_now());
  CHECK(ids == std::vector<std::string>{"config.expired"});
}

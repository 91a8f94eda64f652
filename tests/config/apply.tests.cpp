// Applying signed configuration (kiosk/config/applier.h): the order of file operations, a
// failure injected at each step, a power cut after each step, the version floor, the trial's
// rollback and crash-loop rule; every bundle signed by openssl, not by the kiosk's code.
#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/config/applier.h"
#include "tests/support/memory_disk.h"
#include "tests/support/outside_signer.h"
#include "tests/support/paths.h"

using namespace kiosk::config;
using kiosk::testing::MemoryDisk;
using kiosk::testing::OutsideSigner;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const auto kNow = std::chrono::sys_days(std::chrono::year(2026) / 12 / 7) + 10h;

struct Rig {
  explicit Rig(const std::string& name)
      : dir(kiosk::testing::scratch_dir(name)), signer(make_dir(dir / "keys")) {
    std::filesystem::create_directories(dir / "state");
  }
  static std::filesystem::path make_dir(std::filesystem::path p) {
    std::filesystem::create_directories(p);
    return p;
  }
  ApplierOptions options(kiosk::FileOps* files) const {
    ApplierOptions o;
    o.state_dir = dir / "state";
    o.shipped_root = signer.shipped_root;
    o.kiosk_id = "CG-RPR-0042";
    o.string_keys = {"welcome.title"};
    o.now = [] { return kNow; };
    o.files = files;
    return o;
  }
  std::unique_ptr<ConfigApplier> open(kiosk::FileOps* files = nullptr) const {
    auto applier = ConfigApplier::open(options(files));
    INFO((applier ? std::string() : applier.error().message));
    REQUIRE(applier);
    return std::move(*applier);
  }
  std::string bundle(std::uint64_t version, int idle_timeout_s) {
    return signer.bundle(
        OutsideSigner::bundle_payload(version, {{"ui", {{"idle_timeout_s", idle_timeout_s}}}}));
  }
  std::filesystem::path dir;
  OutsideSigner signer;
};

std::uint64_t in_force_version(const ConfigApplier& a) {
  return a.in_force() ? a.in_force()->version : 0;
}

}  // namespace

TEST_CASE("An atomic replacement writes, syncs, renames, then syncs the folder",
          "[config][files]") {
  MemoryDisk disk;
  REQUIRE(kiosk::replace_atomically(disk, "/d/bundle.json", "new"));
  CHECK(disk.log() ==
        std::vector<std::string>{"write /d/bundle.json.new", "fsync /d/bundle.json.new",
                                 "rename /d/bundle.json.new /d/bundle.json", "fsync-dir /d"});
  SECTION("and survives a power cut") {
    disk.lose_power();
    CHECK(disk.read("/d/bundle.json").value() == std::optional<std::string>("new"));
  }
  SECTION("positive control: a replacement without the folder's fsync is lost") {
    REQUIRE(disk.write("/d/other.new", "x", 0600));
    REQUIRE(disk.fsync("/d/other.new"));
    REQUIRE(disk.rename("/d/other.new", "/d/other"));
    disk.lose_power();
    CHECK(disk.read("/d/other").value() == std::nullopt);
  }
}

TEST_CASE(
    "Bundles signed by openssl are applied in order: accepted ones take effect, refused "
    "ones change nothing, the applied version only goes up",
    "[config][apply][interop]") {
  Rig rig("apply-outside-signer");
  auto applier = rig.open();
  CHECK(in_force_version(*applier) == 0);
  auto expired = OutsideSigner::bundle_payload(9);
  expired["expires_at"] = "2026-12-01T00:00:00Z";
  auto other_state = OutsideSigner::bundle_payload(9);
  other_state["scope"] = {{"state", "MH"}};
  auto tampered = json::parse(rig.bundle(9, 150));
  tampered["payload"] =
      encode_base64(OutsideSigner::bundle_payload(9, {{"ui", {{"idle_timeout_s", 30}}}}).dump());
  const std::string v3 = rig.bundle(3, 120);
  struct Case {
    std::string name, bytes;
    ApplyKind kind;
    std::uint64_t in_force;
    std::string check;
  };
  const std::vector<Case> cases{
      {"v1", rig.bundle(1, 100), ApplyKind::Applied, 1, ""},
      {"v3", v3, ApplyKind::Applied, 3, ""},
      {"v2 after v3", rig.bundle(2, 110), ApplyKind::Refused, 3, "version"},
      {"tampered", tampered.dump(), ApplyKind::Refused, 3, "signatures"},
      {"expired", rig.signer.bundle(expired), ApplyKind::Refused, 3, "time"},
      {"other state", rig.signer.bundle(other_state), ApplyKind::Refused, 3, "scope"},
      {"local-only key",
       rig.signer.bundle(OutsideSigner::bundle_payload(9, {{"paths", {{"state_dir", "/tmp"}}}})),
       ApplyKind::Refused, 3, "contents"},
      {"v3 again", v3, ApplyKind::AlreadyApplied, 3, ""},
      {"v7", rig.bundle(7, 130), ApplyKind::Applied, 7, ""}};
  std::uint64_t highest = 0;
  for (const auto& c : cases) {
    INFO(c.name);
    auto outcome = applier->apply(c.bytes, "test");
    REQUIRE(outcome);
    CHECK(outcome->kind == c.kind);
    if (c.kind == ApplyKind::Refused) {
      REQUIRE(outcome->refusal);
      CHECK(to_string(outcome->refusal->check) == c.check);
      CHECK(applier->record().last_refusal.value("check", "") == c.check);
    }
    CHECK(in_force_version(*applier) == c.in_force);
    CHECK(applier->record().applied.version == c.in_force);
    CHECK(applier->record().highest_version >= highest);
    highest = applier->record().highest_version;
    // Reopened from disk, the kiosk runs what the record says.
    auto reopened = rig.open();
    CHECK(in_force_version(*reopened) == c.in_force);
    applier = std::move(reopened);
  }
  CHECK(applier->layers().bundle.value()["ui"]["idle_timeout_s"] == 130);
}

TEST_CASE("A failure at each file step of an apply leaves the bundle in force unchanged",
          "[config][apply][fault]") {
  Rig rig("apply-step-failures");
  const std::string v1 = rig.bundle(1, 100), v2 = rig.bundle(2, 120);
  MemoryDisk probe;  // how many file operations an apply takes
  {
    auto applier = rig.open(&probe);
    REQUIRE(applier->apply(v1, "test"));
    REQUIRE(applier->commit_trial());
    probe.clear_log();
    REQUIRE(applier->apply(v2, "test").value().kind == ApplyKind::Applied);
  }
  const int steps = probe.operations();
  REQUIRE(steps >= 8);  // lkg: write, fsync, rename, fsync-dir; bundle: the same
  for (int step = 1; step <= steps; ++step) {
    INFO("failing operation " << step << " of " << steps);
    const auto state = kiosk::testing::scratch_dir("apply-step-failures-" + std::to_string(step));
    auto options = rig.options(nullptr);
    options.state_dir = state;
    MemoryDisk disk;
    options.files = &disk;
    auto applier = ConfigApplier::open(options);
    REQUIRE(applier);
    REQUIRE((*applier)->apply(v1, "test"));
    REQUIRE((*applier)->commit_trial());
    disk.fail_at(step);
    auto outcome = (*applier)->apply(v2, "test");
    // Failed: v1 stays, no trial. Only the folder's last fsync fails after the rename: then
    // v2 is visible, and in force, on trial.
    const std::uint64_t expected = outcome ? 2 : 1;
    if (outcome) CHECK(step == steps);
    CHECK(in_force_version(**applier) == expected);
    CHECK((*applier)->record().applied.version == expected);
    CHECK(((*applier)->record().trial.phase == TrialPhase::Running) == (expected == 2));
    disk.fail_at(0);
    auto reopened = ConfigApplier::open(options);  // the disk agrees with the record
    REQUIRE(reopened);
    CHECK(in_force_version(**reopened) == expected);
    // The same bytes may be applied once the disk works again.
    const auto again = (*reopened)->apply(v2, "test").value().kind;
    CHECK(again == (expected == 2 ? ApplyKind::AlreadyApplied : ApplyKind::Applied));
  }
}

TEST_CASE(
    "A power cut after each step of an apply leaves the old bundle or the new one, and "
    "the record agrees with the files",
    "[config][apply][power]") {
  Rig rig("apply-power-cuts");
  const std::string v1 = rig.bundle(1, 100), v2 = rig.bundle(2, 120);
  std::set<std::uint64_t> seen;
  for (int step = 1; step <= 12; ++step) {
    INFO("power cut at operation " << step);
    auto options = rig.options(nullptr);
    options.state_dir = kiosk::testing::scratch_dir("apply-power-" + std::to_string(step));
    MemoryDisk disk;
    options.files = &disk;
    {
      auto applier = ConfigApplier::open(options);
      REQUIRE(applier);
      REQUIRE((*applier)->apply(v1, "test"));
      REQUIRE((*applier)->commit_trial());
      disk.fail_at(step);  // the operation that never happens: the power went
      (void)(*applier)->apply(v2, "test");
    }
    disk.fail_at(0);
    disk.lose_power();
    auto after = ConfigApplier::open(options);
    REQUIRE(after);
    const auto version = in_force_version(**after);
    CHECK((version == 1 || version == 2));
    seen.insert(version);
    CHECK((*after)->record().applied.version == version);
    CHECK((*after)->record().highest_version >= version);
    const bool trial = (*after)->record().trial.phase == TrialPhase::Running;
    CHECK(trial == (version == 2));  // the new bundle is on trial, the old one is not
  }
  CHECK(seen == std::set<std::uint64_t>{1, 2});  // both outcomes happen at some step
}

TEST_CASE(
    "A rollback returns to the last-known-good bundle, keeps the version floor, and the "
    "rolled-back version is never retried",
    "[config][trial]") {
  Rig rig("apply-rollback");
  auto applier = rig.open();
  const std::string v1 = rig.bundle(1, 100), v2 = rig.bundle(2, 120);
  REQUIRE(applier->apply(v1, "test"));
  REQUIRE(applier->commit_trial());
  REQUIRE(applier->apply(v2, "test").value().kind == ApplyKind::Applied);
  REQUIRE(applier->roll_back("the backend check failed"));
  CHECK(in_force_version(*applier) == 1);
  CHECK(applier->record().highest_version == 2);
  CHECK(applier->record().last_rollback["version"] == 2);
  CHECK(applier->record().applied.source == "rollback");
  auto again = applier->apply(v2, "test");
  REQUIRE(again);
  CHECK(again->kind == ApplyKind::Refused);
  CHECK(in_force_version(*applier) == 1);
  const auto facts = read_config_facts(rig.dir / "state", kNow);
  REQUIRE(facts);
  CHECK(facts->rolled_back == 2u);
  SECTION("the fixed bundle, version 3, is taken and clears the rollback") {
    REQUIRE(applier->apply(rig.bundle(3, 130), "test").value().kind == ApplyKind::Applied);
    CHECK_FALSE(read_config_facts(rig.dir / "state", kNow).value().rolled_back);
  }
  SECTION("a rollback of the first bundle returns to the local file") {
    Rig fresh("apply-rollback-first");
    auto first = fresh.open();
    REQUIRE(first->apply(fresh.bundle(1, 100), "test"));
    REQUIRE(first->roll_back("the ui check failed"));
    CHECK_FALSE(first->in_force());
    CHECK_FALSE(fresh.open()->in_force());
  }
}

TEST_CASE(
    "A kiosk that starts three times during a trial goes back to last-known-good at the "
    "next start",
    "[config][trial][crash]") {
  Rig rig("apply-crash-loop");
  {
    auto applier = rig.open();
    REQUIRE(applier->apply(rig.bundle(1, 100), "test"));
    REQUIRE(applier->commit_trial());
    REQUIRE(applier->apply(rig.bundle(2, 120), "test"));
  }
  for (int start = 1; start <= kTrialCrashStarts; ++start) {
    auto applier = rig.open();
    CHECK_FALSE(applier->note_start().value());
    CHECK(in_force_version(*applier) == 2);
  }  // each start "crashes": nothing commits the trial
  auto applier = rig.open();
  CHECK(applier->note_start().value());
  CHECK(in_force_version(*applier) == 1);
  CHECK(in_force_version(*rig.open()) == 1);
}

TEST_CASE("The version floor is never lowered, whoever writes the record", "[config][record]") {
  const auto dir = kiosk::testing::scratch_dir("config-record-floor");
  auto store = ConfigRecordStore::open(dir / "config.db");
  REQUIRE(store);
  ConfigRecord record;
  record.highest_version = 5;
  REQUIRE(store->save(record));
  record.highest_version = 6;
  CHECK(store->save(record));  // positive control: raising it works
  record.highest_version = 4;
  CHECK_FALSE(store->save(record));
  CHECK(store->load().value().highest_version == 6);
}

TEST_CASE("A damaged bundle file falls back to the last-known-good one at open",
          "[config][apply][corrupt]") {
  Rig rig("apply-damaged-file");
  {
    auto applier = rig.open();
    REQUIRE(applier->apply(rig.bundle(1, 100), "test"));
    REQUIRE(applier->commit_trial());
    REQUIRE(applier->apply(rig.bundle(2, 120), "test"));
  }
  std::ofstream(rig.dir / "state" / "config" / "bundle.json") << "{\"payload\": \"garbage";
  auto applier = rig.open();
  CHECK(in_force_version(*applier) == 1);
  CHECK(applier->record().applied.version == 1);
}

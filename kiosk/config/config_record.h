// What the kiosk remembers about signed configuration, in SQLite (<state_dir>/config.db):
// the version floor, the bundle in force, the trial, the last refusal and rollback, the
// ETag of the last fetch and the trust root's version. One row, written whole in one
// transaction; a trigger refuses to lower the version floor, whoever asks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/config/config_facts.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/store/database.h"

namespace kiosk::config {

enum class TrialPhase { None, Running, RollingBack };
std::string_view to_string(TrialPhase phase);

struct TrialRecord {
  TrialPhase phase = TrialPhase::None;
  std::uint64_t version = 0;  // the bundle on trial
  std::string sha256;
  int elapsed_s = 0;                                   // trial time served, kept across restarts
  int starts = 0;                                      // kiosk starts since the apply
  std::string reason;                                  // RollingBack: why
  nlohmann::json baseline = nlohmann::json::object();  // {check: passed} before the apply
};

struct AppliedRecord {
  std::uint64_t version = 0;  // 0: no bundle in force (local file and defaults)
  std::string sha256;
  std::string source;  // "backend", "usb", "kioskctl", "rollback", "recovered"
  std::string at;      // RFC 3339
};

struct ConfigRecord {
  std::uint64_t highest_version = 0;  // the version floor: persisted first, never lowered
  std::string highest_sha256;         // the payload that set it (may be applied again)
  AppliedRecord applied;
  TrialRecord trial;
  std::vector<std::uint64_t> rolled_back;  // versions a trial failed: never retried
  nlohmann::json last_refusal = nullptr;   // {"version"?, "check", "why", "source", "at"}
  nlohmann::json last_rollback = nullptr;  // {"version", "to_version", "why", "at"}
  std::string etag;                        // of the last bundle fetched
  std::uint64_t root_version = 0;          // the trust root in force
};

class ConfigRecordStore {
 public:
  static Result<ConfigRecordStore> open(const std::filesystem::path& file);
  Result<ConfigRecord> load();
  // Writes the record whole; a lower floor than the stored one is refused (Errc::Internal).
  Status save(const ConfigRecord& record);

 private:
  explicit ConfigRecordStore(store::Database db) : db_(std::move(db)) {}
  store::Database db_;
};

nlohmann::json to_json(const ConfigRecord& record);
ConfigRecord record_from_json(const nlohmann::json& j);  // missing members keep defaults

// The alerts' facts from <state_dir>: the record (a rollback nothing newer has replaced) and
// the expiry of bundle.json (read, not verified: it only words an alert). A kiosk that
// never applied a bundle has no config.db: no facts to report, and nothing is created.
Result<ConfigFacts> read_config_facts(const std::filesystem::path& state_dir, Clock::WallTime now);

}  // namespace kiosk::config

#include "kiosk/config/config_record.h"

#include <array>

#include "kiosk/config/envelope.h"
#include "kiosk/core/file.h"
#include "kiosk/store/sql.h"

namespace kiosk::config {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 1> kMigrations{R"sql(
  CREATE TABLE config_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    highest_version INTEGER NOT NULL,
    record TEXT NOT NULL);
  CREATE TRIGGER config_floor_never_lowered BEFORE UPDATE ON config_state
    WHEN NEW.highest_version < OLD.highest_version
    BEGIN SELECT RAISE(ABORT, 'the configuration version floor is never lowered'); END;
)sql"};

TrialPhase phase_from(std::string_view text) {
  if (text == "running") return TrialPhase::Running;
  if (text == "rolling-back") return TrialPhase::RollingBack;
  return TrialPhase::None;
}

}  // namespace

std::string_view to_string(TrialPhase phase) {
  switch (phase) {
    case TrialPhase::None:
      return "none";
    case TrialPhase::Running:
      return "running";
    case TrialPhase::RollingBack:
      return "rolling-back";
  }
  return "none";
}

json to_json(const ConfigRecord& r) {
  return {{"highest_version", r.highest_version},
          {"highest_sha256", r.highest_sha256},
          {"applied",
           {{"version", r.applied.version},
            {"sha256", r.applied.sha256},
            {"source", r.applied.source},
            {"at", r.applied.at}}},
          {"trial",
           {{"phase", to_string(r.trial.phase)},
            {"version", r.trial.version},
            {"sha256", r.trial.sha256},
            {"elapsed_s", r.trial.elapsed_s},
            {"starts", r.trial.starts},
            {"reason", r.trial.reason},
            {"baseline", r.trial.baseline}}},
          {"rolled_back", r.rolled_back},
          {"last_refusal", r.last_refusal},
          {"last_rollback", r.last_rollback},
          {"etag", r.etag},
          {"root_version", r.root_version}};
}

ConfigRecord record_from_json(const json& j) {
  ConfigRecord r;
  r.highest_version = j.value("highest_version", std::uint64_t{0});
  r.highest_sha256 = j.value("highest_sha256", "");
  const json applied = j.value("applied", json::object());
  r.applied.version = applied.value("version", std::uint64_t{0});
  r.applied.sha256 = applied.value("sha256", "");
  r.applied.source = applied.value("source", "");
  r.applied.at = applied.value("at", "");
  const json trial = j.value("trial", json::object());
  r.trial.phase = phase_from(trial.value("phase", "none"));
  r.trial.version = trial.value("version", std::uint64_t{0});
  r.trial.sha256 = trial.value("sha256", "");
  r.trial.elapsed_s = trial.value("elapsed_s", 0);
  r.trial.starts = trial.value("starts", 0);
  r.trial.reason = trial.value("reason", "");
  r.trial.baseline = trial.value("baseline", json::object());
  r.rolled_back = j.value("rolled_back", std::vector<std::uint64_t>{});
  r.last_refusal = j.value("last_refusal", json());
  r.last_rollback = j.value("last_rollback", json());
  r.etag = j.value("etag", "");
  r.root_version = j.value("root_version", std::uint64_t{0});
  return r;
}

Result<ConfigRecordStore> ConfigRecordStore::open(const std::filesystem::path& file) {
  auto db = store::Database::open(file);
  if (!db) return std::unexpected(db.error());
  if (auto migrated = db->migrate(kMigrations); !migrated) return std::unexpected(migrated.error());
  return ConfigRecordStore(std::move(*db));
}

Result<ConfigRecord> ConfigRecordStore::load() {
  auto q = store::sql::Query::make(db_, "SELECT record FROM config_state WHERE id = 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return ConfigRecord{};
  const json parsed = json::parse(q->text(0), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return fail(Errc::Corrupt, "config.db: the record is not JSON");
  return record_from_json(parsed);
}

Status ConfigRecordStore::save(const ConfigRecord& record) {
  const auto floor = static_cast<std::int64_t>(record.highest_version);
  auto changed = store::sql::run(db_,
                                 "INSERT INTO config_state (id, highest_version, record) "
                                 "VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET "
                                 "highest_version = excluded.highest_version, "
                                 "record = excluded.record",
                                 floor, to_json(record).dump());
  if (!changed) return std::unexpected(changed.error());
  return {};
}

namespace {

std::optional<std::string> expired_at(const std::filesystem::path& bundle_file,
                                      Clock::WallTime now) {
  auto bytes = read_text_file(bundle_file);
  if (!bytes) return std::nullopt;
  auto envelope = parse_envelope(*bytes);
  if (!envelope) return std::nullopt;
  const json payload = json::parse(envelope->payload, nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object() || !payload.contains("expires_at") || !payload["expires_at"].is_string())
    return std::nullopt;
  const auto text = payload["expires_at"].get<std::string>();
  const auto at = parse_rfc3339(text);
  if (!at || *at > now) return std::nullopt;
  return text;
}

}  // namespace

Result<ConfigFacts> read_config_facts(const std::filesystem::path& state_dir, Clock::WallTime now) {
  ConfigFacts facts;
  std::error_code ec;
  if (!std::filesystem::exists(state_dir / "config.db", ec)) return facts;
  auto store = ConfigRecordStore::open(state_dir / "config.db");
  if (!store) return std::unexpected(store.error());
  auto record = store->load();
  if (!record) return std::unexpected(record.error());
  facts.in_force = record->applied.version;
  if (record->last_rollback.is_object()) {
    const auto version = record->last_rollback.value("version", std::uint64_t{0});
    if (version > record->applied.version) {  // nothing newer has replaced it yet
      facts.rolled_back = version;
      facts.rollback_why = record->last_rollback.value("why", "");
    }
  }
  if (record->applied.version > 0)
    facts.expired_at = expired_at(state_dir / "config" / "bundle.json", now);
  return facts;
}

}  // namespace kiosk::config

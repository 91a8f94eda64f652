#include "kiosk/config/applier.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/core/log.h"
#include "kiosk/store/transaction.h"

namespace kiosk::config {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path root_file(const fs::path& config_dir, std::uint64_t version) {
  return config_dir / "roots" / fmt::format("{}.json", version);
}

}  // namespace

ConfigApplier::ConfigApplier(ApplierOptions options, ConfigRecordStore store, RootDocument root)
    : options_(std::move(options)),
      files_(options_.files != nullptr ? *options_.files : posix_file_ops()),
      store_(std::move(store)),
      root_(std::move(root)) {}

Result<std::unique_ptr<ConfigApplier>> ConfigApplier::open(ApplierOptions options) {
  auto root = shipped_root(options.shipped_root);
  if (!root) return fail(Errc::Config, "trust root: " + root.error().message);
  auto store = ConfigRecordStore::open(options.state_dir / "config.db");
  if (!store) return std::unexpected(store.error());
  auto record = store->load();
  if (!record) return std::unexpected(record.error());
  std::unique_ptr<ConfigApplier> applier(
      new ConfigApplier(std::move(options), std::move(*store), std::move(*root)));
  applier->record_ = std::move(*record);
  if (auto made = applier->files_.make_dirs(applier->dir() / "roots"); !made)
    return std::unexpected(made.error());
  if (auto walked = applier->walk_stored_roots(); !walked) return std::unexpected(walked.error());
  if (auto agreed = applier->reconcile(); !agreed) return std::unexpected(agreed.error());
  return applier;
}

std::string ConfigApplier::now_text() const {
  return store::rfc3339_ist(options_.now());
}

BundleContext ConfigApplier::context(bool reloading) const {
  BundleContext c;
  c.root = &root_;
  c.kiosk_id = options_.kiosk_id;
  c.floor.highest_version = record_.highest_version;
  c.floor.in_force_sha256 = in_force_ ? in_force_->payload_sha256 : std::string();
  c.floor.highest_sha256 = record_.highest_sha256;
  c.now = options_.now();
  c.local = options_.local;
  c.string_keys = options_.string_keys;
  c.reloading = reloading;
  return c;
}

// A stored bundle read again: signatures, scope and contents, not version or time.
std::optional<VerifiedBundle> ConfigApplier::reload(const fs::path& file, std::string* bytes) {
  auto text = files_.read(file);
  if (!text || !*text) return std::nullopt;
  auto verified = verify_bundle(**text, context(/*reloading=*/true));
  if (!verified) {
    log::warn("config", "{}: refused at the {} check: {}", file.string(),
              to_string(verified.error().check), verified.error().why);
    return std::nullopt;
  }
  if (bytes != nullptr) *bytes = std::move(**text);
  return std::move(*verified);
}

Status walk_stored_roots(RootDocument& root, const fs::path& config_dir, FileOps& files) {
  for (;;) {
    auto text = files.read(root_file(config_dir, root.version + 1));
    if (!text) return std::unexpected(text.error());
    if (!*text) break;
    auto next = rotate_root(root, **text);
    if (!next) {
      log::warn("config", "stored root {} refused: {}", root.version + 1, next.error().message);
      break;
    }
    root = std::move(*next);
  }
  return {};
}

Status ConfigApplier::walk_stored_roots() {
  return config::walk_stored_roots(root_, dir(), files_);
}

// The files decide what is in force; the record is made to agree with them.
Status ConfigApplier::reconcile() {
  if (record_.trial.phase == TrialPhase::RollingBack) return finish_rollback();
  const bool had_file = files_.read(bundle_file()).value_or(std::nullopt).has_value();
  in_force_ = reload(bundle_file(), nullptr);
  if (had_file && !in_force_) {
    // Damaged, or signed by a key a rotation retired: the last-known-good one, else none.
    log::error("config", "the bundle in force cannot be verified again; falling back");
    std::string lkg;
    in_force_ = reload(lkg_file(), &lkg);
    auto replaced = in_force_ ? replace_atomically(files_, bundle_file(), lkg)
                              : remove_durably(files_, bundle_file());
    if (!replaced) return replaced;
  }
  const std::string sha = in_force_ ? in_force_->payload_sha256 : std::string();
  if (record_.trial.phase == TrialPhase::Running && record_.trial.sha256 != sha) {
    log::warn("config", "the apply of version {} never reached its rename: forgotten",
              record_.trial.version);
    record_.trial = TrialRecord{};
  }
  if (record_.applied.sha256 != sha) {
    record_.applied = {in_force_ ? in_force_->version : 0, sha, "recovered", now_text()};
  }
  record_.root_version = root_.version;
  if (in_force_ && in_force_->version > record_.highest_version) {
    record_.highest_version = in_force_->version;
    record_.highest_sha256 = sha;
  }
  return store_.save(record_);
}

Result<bool> ConfigApplier::note_start() {
  if (record_.trial.phase != TrialPhase::Running) return false;
  ++record_.trial.starts;
  if (record_.trial.starts <= kTrialCrashStarts) {
    if (auto saved = store_.save(record_); !saved) return std::unexpected(saved.error());
    return false;
  }
  auto rolled = roll_back(fmt::format("the kiosk started {} times during the trial of version {}",
                                      record_.trial.starts, record_.trial.version));
  if (!rolled) return std::unexpected(rolled.error());
  return true;
}

Status ConfigApplier::refused(const BundleRefusal& refusal, const std::string& source,
                              std::optional<std::uint64_t> version) {
  record_.last_refusal = {{"check", to_string(refusal.check)},
                          {"why", refusal.why},
                          {"source", source},
                          {"at", now_text()}};
  if (version) record_.last_refusal["version"] = *version;
  log::warn("config", "bundle from {} refused at the {} check: {}", source,
            to_string(refusal.check), refusal.why);
  return store_.save(record_);
}

// Before a new trial: the bundle in force (or none) becomes the last-known-good. (During a
// trial the bundle in force is unproven: the last-known-good stays what it was.)
Status ConfigApplier::keep_last_known_good() {
  auto current = files_.read(bundle_file());
  if (!current) return std::unexpected(current.error());
  if (!*current) return remove_durably(files_, lkg_file());
  return replace_atomically(files_, lkg_file(), **current);
}

Result<ApplyOutcome> ConfigApplier::apply(std::string_view bytes, std::string source,
                                          json baseline) {
  auto verified = verify_bundle(bytes, context(/*reloading=*/false));
  if (verified && std::ranges::count(record_.rolled_back, verified->version) > 0) {
    verified = std::unexpected(BundleRefusal{
        BundleCheck::Version,
        fmt::format("version {} failed its trial and is never retried", verified->version)});
  }
  if (!verified) {
    if (auto saved = refused(verified.error(), source, std::nullopt); !saved)
      return std::unexpected(saved.error());
    return ApplyOutcome{ApplyKind::Refused, 0, verified.error()};
  }
  if (verified->already_applied)
    return ApplyOutcome{ApplyKind::AlreadyApplied, verified->version, std::nullopt};
  const ConfigRecord before = record_;
  // The floor first: once it is saved, nothing can bring an older bundle back.
  if (verified->version > record_.highest_version) {
    record_.highest_version = verified->version;
    record_.highest_sha256 = verified->payload_sha256;
  }
  const bool trial_running = record_.trial.phase == TrialPhase::Running;
  record_.trial = {TrialPhase::Running,
                   verified->version,
                   verified->payload_sha256,
                   0,
                   0,
                   "",
                   trial_running ? before.trial.baseline : std::move(baseline)};
  Status written = store_.save(record_);
  if (written && !trial_running) written = keep_last_known_good();
  if (written) written = replace_atomically(files_, bundle_file(), bytes);
  if (!written && !now_in_force(verified->payload_sha256)) {
    // Nothing took effect; the floor stays (the same bytes may be applied again).
    const auto floor = record_.highest_version;
    const auto floor_sha = record_.highest_sha256;
    record_ = before;
    record_.highest_version = floor;
    record_.highest_sha256 = floor_sha;
    (void)store_.save(record_);
    return std::unexpected(written.error());
  }
  if (!written)  // the rename happened, the folder's fsync did not: in force, maybe not durable
    log::warn("config", "version {} is in force but may not survive a power cut: {}",
              verified->version, written.error().message);
  record_.applied = {verified->version, verified->payload_sha256, source, now_text()};
  record_.last_refusal = nullptr;
  const auto version = verified->version;
  in_force_ = std::move(*verified);
  log::info("config", "version {} applied from {}; trial started", version, source);
  if (auto saved = store_.save(record_); !saved) return std::unexpected(saved.error());
  return ApplyOutcome{ApplyKind::Applied, version, std::nullopt};
}

// After a failed step: whether bundle.json holds these bytes anyway (the rename happened).
bool ConfigApplier::now_in_force(const std::string& sha256) {
  auto bytes = files_.read(bundle_file());
  if (!bytes || !*bytes) return false;
  auto envelope = parse_envelope(**bytes);
  return envelope && sha256_hex(envelope->payload) == sha256;
}

Status ConfigApplier::roll_back(std::string why) {
  if (record_.trial.phase == TrialPhase::None)
    return fail(Errc::InvalidInput, "no trial is running");
  record_.trial.phase = TrialPhase::RollingBack;
  record_.trial.reason = std::move(why);
  if (std::ranges::count(record_.rolled_back, record_.trial.version) == 0)
    record_.rolled_back.push_back(record_.trial.version);
  if (auto saved = store_.save(record_); !saved) return saved;
  return finish_rollback();
}

// Idempotent: a crash part-way leaves phase RollingBack, and open() runs this again.
Status ConfigApplier::finish_rollback() {
  std::string lkg_bytes;
  in_force_ = reload(lkg_file(), &lkg_bytes);
  auto replaced = in_force_ ? replace_atomically(files_, bundle_file(), lkg_bytes)
                            : remove_durably(files_, bundle_file());
  if (!replaced) return replaced;
  const std::uint64_t to = in_force_ ? in_force_->version : 0;
  record_.last_rollback = {{"version", record_.trial.version},
                           {"to_version", to},
                           {"why", record_.trial.reason},
                           {"at", now_text()}};
  log::error("config", "version {} rolled back to {}: {}", record_.trial.version,
             to == 0 ? std::string("the local file") : fmt::format("version {}", to),
             record_.trial.reason);
  record_.applied = {to, in_force_ ? in_force_->payload_sha256 : std::string(), "rollback",
                     now_text()};
  record_.trial = TrialRecord{};
  return store_.save(record_);
}

Status ConfigApplier::commit_trial() {
  if (record_.trial.phase != TrialPhase::Running) return {};
  log::info("config", "version {} passed its trial", record_.trial.version);
  record_.trial = TrialRecord{};
  return store_.save(record_);
}

Status ConfigApplier::record_trial_time(int elapsed_s) {
  if (record_.trial.phase != TrialPhase::Running) return {};
  record_.trial.elapsed_s = elapsed_s;
  return store_.save(record_);
}

Status ConfigApplier::remember_etag(std::string etag) {
  if (record_.etag == etag) return {};
  record_.etag = std::move(etag);
  return store_.save(record_);
}

Result<RootOutcome> ConfigApplier::apply_root(std::string_view bytes) {
  auto envelope = parse_envelope(bytes);
  if (!envelope) return std::unexpected(envelope.error());
  auto payload = parse_root_payload(envelope->payload);
  if (!payload) return std::unexpected(payload.error());
  if (payload->version <= root_.version) return RootOutcome{root_.version, true};
  auto next = rotate_root(root_, bytes);
  if (!next) return std::unexpected(next.error());
  if (auto saved = replace_atomically(files_, root_file(dir(), next->version), bytes); !saved)
    return std::unexpected(saved.error());
  root_ = std::move(*next);
  record_.root_version = root_.version;
  log::info("config", "trust root rotated to version {}", root_.version);
  if (auto saved = store_.save(record_); !saved) return std::unexpected(saved.error());
  return RootOutcome{root_.version, false};
}

Layers ConfigApplier::layers() const {
  Layers out = options_.local;
  if (in_force_) out.bundle = in_force_->settings;
  return out;
}

bool ConfigApplier::in_force_expired() const {
  if (!in_force_) return false;
  const auto expires = parse_rfc3339(in_force_->document.value("expires_at", ""));
  return expires && *expires <= options_.now();
}

json ConfigApplier::status() const {
  json in_force = nullptr;
  if (in_force_) {
    const auto& d = in_force_->document;
    in_force = {
        {"version", in_force_->version},         {"sha256", in_force_->payload_sha256},
        {"issued_at", d.value("issued_at", "")}, {"expires_at", d.value("expires_at", "")},
        {"expired", in_force_expired()},         {"scope", d.value("scope", json::object())}};
  }
  return {{"record", to_json(record_)},
          {"in_force", in_force},
          {"files", {{"bundle", bundle_file().string()}, {"last_known_good", lkg_file().string()}}},
          {"root_version", root_.version}};
}

}  // namespace kiosk::config

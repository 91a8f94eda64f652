// Applying signed configuration (docs/remote-config.md "Applying"): a crash at any instant
// leaves the kiosk on the old bundle or the new one, never a mix, and a bundle that makes
// the kiosk worse goes back to the last-known-good one.
//
//  [X] Files under <state_dir>/config/: bundle.json (in force), lkg.json (the one before
//      the trial), roots/<N>.json (root rotations); every change written → fsync →
//      renamed → folder fsynced, through FileOps (tests assert the order, inject failures
//      and cut the power)
//  [X] The record in SQLite (config_record.h): the version floor is saved BEFORE the new
//      bundle takes effect and never lowered, not even by a rollback
//  [X] Reconciled at open: the files decide what is in force; an interrupted apply or
//      rollback is finished or forgotten; the record is made to agree
//  [X] Trial state persisted; the starts during a trial counted; a crash loop → LKG
//  [X] Root documents: each rotation N → N+1 kept, and walked again from the shipped root
//      at every open
//  [ ] The trial's health checks and timing: config_service.h
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "kiosk/config/bundle.h"
#include "kiosk/config/config_record.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/file_ops.h"

namespace kiosk::config {

inline constexpr int kTrialCrashStarts = 3;  // starts during a trial before LKG

struct ApplierOptions {
  std::filesystem::path state_dir;
  std::string shipped_root;  // trust.root_keys_file's bytes: trusted as shipped
  std::string kiosk_id;
  Layers local;                          // the local file, as the kiosk loads it
  std::set<std::string> string_keys;     // every known i18n key
  std::function<Clock::WallTime()> now;  // the wall clock, raised to the clock floor
  FileOps* files = nullptr;              // nullptr: the real filesystem
};

enum class ApplyKind { Applied, AlreadyApplied, Refused };

struct ApplyOutcome {
  ApplyKind kind = ApplyKind::Refused;
  std::uint64_t version = 0;
  std::optional<BundleRefusal> refusal;
};

struct RootOutcome {
  std::uint64_t version = 0;
  bool already_had = false;
};

// Walks the rotations stored under <config_dir>/roots/ from `root`, one version at a time;
// stops at the first missing or refused one.
Status walk_stored_roots(RootDocument& root, const std::filesystem::path& config_dir,
                         FileOps& files);

class ConfigApplier {
 public:
  // Reads the record and the files and makes them agree (finishing an interrupted
  // rollback, forgetting an apply that never reached its rename). Does not count a start.
  static Result<std::unique_ptr<ConfigApplier>> open(ApplierOptions options);

  // csc-kiosk at start: counts the start if a trial is running; the kTrialCrashStarts+1-th
  // start during one trial rolls back. True when it rolled back.
  Result<bool> note_start();

  // Every check of verify_bundle, then the version floor, then the files. A refusal is an
  // outcome (recorded as the last refusal), not an error; an Error is an I/O failure, after
  // which the bundle in force is unchanged. `baseline` is the trial's health before.
  Result<ApplyOutcome> apply(std::string_view bytes, std::string source,
                             nlohmann::json baseline = nlohmann::json::object());
  // A root document N+1 (signed by N's root keys and its own).
  Result<RootOutcome> apply_root(std::string_view bytes);
  // Back to the last-known-good bundle (or none); the version on trial is never retried.
  Status roll_back(std::string why);
  Status commit_trial();
  Status record_trial_time(int elapsed_s);
  Status remember_etag(std::string etag);

  const std::optional<VerifiedBundle>& in_force() const { return in_force_; }
  const ConfigRecord& record() const { return record_; }
  const RootDocument& root() const { return root_; }
  // The local file with the bundle in force layered on it.
  Layers layers() const;
  // The bundle in force has passed its expires_at (it stays in force: see bundle.h).
  bool in_force_expired() const;
  // {"record", "in_force": {version, sha256, issued_at, expires_at, expired, scope}, "files"}
  nlohmann::json status() const;

 private:
  ConfigApplier(ApplierOptions options, ConfigRecordStore store, RootDocument root);
  std::filesystem::path dir() const { return options_.state_dir / "config"; }
  std::filesystem::path bundle_file() const { return dir() / "bundle.json"; }
  std::filesystem::path lkg_file() const { return dir() / "lkg.json"; }
  BundleContext context(bool reloading) const;
  std::optional<VerifiedBundle> reload(const std::filesystem::path& file, std::string* bytes);
  Status reconcile();
  Status walk_stored_roots();
  Status finish_rollback();
  bool now_in_force(const std::string& sha256);
  Status keep_last_known_good();
  Status refused(const BundleRefusal& refusal, const std::string& source,
                 std::optional<std::uint64_t> version);
  std::string now_text() const;

  ApplierOptions options_;
  FileOps& files_;
  ConfigRecordStore store_;
  ConfigRecord record_;
  RootDocument root_;
  std::optional<VerifiedBundle> in_force_;
};

}  // namespace kiosk::config

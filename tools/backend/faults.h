// Fault injection for the reference backend: the failures a kiosk meets on a real network
// (queue.md T3/T4), switchable from the command line and at run time through
// POST /_control/faults, so one backend process serves a whole test.
//
//  [X] error_rate, rate_429 (+ retry_after_s), rate_503: whole-request answers
//  [X] drop_rate: connection closed with no answer and nothing stored
//  [X] commit_then_drop_rate: batch stored, then connection closed with no answer
//  [X] slow_ms, unauthorized (401), deny (403), status_override (any status for batches)
//  [X] seed: the dice are deterministic; date_offset_s shifts the Date header
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "kiosk/core/result.h"

namespace kiosk::backend {

struct FaultSettings {
  // Fractions of batch requests, each in [0, 1]. One die is rolled per batch request and
  // the bands are stacked in this order, so the rates are exact fractions when their sum
  // is at most 1 (a larger sum starves the later bands).
  double drop_rate = 0;
  double commit_then_drop_rate = 0;
  double rate_429 = 0;
  double rate_503 = 0;
  double error_rate = 0;
  int retry_after_s = 1;  // Retry-After on 429 and 503; negative leaves the header out
  int slow_ms = 0;        // delay before answering any /v1 request
  bool unauthorized = false;
  bool deny = false;
  int status_override = 0;  // 0 = off; otherwise every batch request gets this status
  std::uint64_t seed = 1;
  std::int64_t date_offset_s = 0;  // added to the Date header of every answer
};

// Merges the members present in `patch` (same names as the struct) into `settings`.
// Unknown names and out-of-range values are refused with nothing changed, so a typo in a
// test fails loudly instead of silently testing nothing.
Status apply_fault_patch(FaultSettings& settings, const nlohmann::json& patch);
nlohmann::json to_json(const FaultSettings& settings);

enum class BatchFault { None, Drop, CommitThenDrop, TooManyRequests, Unavailable, ServerError };

// The current settings and the seeded die, shared by every server thread.
class FaultState {
 public:
  explicit FaultState(FaultSettings settings);
  FaultSettings settings() const;
  // Applies a patch; a patch naming "seed" restarts the die from that seed.
  Status update(const nlohmann::json& patch);
  // One roll for one batch request (status_override is checked by the caller first).
  BatchFault roll_batch();

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
  std::mt19937_64 dice_;
};

}  // namespace kiosk::backend

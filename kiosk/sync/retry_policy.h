// What the sync worker does with one batch request's outcome, and how long it waits before
// trying again. Pure: no I/O, time and dice are passed in.
//
// The table is the contract's "whole-request answers" (../shared/contracts/backend-api.md
// section 1) with queue.md D3 for the codes the contract does not name. Backoff is Marc
// Brooker's full jitter, capped, with no attempt limit (queue.md D3, D5).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/net/http_client.h"

namespace kiosk::sync {

enum class BatchVerdict {
  PerItem,           // 200: read the per-item results (wire.h); unreadable -> RetryLater
  RetryLater,        // outcome unknown or server busy: same keys, same bytes, after a delay
  PauseCredentials,  // 401/403: stop all delivery, alert the operator
  PauseEndpoint,     // 404/405 or a refused URL: wrong endpoint, stop and alert
  Bisect,            // 400/422/other 4xx: split in halves to find the bad item
  Split,             // 413: too large, send in smaller batches
};

std::string_view to_string(BatchVerdict verdict);

struct Decision {
  BatchVerdict verdict;
  std::optional<std::chrono::seconds> retry_after;  // from Retry-After on 429/503 (and kin)
  std::string reason;                               // for logs and the operator, e.g. "HTTP 503"
};

// `now` resolves a Retry-After given as a date. When the answer has its own Date header
// the delay is taken relative to that instead: both dates then come from the server's
// clock, which matters on kiosks whose clock may be far off.
Decision classify(const net::HttpResult& result, std::chrono::system_clock::time_point now);

struct BackoffPolicy {
  std::chrono::milliseconds base{1'000};
  std::chrono::milliseconds cap{15 * 60 * 1'000};
  std::chrono::milliseconds start_jitter_max{30'000};
};

// The longest Retry-After honoured: a misconfigured server cannot park a kiosk for days.
inline constexpr std::chrono::hours kMaxRetryAfter{24};

// Full jitter (Brooker): uniform in [0, min(cap, base * 2^attempt)], attempt counts from 0;
// no overflow for huge attempt numbers.
std::chrono::milliseconds full_jitter(const BackoffPolicy& policy, unsigned attempt, Rng& rng);

// Delay before the next try: max(Retry-After, full_jitter) but never above cap unless
// Retry-After itself says more (honour the server, but clamp Retry-After to 24 h).
std::chrono::milliseconds retry_delay(const BackoffPolicy& policy, unsigned attempt,
                                      std::optional<std::chrono::seconds> retry_after, Rng& rng);

// Uniform in [0, start_jitter_max]: delay before the first sync after start/reconnect, so a
// fleet coming back from a power cut does not arrive at the backend in the same second.
std::chrono::milliseconds start_jitter(const BackoffPolicy& policy, Rng& rng);

// Uniform in [0, max_inclusive] without modulo bias (rejection sampling).
std::uint64_t uniform_up_to(Rng& rng, std::uint64_t max_inclusive);

}  // namespace kiosk::sync

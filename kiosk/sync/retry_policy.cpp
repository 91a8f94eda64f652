#include "kiosk/sync/retry_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace kiosk::sync {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

Decision transport_decision(const net::TransportError& error) {
  if (error.kind == net::TransportFailure::NotAllowed) {
    // Nothing was sent: the configured endpoint itself is unacceptable.
    return {BatchVerdict::PauseEndpoint, std::nullopt,
            fmt::format("request refused before sending: {}", error.message)};
  }
  // The request may or may not have reached the backend: the contract's "outcome unknown".
  return {BatchVerdict::RetryLater, std::nullopt,
          fmt::format("{}: {} (outcome unknown)", net::to_string(error.kind), error.message)};
}

std::optional<seconds> retry_after_of(const net::HttpResponse& response,
                                      std::chrono::system_clock::time_point now) {
  const auto header = response.header("Retry-After");
  if (!header) return std::nullopt;
  const auto server_now = response.header("Date").and_then(
      [](const std::string& date) { return net::parse_http_date(date); });
  return net::parse_retry_after(*header, server_now.value_or(now));
}

BatchVerdict verdict_for_status(long status) {
  if (status == 200) return BatchVerdict::PerItem;
  if (status == 400) return BatchVerdict::Bisect;
  if (status == 401 || status == 403) return BatchVerdict::PauseCredentials;
  if (status == 404 || status == 405) return BatchVerdict::PauseEndpoint;
  if (status == 413) return BatchVerdict::Split;
  if (status == 408 || status == 409 || status == 425 || status == 429) {
    return BatchVerdict::RetryLater;  // queue.md D3: timeout, in progress, too early, busy
  }
  // Any other 4xx is a complaint about the request: a batch of one then dead-letters.
  if (status >= 400 && status < 500) return BatchVerdict::Bisect;
  // 5xx, and anything the contract never answers (1xx, other 2xx, 3xx, nonsense codes):
  // the outcome is unknown, so the same bytes go again later.
  return BatchVerdict::RetryLater;
}

std::string reason_for_status(long status) {
  if (status != 200 && status / 100 == 2) return fmt::format("HTTP {} (expected 200)", status);
  if (status / 100 == 3) return fmt::format("HTTP {} (redirects are not followed)", status);
  if (status < 200 || status > 599) return fmt::format("HTTP {} (not a valid answer)", status);
  return fmt::format("HTTP {}", status);
}

milliseconds clamp_non_negative(milliseconds value) {
  return std::max(value, milliseconds{0});
}

}  // namespace

std::string_view to_string(BatchVerdict verdict) {
  switch (verdict) {
    case BatchVerdict::PerItem:
      return "per-item";
    case BatchVerdict::RetryLater:
      return "retry later";
    case BatchVerdict::PauseCredentials:
      return "pause: credentials";
    case BatchVerdict::PauseEndpoint:
      return "pause: endpoint";
    case BatchVerdict::Bisect:
      return "bisect";
    case BatchVerdict::Split:
      return "split";
  }
  return "unknown";
}

Decision classify(const net::HttpResult& result, std::chrono::system_clock::time_point now) {
  if (!result) return transport_decision(result.error());
  const long status = result->status;
  Decision decision{verdict_for_status(status), std::nullopt, reason_for_status(status)};
  if (decision.verdict == BatchVerdict::RetryLater && status >= 400) {
    decision.retry_after = retry_after_of(*result, now);
    if (decision.retry_after) {
      decision.reason += fmt::format(", Retry-After {} s", decision.retry_after->count());
    }
  }
  return decision;
}

std::uint64_t uniform_up_to(Rng& rng, std::uint64_t max_inclusive) {
  if (max_inclusive == std::numeric_limits<std::uint64_t>::max()) return rng.next_u64();
  const std::uint64_t range = max_inclusive + 1;
  // Draws below `threshold` would make the low residues more likely (2^64 is rarely a
  // multiple of range): reject them. At most half of all draws are rejected.
  const std::uint64_t threshold = (0 - range) % range;
  for (;;) {
    const std::uint64_t draw = rng.next_u64();
    if (draw >= threshold) return draw % range;
  }
}

milliseconds full_jitter(const BackoffPolicy& policy, unsigned attempt, Rng& rng) {
  const auto cap = static_cast<std::uint64_t>(clamp_non_negative(policy.cap).count());
  const auto base = static_cast<std::uint64_t>(clamp_non_negative(policy.base).count());
  // base * 2^attempt, saturating at cap before it could overflow.
  std::uint64_t ceiling = cap;
  if (base == 0) {
    ceiling = 0;
  } else if (attempt < 64 && base <= (cap >> attempt)) {
    ceiling = base << attempt;
  }
  return milliseconds{static_cast<milliseconds::rep>(uniform_up_to(rng, ceiling))};
}

milliseconds retry_delay(const BackoffPolicy& policy, unsigned attempt,
                         std::optional<seconds> retry_after, Rng& rng) {
  const milliseconds jitter = full_jitter(policy, attempt, rng);
  if (!retry_after) return jitter;
  const milliseconds server =
      std::clamp<milliseconds>(*retry_after, milliseconds{0}, kMaxRetryAfter);
  return std::max(server, jitter);
}

milliseconds start_jitter(const BackoffPolicy& policy, Rng& rng) {
  const auto max = static_cast<std::uint64_t>(clamp_non_negative(policy.start_jitter_max).count());
  return milliseconds{static_cast<milliseconds::rep>(uniform_up_to(rng, max))};
}

}  // namespace kiosk::sync

#include "kiosk/sync/retry_policy.h"

#include <catch2/catch.hpp>
#include <deque>
#include <limits>

using namespace kiosk;
using namespace kiosk::sync;
using namespace std::chrono_literals;
using net::TransportFailure;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Sat, 28 Nov 2026 11:30:00 GMT, as the kiosk's clock reads it.
const auto kNow = std::chrono::sys_days{std::chrono::November / 28 / 2026} + 11h + 30min;

net::HttpResult answer(long status, Headers headers = {}) {
  net::HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = R"({"results":[]})";
  return response;
}

net::HttpResult failure(TransportFailure kind) {
  return std::unexpected(net::TransportError{kind, "simulated"});
}

// Hands out a fixed script of draws (for the rejection-sampling edge).
class ScriptedRng final : public Rng {
 public:
  explicit ScriptedRng(std::deque<std::uint64_t> draws) : draws_(std::move(draws)) {}
  std::uint64_t next_u64() override {
    const auto draw = draws_.front();
    draws_.pop_front();
    ++used;
    return draw;
  }
  int used = 0;

 private:
  std::deque<std::uint64_t> draws_;
};

milliseconds ceiling_for(const BackoffPolicy& policy, unsigned attempt) {
  if (attempt >= 40) return policy.cap;  // 1 s * 2^40 is far above any cap here
  return std::min(policy.cap, policy.base * (std::int64_t{1} << attempt));
}

}  // namespace

TEST_CASE("A 200 answer is read item by item", "[sync][retry][classify]") {
  const auto decision = classify(answer(200), kNow);
  CHECK(decision.verdict == BatchVerdict::PerItem);
  CHECK_FALSE(decision.retry_after);
  CHECK(decision.reason == "HTTP 200");
}

TEST_CASE("Every transport failure but a refused URL leaves the outcome unknown and retries",
          "[sync][retry][classify]") {
  for (const auto kind : {TransportFailure::Resolve, TransportFailure::Connect,
                          TransportFailure::Timeout, TransportFailure::Tls, TransportFailure::Reset,
                          TransportFailure::TooLarge, TransportFailure::Other}) {
    CAPTURE(net::to_string(kind));
    const auto decision = classify(failure(kind), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    CHECK_FALSE(decision.retry_after);
    CHECK_THAT(decision.reason, Catch::Contains("outcome unknown"));
  }
}

TEST_CASE("A URL refused before sending pauses delivery to that endpoint",
          "[sync][retry][classify]") {
  const auto decision = classify(failure(TransportFailure::NotAllowed), kNow);
  CHECK(decision.verdict == BatchVerdict::PauseEndpoint);
  CHECK_THAT(decision.reason, Catch::Contains("simulated"));
}

TEST_CASE("Answers the contract never gives are retried as outcome unknown",
          "[sync][retry][classify]") {
  for (const long status :
       {0L, 99L, 100L, 101L, 201L, 202L, 204L, 301L, 302L, 304L, 307L, 600L, 999L}) {
    CAPTURE(status);
    const auto decision = classify(answer(status), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    CHECK_THAT(decision.reason, Catch::Contains(std::to_string(status)));
  }
}

TEST_CASE("A malformed-request answer bisects the batch, and so does any unlisted 4xx",
          "[sync][retry][classify]") {
  for (const long status : {400L, 402L, 406L, 410L, 411L, 415L, 418L, 422L, 431L, 451L, 499L}) {
    CAPTURE(status);
    CHECK(classify(answer(status), kNow).verdict == BatchVerdict::Bisect);
  }
}

TEST_CASE("Refused credentials pause all delivery", "[sync][retry][classify]") {
  CHECK(classify(answer(401), kNow).verdict == BatchVerdict::PauseCredentials);
  CHECK(classify(answer(403), kNow).verdict == BatchVerdict::PauseCredentials);
}

TEST_CASE("A wrong endpoint pauses delivery", "[sync][retry][classify]") {
  CHECK(classify(answer(404), kNow).verdict == BatchVerdict::PauseEndpoint);
  CHECK(classify(answer(405), kNow).verdict == BatchVerdict::PauseEndpoint);
}

TEST_CASE("A too-large answer splits the batch", "[sync][retry][classify]") {
  CHECK(classify(answer(413), kNow).verdict == BatchVerdict::Split);
}

TEST_CASE("Busy and failing servers are retried later with the same bytes",
          "[sync][retry][classify]") {
  for (const long status : {408L, 409L, 425L, 429L, 500L, 501L, 502L, 503L, 504L, 507L, 599L}) {
    CAPTURE(status);
    const auto decision = classify(answer(status), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    CHECK_FALSE(decision.retry_after);
    CHECK(decision.reason == "HTTP " + std::to_string(status));
  }
}

TEST_CASE("Retry-After in seconds is carried with the decision", "[sync][retry][retry-after]") {
  for (const long status : {429L, 503L, 500L, 408L}) {
    CAPTURE(status);
    const auto decision = classify(answer(status, {{"retry-after", " 120 "}}), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    REQUIRE(decision.retry_after);
    CHECK(*decision.retry_after == 120s);
    CHECK_THAT(decision.reason, Catch::Contains("Retry-After 120 s"));
  }
}

TEST_CASE("Retry-After as a date counts from the server's own Date header when it sends one",
          "[sync][retry][retry-after]") {
  SECTION("without a Date header the kiosk's clock is the reference") {
    const auto decision =
        classify(answer(503, {{"Retry-After", "Sat, 28 Nov 2026 11:31:30 GMT"}}), kNow);
    REQUIRE(decision.retry_after);
    CHECK(*decision.retry_after == 90s);
  }
  SECTION("a server clock one hour ahead of the kiosk still means 30 seconds") {
    const auto decision = classify(answer(429, {{"Date", "Sat, 28 Nov 2026 12:30:00 GMT"},
                                                {"Retry-After", "Sat, 28 Nov 2026 12:30:30 GMT"}}),
                                   kNow);
    REQUIRE(decision.retry_after);
    CHECK(*decision.retry_after == 30s);
  }
  SECTION("a date already past leaves nothing to honour") {
    const auto decision =
        classify(answer(503, {{"Retry-After", "Sat, 28 Nov 2026 11:00:00 GMT"}}), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    CHECK_FALSE(decision.retry_after);
  }
}

TEST_CASE("An unreadable Retry-After is ignored but the batch is still retried",
          "[sync][retry][retry-after]") {
  for (const char* value : {"soon", "-5", "1.5", "", "Sat, 31 Feb 2026 11:31:30 GMT"}) {
    CAPTURE(value);
    const auto decision = classify(answer(503, {{"Retry-After", value}}), kNow);
    CHECK(decision.verdict == BatchVerdict::RetryLater);
    CHECK_FALSE(decision.retry_after);
  }
}

TEST_CASE("Full jitter stays within min(cap, base times 2 to the attempt) for attempts 0 to 40",
          "[sync][retry][backoff]") {
  const BackoffPolicy policy;
  SeededRng rng(42);
  for (unsigned attempt = 0; attempt <= 40; ++attempt) {
    CAPTURE(attempt);
    const milliseconds ceiling = ceiling_for(policy, attempt);
    int low = 0;
    int high = 0;
    for (int draw = 0; draw < 500; ++draw) {
      const milliseconds delay = full_jitter(policy, attempt, rng);
      REQUIRE(delay >= 0ms);
      REQUIRE(delay <= ceiling);
      (delay * 2 < ceiling ? low : high) += 1;
    }
    CHECK(low > 0);   // the whole range is used, not just the top (that would be no jitter)
    CHECK(high > 0);  // nor only the bottom
  }
}

TEST_CASE("Full jitter saturates at the cap for huge attempt numbers without overflowing",
          "[sync][retry][backoff]") {
  const BackoffPolicy policy;
  SeededRng rng(7);
  for (const unsigned attempt : {41u, 63u, 64u, 65u, 1000u, std::numeric_limits<unsigned>::max()}) {
    CAPTURE(attempt);
    milliseconds largest{0};
    for (int draw = 0; draw < 200; ++draw) {
      const milliseconds delay = full_jitter(policy, attempt, rng);
      REQUIRE(delay >= 0ms);
      REQUIRE(delay <= policy.cap);
      largest = std::max(largest, delay);
    }
    CHECK(largest * 2 > policy.cap);  // the ceiling is the cap, not zero from an overflow
  }
  const BackoffPolicy huge_base{.base = milliseconds{std::numeric_limits<std::int64_t>::max() / 2},
                                .cap = 60'000ms};
  CHECK(full_jitter(huge_base, 3, rng) <= 60'000ms);
}

TEST_CASE("Full jitter with a zero base never waits", "[sync][retry][backoff]") {
  const BackoffPolicy policy{.base = 0ms};
  SeededRng rng(1);
  for (unsigned attempt = 0; attempt < 70; ++attempt)
    CHECK(full_jitter(policy, attempt, rng) == 0ms);
}

TEST_CASE("The same seed gives the same backoff sequence", "[sync][retry][backoff]") {
  const BackoffPolicy policy;
  SeededRng first(99);
  SeededRng second(99);
  for (unsigned attempt = 0; attempt < 20; ++attempt) {
    CHECK(full_jitter(policy, attempt, first) == full_jitter(policy, attempt, second));
  }
}

TEST_CASE("Uniform draws reject the biased low values instead of folding them",
          "[sync][retry][backoff]") {
  // 2^64 mod 3 = 1, so exactly the draw 0 would make residue 0 more likely: it is redrawn.
  ScriptedRng rng({0, 5});
  CHECK(uniform_up_to(rng, 2) == 2);
  CHECK(rng.used == 2);
  ScriptedRng full_range({std::numeric_limits<std::uint64_t>::max()});
  CHECK(uniform_up_to(full_range, std::numeric_limits<std::uint64_t>::max()) ==
        std::numeric_limits<std::uint64_t>::max());
  ScriptedRng zero({123});
  CHECK(uniform_up_to(zero, 0) == 0);
}

TEST_CASE("Uniform draws over a small range hit every value about equally often",
          "[sync][retry][backoff]") {
  SeededRng rng(2024);
  std::array<int, 6> counts{};
  for (int i = 0; i < 60'000; ++i) counts.at(uniform_up_to(rng, 5)) += 1;
  for (const int count : counts) CHECK(std::abs(count - 10'000) < 500);  // > 5 sigma margin
}

TEST_CASE("Without Retry-After the retry delay is the full-jitter draw", "[sync][retry][delay]") {
  const BackoffPolicy policy;
  for (unsigned attempt = 0; attempt < 25; ++attempt) {
    SeededRng a(attempt);
    SeededRng b(attempt);
    CHECK(retry_delay(policy, attempt, std::nullopt, a) == full_jitter(policy, attempt, b));
  }
}

TEST_CASE("The retry delay honours Retry-After, even above the cap, up to 24 hours",
          "[sync][retry][delay]") {
  const BackoffPolicy policy;
  SeededRng rng(5);
  // Attempt 0 jitters within one second: the server's two minutes win.
  for (int i = 0; i < 50; ++i) CHECK(retry_delay(policy, 0, 120s, rng) == 120'000ms);
  // The server says two hours, above the 15-minute cap: honoured.
  CHECK(retry_delay(policy, 30, seconds{2 * 3600}, rng) == milliseconds{2 * 3600 * 1000});
  // Three days is clamped to 24 hours.
  CHECK(retry_delay(policy, 3, seconds{72 * 3600}, rng) == milliseconds{24 * 3600 * 1000});
  // A short Retry-After never shortens the backoff: the jitter can still be longer.
  bool jitter_won = false;
  for (int i = 0; i < 50; ++i) {
    const milliseconds delay = retry_delay(policy, 20, 1s, rng);
    CHECK(delay >= 1'000ms);
    CHECK(delay <= policy.cap);
    jitter_won = jitter_won || delay > 1'000ms;
  }
  CHECK(jitter_won);
  CHECK(retry_delay(policy, 0, 0s, rng) <= 1'000ms);
}

TEST_CASE("Start jitter spreads the first sync over the whole window", "[sync][retry][jitter]") {
  const BackoffPolicy policy;
  SeededRng rng(11);
  int low = 0;
  int high = 0;
  for (int i = 0; i < 1000; ++i) {
    const milliseconds delay = start_jitter(policy, rng);
    REQUIRE(delay >= 0ms);
    REQUIRE(delay <= policy.start_jitter_max);
    (delay * 2 < policy.start_jitter_max ? low : high) += 1;
  }
  CHECK(low > 300);
  CHECK(high > 300);
  const BackoffPolicy none{.start_jitter_max = 0ms};
  CHECK(start_jitter(none, rng) == 0ms);
}

#include "kiosk/sync/syncer.h"

#include <fmt/format.h>

#include "kiosk/core/file.h"
#include "kiosk/core/log.h"
#include "kiosk/core/version.h"

namespace kiosk::sync {
namespace {

using std::chrono::milliseconds;

std::vector<OutgoingItem> outgoing(std::span<const store::LeasedItem> items) {
  std::vector<OutgoingItem> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back({item.idempotency_key, item.transaction_json});
  return out;
}

// The stored code for a batch that was not delivered (kioskctl's actions switch on it).
store::FailureCode failure_code(BatchVerdict verdict) {
  switch (verdict) {
    case BatchVerdict::PauseCredentials:
      return store::FailureCode::Credentials;
    case BatchVerdict::PauseEndpoint:
      return store::FailureCode::Endpoint;
    case BatchVerdict::Bisect:
      return store::FailureCode::Rejected;
    case BatchVerdict::Split:
      return store::FailureCode::TooLarge;
    case BatchVerdict::PerItem:
    case BatchVerdict::RetryLater:
      return store::FailureCode::RetryLater;
  }
  return store::FailureCode::RetryLater;
}

std::string snippet(std::string_view body) {
  std::string s(body.substr(0, 200));
  for (char& ch : s)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return s;
}

}  // namespace

Result<std::string> read_token(const std::filesystem::path& file) {
  auto text = read_text_file(file);
  if (!text)
    return fail(Errc::NotFound, fmt::format("{}: no token; run kioskctl enroll", file.string()));
  const auto first = text->find_first_not_of(" \t\r\n");
  const auto last = text->find_last_not_of(" \t\r\n");
  if (first == std::string::npos)
    return fail(Errc::NotFound, fmt::format("{}: the token file is empty", file.string()));
  return text->substr(first, last - first + 1);
}

Syncer::Syncer(store::Outbox& outbox, SyncSettings settings, const Clock& clock, Rng& rng)
    : outbox_(outbox),
      settings_(std::move(settings)),
      clock_(clock),
      rng_(rng),
      client_(settings_.http) {}

Result<PassReport> Syncer::run_pass(bool forced) {
  PassReport report;
  const auto lease_for =
      std::chrono::duration_cast<std::chrono::seconds>(settings_.http.total_timeout) +
      std::chrono::seconds(30);
  std::int64_t cursor = 0;
  for (;;) {
    auto batch =
        outbox_.queue().lease(settings_.max_items, settings_.max_bytes, forced, lease_for, cursor);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) break;
    cursor = batch->back().id;
    auto flow = deliver(*batch, report);
    if (!flow) return std::unexpected(flow.error());
    if (report.paused) break;
    if (*flow == Flow::Stop && !forced) break;
  }
  return report;
}

net::HttpResult Syncer::post_batch(std::span<const store::LeasedItem> items) {
  const auto sent = outgoing(items);
  net::HttpRequest request{
      "POST",
      settings_.base_url + "/v1/transactions:batch",
      {{"Authorization", "Bearer " + settings_.token}, {"Content-Type", "application/json"}},
      build_batch_body(settings_.kiosk_id, sent)};
  auto result = client_.perform(request);
  note_date(result);
  return result;
}

void Syncer::note_date(const net::HttpResult& result) {
  if (!result) return;
  const auto date = result->header("Date");
  if (!date) return;
  if (auto when = net::parse_http_date(*date); when) {
    if (auto saved = outbox_.clock_floor().record_server_date(*when); !saved)
      log::warn("sync", "cannot save the backend's Date: {}", saved.error().message);
  }
}

Result<Syncer::Flow> Syncer::deliver(std::span<const store::LeasedItem> items, PassReport& report) {
  ++report.requests;
  const auto result = post_batch(items);
  Decision decision = classify(result, clock_.wall_now());
  std::vector<ItemResult> results;
  if (decision.verdict == BatchVerdict::PerItem) {
    auto parsed = parse_batch_response(result->body, outgoing(items));
    if (parsed) {
      results = std::move(*parsed);
    } else {  // a 200 we cannot read: the outcome is unknown, resend the same bytes
      decision = {BatchVerdict::RetryLater, std::nullopt,
                  "unreadable answer: " + parsed.error().message};
    }
  }
  switch (decision.verdict) {
    case BatchVerdict::PerItem:
      if (auto applied = apply_results(items, results, report); !applied)
        return std::unexpected(applied.error());
      return Flow::Continue;
    case BatchVerdict::Bisect:
    case BatchVerdict::Split:
      return halve(items, report, decision);
    case BatchVerdict::PauseCredentials:
    case BatchVerdict::PauseEndpoint:
      log::error("sync", "delivery paused: {}; operator action needed", decision.reason);
      report.paused = decision;
      if (auto s = reschedule_all(items, decision, settings_.pause_retry, report); !s)
        return std::unexpected(s.error());
      return Flow::Stop;
    case BatchVerdict::RetryLater:
      break;
  }
  log::warn("sync", "batch of {} not delivered ({}); will retry", items.size(), decision.reason);
  report.backoff = decision;
  if (auto s = reschedule_all(items, decision, milliseconds(-1), report); !s)
    return std::unexpected(s.error());
  return Flow::Stop;
}

// 400 finds the bad item by halving; 413 halves until each part fits.
Result<Syncer::Flow> Syncer::halve(std::span<const store::LeasedItem> items, PassReport& report,
                                   const Decision& why) {
  if (items.size() == 1) {
    const auto body = why.verdict == BatchVerdict::Split ? std::string("too large for the backend")
                                                         : std::string("refused by the backend");
    const auto reason = fmt::format("{}: {}", why.reason, body);
    log::error("sync", "item {} dead-lettered: {}", items.front().id, reason);
    const auto code = why.verdict == BatchVerdict::Split ? store::FailureCode::TooLarge
                                                         : store::FailureCode::Rejected;
    if (auto dead = outbox_.queue().mark_dead(items.front().id, {code, reason}); !dead)
      return std::unexpected(dead.error());
    ++report.dead;
    return Flow::Continue;
  }
  const auto mid = items.size() / 2;
  auto flow = deliver(items.first(mid), report);
  if (flow && *flow == Flow::Stop) {
    // The backend is busy or delivery paused: the unsent half waits with the sent one.
    const bool paused = report.paused.has_value();
    const Decision& stop = paused ? *report.paused : *report.backoff;
    if (auto s = reschedule_all(items.subspan(mid), stop,
                                paused ? settings_.pause_retry : milliseconds(-1), report);
        !s)
      return std::unexpected(s.error());
    return Flow::Stop;
  }
  if (!flow) return flow;
  return deliver(items.subspan(mid), report);
}

Status Syncer::apply_results(std::span<const store::LeasedItem> items,
                             const std::vector<ItemResult>& results, PassReport& report) {
  auto txn = outbox_.begin();
  if (!txn) return std::unexpected(txn.error());
  auto queue = outbox_.queue();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& r = results[i];
    Status s = r.status == ItemStatus::Rejected
                   ? queue.mark_dead(items[i].id, {store::FailureCode::Rejected,
                                                   fmt::format("rejected: {}: {}", r.error_code,
                                                               snippet(r.error_message))})
                   : queue.mark_delivered(items[i].id, r.backend_ref);
    if (!s) return s;  // the guard rolls back
    ++(r.status == ItemStatus::Rejected ? report.dead : report.delivered);
  }
  return txn->commit();  // a failed COMMIT rolls back too
}

// A negative fixed_delay means "back off by each item's attempt count".
Status Syncer::reschedule_all(std::span<const store::LeasedItem> items, const Decision& why,
                              milliseconds fixed_delay, PassReport& report) {
  auto txn = outbox_.begin();
  if (!txn) return std::unexpected(txn.error());
  auto queue = outbox_.queue();
  const store::Failure failure{failure_code(why.verdict), why.reason};
  for (const auto& item : items) {
    const auto delay = fixed_delay.count() >= 0
                           ? fixed_delay
                           : retry_delay(settings_.backoff, static_cast<unsigned>(item.attempts),
                                         why.retry_after, rng_);
    if (auto s = queue.reschedule(item.id, delay, failure); !s) return s;  // the guard rolls back
    ++report.rescheduled;
  }
  return txn->commit();
}

}  // namespace kiosk::sync

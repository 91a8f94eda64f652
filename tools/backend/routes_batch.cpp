// POST /v1/transactions:batch (contract §1).
#include <fmt/format.h>

#include "kiosk/core/log.h"
#include "tools/backend/answers.h"
#include "tools/backend/batch.h"
#include "tools/backend/connection_drop.h"
#include "tools/backend/server.h"

namespace kiosk::backend {
namespace {

using nlohmann::json;

std::vector<PreparedItem> prepare(const BatchRequest& batch) {
  std::vector<PreparedItem> items;
  items.reserve(batch.items.size());
  for (const BatchItem& item : batch.items) {
    PreparedItem prepared;
    prepared.idempotency_key = item.idempotency_key;
    prepared.canonical = canonical_bytes(item.transaction);
    prepared.sha256 = sha256_hex(prepared.canonical);
    prepared.invalid = validate_transaction(item.transaction);
    if (!prepared.invalid) {
      prepared.receipt_no = item.transaction["receipt_no"].get<std::string>();
      prepared.test = item.transaction["test"].get<bool>();
    }
    items.push_back(std::move(prepared));
  }
  return items;
}

json result_json(const std::string& key, const ItemResult& result) {
  static constexpr std::string_view kNames[] = {"accepted", "duplicate", "rejected"};
  json out = {{"idempotency_key", key}, {"status", kNames[static_cast<int>(result.outcome)]}};
  if (result.outcome == Outcome::Rejected) {
    out["error"] = {{"code", result.error.code}, {"message", result.error.message}};
  } else {
    out["backend_ref"] = result.backend_ref;
  }
  return out;
}

void drop(const httplib::Request& req, std::string_view note) {
  note_outcome(drop_connection(req) ? note : "drop-failed");
}

}  // namespace

void Backend::handle_batch(const Request& req, Response& res) {
  ++batch_requests_;
  const FaultSettings faults = faults_.settings();
  if (faults.status_override != 0) {
    if (faults.status_override == 429 || faults.status_override == 503) {
      set_retry_after(res, faults.retry_after_s);
    }
    answer_error(res, faults.status_override, "status_override",
                 fmt::format("fault: every batch is answered {}", faults.status_override));
    return;
  }
  // httplib refuses a longer Content-Length itself; a chunked body is only measured here.
  if (req.body.size() > kMaxBatchBodyBytes) {
    answer_error(res, 413, "too_large", "a batch body holds at most 1 MiB");
    return;
  }
  const BatchFault fault = faults_.roll_batch();
  if (answer_batch_fault(req, res, fault, faults)) return;
  store_and_answer(req, res);
  if (fault == BatchFault::CommitThenDrop && res.status == 200) {
    ++dropped_;
    drop(req, "committed-then-dropped");
  }
}

// The faults that replace the answer; false when the batch is to be stored.
bool Backend::answer_batch_fault(const Request& req, Response& res, BatchFault fault,
                                 const FaultSettings& faults) {
  switch (fault) {
    case BatchFault::Drop:
      ++dropped_;
      res.status = 500;  // never sent: the socket is already shut down
      drop(req, "dropped");
      return true;
    case BatchFault::TooManyRequests:
      set_retry_after(res, faults.retry_after_s);
      answer_error(res, 429, "rate_limited", "fault: too many requests");
      return true;
    case BatchFault::Unavailable:
      set_retry_after(res, faults.retry_after_s);
      answer_error(res, 503, "unavailable", "fault: service unavailable");
      return true;
    case BatchFault::ServerError:
      answer_error(res, 500, "internal", "fault: internal server error");
      return true;
    case BatchFault::None:
    case BatchFault::CommitThenDrop:
      return false;
  }
  return false;
}

void Backend::store_and_answer(const Request& req, Response& res) {
  auto batch = parse_batch(req.body);
  if (!batch) {
    answer_error(res, 400, "bad_request", batch.error().message);
    return;
  }
  note_items(batch->items.size());
  const std::vector<PreparedItem> items = prepare(*batch);
  auto results = store_->store_batch(batch->kiosk_id, items);
  if (!results) {
    // Nothing was stored: the kiosk resends the same keys later (5xx = retry).
    log::error("backend", "storing a batch failed: {}", results.error().message);
    answer_error(res, 503, "storage_unavailable", "the backend could not store the batch");
    return;
  }
  json out = json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ItemResult& result = (*results)[i];
    ++(result.outcome == Outcome::Accepted    ? accepted_
       : result.outcome == Outcome::Duplicate ? duplicates_
                                              : rejected_);
    out.push_back(result_json(items[i].idempotency_key, result));
  }
  answer_json(res, 200, {{"results", std::move(out)}});
}

}  // namespace kiosk::backend

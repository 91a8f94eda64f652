// Bodies of POST /v1/transactions:batch (../shared/contracts/backend-api.md section 1):
// building the request exactly, and checking the 200 answer against what was sent.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::sync {

struct OutgoingItem {
  std::string idempotency_key;
  std::string transaction_json;  // exact bytes, as committed locally
};

// {"kiosk_id":"…","items":[{"idempotency_key":"…","transaction":<transaction_json verbatim>}]}
// transaction_json is spliced in byte for byte, never re-serialised (queue.md D1: every
// retry resends byte-identical bytes), so it must already be one JSON value; the outbox
// checks that at enqueue. kiosk_id and keys are JSON-escaped; their UTF-8 is not checked.
std::string build_batch_body(std::string_view kiosk_id, std::span<const OutgoingItem> items);

// The contract's limits for one request: 1 to 500 items, body at most 1 MiB.
inline constexpr std::size_t kMaxBatchItems = 500;
inline constexpr std::size_t kMaxBatchBytes = 1u << 20;

// Size of the batch body build_batch_body would produce, without building it (for packing).
std::size_t batch_body_size(std::string_view kiosk_id, std::span<const OutgoingItem> items);

enum class ItemStatus { Accepted, Duplicate, Rejected };

std::string_view to_string(ItemStatus status);

struct ItemResult {
  std::string idempotency_key;
  ItemStatus status;
  std::string backend_ref;
  std::string error_code;  // when rejected (e.g. "key_reuse"); empty if the backend gave none
  std::string error_message;
};

// The longest string accepted in an answer (keys, refs, error code and message).
inline constexpr std::size_t kMaxAnswerString = 1024;

// Validates the 200 answer against what was sent: valid JSON object with "results" array,
// each entry has a sent key, a known status; every sent key answered exactly once; strings
// bounded (kMaxAnswerString). Unknown extra fields are ignored (a newer backend may add
// some). Anything else -> Errc::Corrupt with a reason (the caller retries: outcome unknown).
// Results come back in the order of `sent`. Never throws.
Result<std::vector<ItemResult>> parse_batch_response(std::string_view body,
                                                     std::span<const OutgoingItem> sent);

}  // namespace kiosk::sync

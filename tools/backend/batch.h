// POST /v1/transactions:batch, the request side (contract §1): parsing the envelope, the
// per-item validation of the fields the backend relies on, and the canonical bytes the
// idempotency check compares.
//
//  [X] Envelope: JSON object, kiosk_id, 1..500 items, each with idempotency_key and a
//      transaction object; anything else is a malformed request (whole-request 400)
//  [X] Transaction fields: txn_id, receipt_no, service_id, created_at (RFC 3339), status
//      (+ failure_reason when failed), amount_paise/fee_paise, test, payment.mode,
//      applicant.aadhaar_masked
//  [X] No full Aadhaar number: a 12-digit run anywhere but txn_id (a UUID) and payment.ref
//      (a UPI UTR) is refused as full_aadhaar — the kiosk's own rule (kiosk/qr)
//  [X] Canonical bytes: nlohmann's dump() of the parsed value (keys sorted, no spaces)
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::backend {

constexpr std::size_t kMaxBatchItems = 500;          // contract §1: "1 to 500 items"
constexpr std::size_t kMaxBatchBodyBytes = 1 << 20;  // contract §1: "body at most 1 MiB"

struct BatchItem {
  std::string idempotency_key;
  nlohmann::json transaction;
};

struct BatchRequest {
  std::string kiosk_id;
  std::vector<BatchItem> items;
};

// Errc::InvalidInput with a message naming what is wrong: the answer is a whole-request 400
// (the kiosk then bisects the batch to find the bad item).
Result<BatchRequest> parse_batch(std::string_view body);

struct ItemError {
  std::string code;  // missing_field | invalid_field | full_aadhaar | key_reuse
  std::string message;
};

// Checks one transaction object; nullopt when the backend can store it.
std::optional<ItemError> validate_transaction(const nlohmann::json& transaction);

// kiosk::qr::contains_aadhaar_like_number: 12 digits in a row, or "dddd dddd dddd" /
// "dddd-dddd-dddd", ASCII or Devanagari. One implementation for the kiosk and the backend.
bool has_aadhaar_like_run(std::string_view text);

// The bytes the idempotency check hashes. The kiosk resends byte-identical JSON, but this
// server compares the parsed value re-serialised by nlohmann (object keys sorted, no
// whitespace), so a different but equivalent serialisation of the same transaction is a
// duplicate, not a key reuse.
std::string canonical_bytes(const nlohmann::json& transaction);

// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view bytes);

}  // namespace kiosk::backend

// A citizen transaction as the outbox stores and the backend receives it: the
// `transaction` object of POST /v1/transactions:batch (shared/contracts/backend-api.md §1).
//
//  [X] Serialised once, at commit; every retry resends those exact bytes
//  [X] Money in integer paise; times RFC 3339 with the +05:30 offset (India Standard Time)
//  [X] Applicant numbers arrive masked; a body holding anything shaped like an Aadhaar
//      number (12 digits, or 4+4+4 split by spaces or hyphens) is refused, so a full
//      Aadhaar number can never reach the disk or the backend through the outbox
//  [X] Idempotency keys are UUIDv7: time-ordered, so the UNIQUE index grows at its end
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/receipt/receipt_data.h"

namespace kiosk::store {

struct Applicant {
  std::string name;            // as typed; sealed at rest
  std::string mobile_masked;   // "XXXXXX3210" (kiosk::forms::mask_mobile)
  std::string aadhaar_masked;  // "XXXX XXXX 1234" (kiosk::forms::mask_aadhaar) or empty
};

struct Consent {
  std::string text_version;
  std::string language;
  std::string given_at;  // RFC 3339
};

// Print a receipt for this transaction: a print job committed with it (print_jobs.h).
struct ReceiptRequest {
  std::string printer;  // the devices entry
  std::string csc_id;
  std::string kiosk_id;
  std::string service_hi;
  std::string service_en;
  std::optional<receipt::BillDetails> bill = std::nullopt;  // bill payments: printed as is
};

struct NewTransaction {
  std::string txn_id;  // the payment intent's id (UPI `tr`), or made at commit when empty
  std::string service_id;
  bool completed = true;          // "completed" | "failed"
  std::string failure_reason;     // English: the transaction's `failure_reason` (contract)
  std::string failure_reason_hi;  // the same in Hindi, for the receipt only
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  bool test = false;                  // commissioning items only
  std::string payment_mode = "NONE";  // "UPI" | "CASH" | "NONE"
  std::string payment_ref;
  Applicant applicant;
  Consent consent;
  nlohmann::json fields = nlohmann::json::object();
  std::optional<ReceiptRequest> receipt;  // nullopt: no printer configured
};

// What the transaction became once committed: shown to the citizen only after COMMIT.
struct Committed {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string receipt_no;
  std::string txn_id;
  std::string created_at;
};

inline constexpr std::size_t kMaxTransactionBytes = 1u << 20;  // refused at enqueue

// "2026-11-28T17:05:09+05:30" and "20261128" in India Standard Time (no DST in India).
std::string rfc3339_ist(Clock::WallTime at);
std::string ist_date(Clock::WallTime at);
// Unix milliseconds, the outbox's stored form of wall times.
std::int64_t unix_ms(Clock::WallTime at);

// UUIDv7 (RFC 9562): 48-bit Unix milliseconds from `at`, the rest from libsodium.
std::string uuid_v7(Clock::WallTime at);

// Checks the fields the backend relies on and builds the exact JSON bytes.
Result<std::string> serialise(const NewTransaction& t, const Committed& c);

// True when the transaction holds anything that could be a full Aadhaar number
// (kiosk::qr::contains_aadhaar_like_number), outside its txn_id and payment.ref.
bool has_aadhaar_like_number(const nlohmann::ordered_json& transaction);

}  // namespace kiosk::store

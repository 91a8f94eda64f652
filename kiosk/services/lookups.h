// What the kiosk asks the backend on a citizen's behalf (contract §2): a biller's bill for a
// consumer number, and an application's status by its receipt number. The answers come
// from outside, so they are parsed strictly and fuzzed (tests/fuzz/bill_answer.fuzz.cpp,
// status_answer.fuzz.cpp).
//
//   [X] GET /v1/bills?biller_id=…&consumer_no=…       → Bill, or NotFound (404)
//   [X] GET /v1/transactions/{receipt_no}             → ApplicationStatus, or NotFound
//   [X] transport errors, 401/403/429/5xx             → Unreachable (nothing is charged)
//   [X] a 200 that does not parse                     → BadAnswer (the citizen hears
//                                                        "cannot fetch now"; the log says which)
//   [X] the consumer number is personal: never logged, only its length
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/net/http_client.h"

namespace kiosk::services {

inline constexpr std::size_t kMaxLookupAnswerBytes = 64u << 10;

struct Bill {
  std::string bill_no;
  std::string consumer_name;  // as the biller has it; masked before it reaches the core
  std::int64_t amount_paise = 0;
  std::string due_date;  // "YYYY-MM-DD"
  std::string biller_ref;
  bool operator==(const Bill&) const = default;
};

// A 200 body of GET /v1/bills. InvalidInput when: not a JSON object of at most 64 KiB; a
// key is missing or of the wrong type; bill_no or biller_ref is empty, over 64 characters
// or not printable ASCII, or holds what could be an Aadhaar number (the transaction would
// be refused at commit, after the citizen paid); consumer_name is empty, over 120
// codepoints or not UTF-8; amount_paise is below 0 or above ₹1 crore; due_date is not a
// real date.
Result<Bill> parse_bill_answer(std::string_view json);

struct ApplicationStatus {
  std::string receipt_no;
  std::string status;      // received | in_process | approved | rejected | delivered
  std::string updated_at;  // RFC 3339, as the backend gave it
  std::string note;        // at most 500 codepoints; may be empty
  bool operator==(const ApplicationStatus&) const = default;
};

// A 200 body of GET /v1/transactions/{receipt_no}, which must be about `asked`.
Result<ApplicationStatus> parse_status_answer(std::string_view json, std::string_view asked);

enum class LookupFailure { NotFound, Unreachable, BadAnswer };
std::string_view to_string(LookupFailure failure);

// One HTTP client, so one thread at a time (the lookup worker's).
class LookupClient {
 public:
  LookupClient(net::HttpOptions options, std::string base_url);
  std::expected<Bill, LookupFailure> fetch_bill(std::string_view biller_id,
                                                std::string_view consumer_no,
                                                const std::string& token);
  std::expected<ApplicationStatus, LookupFailure> look_up_status(std::string_view receipt_no,
                                                                 const std::string& token);

 private:
  // The body of a 200, or why there is none.
  std::expected<std::string, LookupFailure> get(const std::string& url, const std::string& token,
                                                std::string_view what);
  net::HttpClient http_;
  std::string base_url_;
};

}  // namespace kiosk::services

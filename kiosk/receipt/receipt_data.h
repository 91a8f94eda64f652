// What a receipt prints, as plain values: the print job keeps them (JSON) beside the
// transaction, because retention later drops transaction bodies. No text engine here.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"

namespace kiosk::receipt {

struct BillDetails {
  std::string bill_no;
  std::string biller_ref;
  std::string consumer_no;
};

// Everything printed. Citizen fields arrive masked (kiosk/forms/masks.h): the
// receipt never sees a full Aadhaar or mobile number.
struct ReceiptData {
  std::string csc_id;
  std::string kiosk_id;
  std::string service_hi;
  std::string service_en;
  std::string receipt_no;
  Clock::WallTime at;
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  std::string payment_mode;  // UPI, CASH, NONE
  std::string payment_ref;
  std::string applicant_masked;  // "R***** K****"
  std::string mobile_masked;     // "XXXXXX3210"
  std::string aadhaar_masked;    // "XXXX XXXX 1234"
  bool completed = true;
  std::string reason_hi;  // why it failed, when it did
  std::string reason_en;
  std::optional<BillDetails> bill;
};

// The stored form. receipt_from_json refuses anything that is not a receipt's fields, and any
// 12-digit run (a full Aadhaar number never reaches a print job).
nlohmann::json to_json(const ReceiptData& data);
Result<ReceiptData> receipt_from_json(const nlohmann::json& j);

}  // namespace kiosk::receipt

// The one sample transaction the tests and benches use (the store, delivery, crash and
// privacy tests, the backend tests' contract payload, bench/outbox and bench/drain).
// Everything in it is already masked, as the journey hands it over.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/receipt/receipt_data.h"
#include "kiosk/store/transaction.h"

namespace kiosk::testing {

// `n` varies the amount, so rows in a backlog differ.
inline store::NewTransaction sample_transaction(std::string name = "Sita Devi",
                                                std::int64_t n = 0) {
  store::NewTransaction t;
  t.service_id = "cg.edistrict.income_certificate";
  t.amount_paise = 3000 + n;
  t.fee_paise = 1000;
  t.payment_mode = "UPI";
  t.payment_ref = "412345678901";  // a UTR: 12 digits, and allowed (it is not an Aadhaar number)
  t.applicant = {std::move(name), "XXXXXX3210", "XXXX XXXX 1234"};
  t.consent = {"v1", "hi", "2026-11-28T17:04:30+05:30"};
  t.fields = {{"purpose", "scholarship"}};
  return t;
}

// The sample with a receipt asked of the printer `receipt_printer` (the print job tests).
inline store::NewTransaction sample_transaction_with_receipt(std::string name = "Ramesh Kumar") {
  auto t = sample_transaction(std::move(name));
  t.receipt = store::ReceiptRequest{"receipt_printer", "123456789012", "CG-RPR-0042",
                                    "आय प्रमाण पत्र", "Income certificate"};
  return t;
}

// The same sample as the contract's transaction JSON (contract §1), as the kiosk sends it.
inline nlohmann::json sample_contract_transaction(const std::string& receipt_no,
                                                  const std::string& name = "रमेश कुमार") {
  const store::Committed committed{0, "", receipt_no, "TXN-" + receipt_no,
                                   "2026-11-28T17:05:09+05:30"};
  auto body = store::serialise(sample_transaction(name), committed);
  return body ? nlohmann::json::parse(*body) : nlohmann::json();
}

// The sample receipt (tests/receipt, bench/receipt*): Hindi + English, UPI, masked.
inline receipt::ReceiptData sample_receipt() {
  receipt::ReceiptData d;
  d.csc_id = "123456789012";
  d.kiosk_id = "CG-RPR-0042";
  d.service_hi = "आय प्रमाण पत्र";
  d.service_en = "Income certificate";
  d.receipt_no = "CG-RPR-0042-20261203-000017";
  // 2026-12-03 08:35 UTC is 14:05 IST.
  d.at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + std::chrono::hours(8) +
         std::chrono::minutes(35);
  d.amount_paise = 3000;
  d.fee_paise = 1000;
  d.payment_mode = "UPI";
  d.payment_ref = "412345678901";
  d.applicant_masked = "R***** K****";
  d.aadhaar_masked = "XXXX XXXX 0124";
  return d;
}

}  // namespace kiosk::testing

#include "kiosk/receipt/test_receipt.h"

#include "kiosk/store/transaction.h"

namespace kiosk::receipt {

std::string test_receipt_number(const std::string& kiosk_id, Clock::WallTime at) {
  // A kiosk not yet enrolled has no id, and a printer to commission all the same.
  return (kiosk_id.empty() ? "UNENROLLED" : kiosk_id) + "-" + store::ist_date(at) + "-000000";
}

ReceiptData test_receipt(const std::string& csc_id, const std::string& kiosk_id,
                         Clock::WallTime at) {
  ReceiptData r;
  r.csc_id = csc_id;
  r.kiosk_id = kiosk_id;
  r.service_hi = "परीक्षण रसीद: प्रिंटर की जाँच";
  r.service_en = "Test receipt: printer check";
  r.receipt_no = test_receipt_number(kiosk_id, at);
  r.at = at;
  r.payment_mode = "NONE";
  return r;
}

}  // namespace kiosk::receipt

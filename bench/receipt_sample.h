// The receipt the receipt benchmarks measure: Hindi + English, UPI, masked applicant.
#pragma once

#include "kiosk/devices/device_port.h"
#include "kiosk/receipt/receipt.h"

namespace bench {

inline kiosk::text::Engine& engine() {
  static auto e = kiosk::text::Engine::create(
      {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
       "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"});
  return **e;
}

inline kiosk::receipt::ReceiptData sample() {
  kiosk::receipt::ReceiptData d;
  d.csc_id = "123456789012";
  d.kiosk_id = "CG-RPR-0042";
  d.service_hi = "आय प्रमाण पत्र";
  d.service_en = "Income certificate";
  d.receipt_no = "CG-RPR-0042-20261203-000017";
  d.at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3};
  d.amount_paise = 3000;
  d.fee_paise = 1000;
  d.payment_mode = "UPI";
  d.payment_ref = "412345678901";
  d.applicant_masked = "R***** K****";
  d.aadhaar_masked = "XXXX XXXX 0124";
  return d;
}

// The 384-dot raster of sample(), as the print worker hands it to the port.
inline kiosk::devices::PrintImage sample_image() {
  auto bitmap = kiosk::receipt::layout_receipt(engine(), sample(), 384);
  return {1, bitmap->width, bitmap->height, bitmap->bits};
}

}  // namespace bench

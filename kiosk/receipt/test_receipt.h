// The test receipt `kioskctl print-test` prints: Hindi and English text and a QR, so one
// strip of paper shows that shaping, the raster and the cutter all work. It is no
// citizen's receipt: sequence 000000, which the receipt counter never gives out, amount
// and fee zero, and it is never stored as a print job.
#pragma once

#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/receipt/receipt_data.h"

namespace kiosk::receipt {

// "CG-RPR-0042-20261203-000000": today's (IST) test receipt number of this kiosk
// ("UNENROLLED-…" before enrolment).
std::string test_receipt_number(const std::string& kiosk_id, Clock::WallTime at);

ReceiptData test_receipt(const std::string& csc_id, const std::string& kiosk_id,
                         Clock::WallTime at);

}  // namespace kiosk::receipt

// The printed receipt: what it says (receipt_lines) and the 1-bit raster a receipt printer
// prints (layout_receipt), 384 dots (58 mm) or 576 dots (80 mm) wide at 203 dpi. Built with
// the text engine, so Hindi is shaped (conjuncts, matras) and never needs a code page.
//
//  [X] CSC and kiosk ids, the service in Hindi and English, receipt number, date-time in IST
//  [X] amount, service charge and total in ₹, as separate figures
//  [X] payment mode and reference; the applicant masked (only masked values come in)
//  [X] completed or failed, with the reason in both languages (a failed one gets a receipt)
//  [X] bill number, biller reference and consumer number for bill payments
//  [X] a QR of the receipt number (csckiosk:r1:…), decodable from the raster itself
//  [X] plain documents of text lines (layout_lines: the day-end report), no QR
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"
#include "kiosk/devices/device_port.h"
#include "kiosk/receipt/receipt_data.h"
#include "kiosk/text/engine.h"

namespace kiosk::receipt {

// "03-12-2026 14:05 IST": the date and time a citizen reads, in India Standard Time.
std::string ist_text(Clock::WallTime at);
// "₹30.00"
std::string rupees(std::int64_t paise);

// The receipt's text, top to bottom, one entry per printed line (before wrapping).
std::vector<std::string> receipt_lines(const ReceiptData& data);

// Where the receipt-number QR comes from: drawn in the raster (every printer), or printed
// by the printer's own QR command under it (a model that declares GS ( k).
enum class QrIn { Raster, Printer };

// The whole receipt as one raster `width_dots` wide (384 or 576; InvalidInput otherwise),
// text lines then the receipt-number QR, with margins a cutter does not eat. With
// QrIn::Printer the raster ends after the text: the QR and the margin follow it on paper.
Result<text::MonoBitmap> layout_receipt(text::Engine& engine, const ReceiptData& data,
                                        int width_dots, QrIn qr_in = QrIn::Raster);

// A plain document (the day-end report): `lines` top to bottom, each wrapped to the paper,
// in the receipt's body size, then the blank paper a cutter needs; no QR. InvalidInput
// unless `width_dots` is 384 or 576.
Result<text::MonoBitmap> layout_lines(text::Engine& engine, const std::vector<std::string>& lines,
                                      int width_dots);
// That document as the printer gets it.
Result<devices::PrintImage> lines_image(text::Engine& engine, const std::vector<std::string>& lines,
                                        int width_dots, std::int64_t job_id);

// What the printer gets for one receipt: the layout, and the QR payload when the printer
// prints the QR itself (`native_qr`, options.native_qr of its entry).
Result<devices::PrintImage> receipt_image(text::Engine& engine, const ReceiptData& data,
                                          int width_dots, bool native_qr, std::int64_t job_id);

}  // namespace kiosk::receipt

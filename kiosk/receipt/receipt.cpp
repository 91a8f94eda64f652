#include "kiosk/receipt/receipt.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "kiosk/qr/qr_generate.h"
#include "kiosk/qr/receipt_qr.h"
#include "kiosk/qr/upi.h"

namespace kiosk::receipt {

namespace {

constexpr float kBodyPx = 24;  // 3 mm at 203 dpi: readable, fits 32 Latin chars on 58 mm
constexpr float kTitlePx = 30;
constexpr int kLineGapDots = 4;
constexpr int kTailDots = 96;  // blank paper before the cut, so the QR is not cut through

void append_rows(text::MonoBitmap& into, const text::MonoBitmap& rows) {
  into.bits.insert(into.bits.end(), rows.bits.begin(), rows.bits.end());
  into.height += rows.height;
}

void append_blank(text::MonoBitmap& into, int rows) {
  into.bits.resize(into.bits.size() + static_cast<std::size_t>(rows * into.stride), 0);
  into.height += rows;
}

// A QR raster (its own width) centred on a full-width strip.
void append_centred(text::MonoBitmap& into, const qr::MonoRaster& qr) {
  const int left_bytes = std::max(0, (into.stride - qr.stride) / 2);
  for (int y = 0; y < qr.height; ++y) {
    std::vector<std::uint8_t> row(static_cast<std::size_t>(into.stride), 0);
    std::copy_n(qr.bits.begin() + static_cast<std::ptrdiff_t>(y) * qr.stride,
                std::min(qr.stride, into.stride - left_bytes), row.begin() + left_bytes);
    into.bits.insert(into.bits.end(), row.begin(), row.end());
    ++into.height;
  }
}

}  // namespace

std::string ist_text(Clock::WallTime at) {
  using namespace std::chrono;
  const auto ist = floor<minutes>(at) + hours(5) + minutes(30);
  const auto day = floor<days>(ist);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ist - day};
  return fmt::format("{:02}-{:02}-{:04} {:02}:{:02} IST", static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                     hms.hours().count(), hms.minutes().count());
}

std::string rupees(std::int64_t paise) {
  return "\u20B9" + qr::rupees_from_paise(paise);  // the one paise-to-rupees formatting
}

namespace {
// How it was paid, in words a citizen reads: nothing to pay says so, not "NONE".
std::string payment_line(const ReceiptData& d) {
  if (d.payment_mode == "NONE") return "भुगतान / Payment: निःशुल्क / Free";
  const std::string mode = d.payment_mode == "CASH" ? "नकद / Cash" : d.payment_mode;
  return fmt::format("भुगतान / Paid by: {}{}", mode,
                     d.payment_ref.empty() ? "" : " " + d.payment_ref);
}
}  // namespace

std::vector<std::string> receipt_lines(const ReceiptData& d) {
  std::vector<std::string> lines{
      "सामान्य सेवा केंद्र / Common Services Centre",
      fmt::format("CSC {}  Kiosk {}", d.csc_id.empty() ? "-" : d.csc_id, d.kiosk_id),
      d.service_hi,
      d.service_en,
      fmt::format("रसीद / Receipt: {}", d.receipt_no),
      ist_text(d.at),
      fmt::format("राशि / Amount: {}", rupees(d.amount_paise)),
      fmt::format("सेवा शुल्क / Service charge: {}", rupees(d.fee_paise)),
      fmt::format("कुल / Total: {}", rupees(d.amount_paise + d.fee_paise)),
      payment_line(d),
  };
  if (!d.applicant_masked.empty()) lines.push_back("आवेदक / Applicant: " + d.applicant_masked);
  if (!d.mobile_masked.empty()) lines.push_back("मोबाइल / Mobile: " + d.mobile_masked);
  if (!d.aadhaar_masked.empty()) lines.push_back("आधार / Aadhaar: " + d.aadhaar_masked);
  if (d.bill) {
    lines.push_back("बिल / Bill no: " + d.bill->bill_no);
    lines.push_back("बिलर / Biller ref: " + d.bill->biller_ref);
    lines.push_back("उपभोक्ता / Consumer no: " + d.bill->consumer_no);
  }
  if (d.completed) {
    lines.push_back("स्थिति / Status: पूर्ण / Completed");
  } else {
    lines.push_back("स्थिति / Status: असफल / Failed");
    if (!d.reason_hi.empty()) lines.push_back("कारण: " + d.reason_hi);
    if (!d.reason_en.empty()) lines.push_back("Reason: " + d.reason_en);
  }
  return lines;
}

namespace {

Status check_width(int width_dots) {
  if (width_dots == 384 || width_dots == 576) return {};
  return fail(Errc::InvalidInput,
              fmt::format("receipt width must be 384 or 576 dots, not {}", width_dots));
}

// One printed line (wrapped by the engine) and the gap under it. The printable width is the
// dot count itself (58 mm paper prints 48 mm: 384 dots).
void append_line(text::Engine& engine, text::MonoBitmap& out, std::string_view line, float px,
                 text::Align align) {
  const auto layout = engine.layout(line, {px, static_cast<float>(out.width), align});
  append_rows(out, engine.render_mono(*layout, out.width));
  append_blank(out, kLineGapDots);
}

}  // namespace

Result<text::MonoBitmap> layout_receipt(text::Engine& engine, const ReceiptData& data,
                                        int width_dots, QrIn qr_in) {
  if (auto ok = check_width(width_dots); !ok) return std::unexpected(ok.error());
  text::MonoBitmap out{width_dots, 0, width_dots / 8, {}};
  const auto lines = receipt_lines(data);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool title = i == 2 || i == 3;  // the service's name
    append_line(engine, out, lines[i], title ? kTitlePx : kBodyPx,
                i < 2 || title ? text::Align::Center : text::Align::Left);
  }
  auto payload = qr::build_receipt_qr(data.receipt_no);
  if (!payload) return std::unexpected(payload.error());
  if (qr_in == QrIn::Printer) return out;
  auto qr = qr::qr_raster(*payload, std::min(width_dots, 256));
  if (!qr) return std::unexpected(qr.error());
  append_blank(out, kLineGapDots * 4);
  append_centred(out, *qr);
  append_blank(out, kTailDots);
  return out;
}

Result<text::MonoBitmap> layout_lines(text::Engine& engine, const std::vector<std::string>& lines,
                                      int width_dots) {
  if (auto ok = check_width(width_dots); !ok) return std::unexpected(ok.error());
  text::MonoBitmap out{width_dots, 0, width_dots / 8, {}};
  for (const auto& line : lines) append_line(engine, out, line, kBodyPx, text::Align::Left);
  append_blank(out, kTailDots);  // the last line clear of the cutter
  return out;
}

Result<devices::PrintImage> lines_image(text::Engine& engine, const std::vector<std::string>& lines,
                                        int width_dots, std::int64_t job_id) {
  auto image = layout_lines(engine, lines, width_dots);
  if (!image) return std::unexpected(image.error());
  return devices::PrintImage{job_id, image->width, image->height, std::move(image->bits)};
}

Result<devices::PrintImage> receipt_image(text::Engine& engine, const ReceiptData& data,
                                          int width_dots, bool native_qr, std::int64_t job_id) {
  auto image = layout_receipt(engine, data, width_dots, native_qr ? QrIn::Printer : QrIn::Raster);
  if (!image) return std::unexpected(image.error());
  devices::PrintImage print{job_id, image->width, image->height, std::move(image->bits)};
  if (native_qr) print.qr_payload = *qr::build_receipt_qr(data.receipt_no);  // laid out: valid
  return print;
}

}  // namespace kiosk::receipt

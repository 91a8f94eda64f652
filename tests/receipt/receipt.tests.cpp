// The receipt's content and raster: the two price figures apart, masked citizen fields,
// failed receipts with reasons, and a QR that decodes from the printed dots themselves.
#include "kiosk/receipt/receipt.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "drivers/printer/escpos.h"
#include "kiosk/core/image.h"
#include "kiosk/qr/image_decode.h"
#include "tests/support/fonts.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::receipt;

namespace {

ReceiptData sample() {
  return testing::sample_receipt();
}

bool has_line(const std::vector<std::string>& lines, std::string_view text) {
  return std::ranges::any_of(lines, [&](const std::string& l) { return l == text; });
}

// The receipt QR read back from the raster, as a phone camera reads the paper.
std::string qr_of(const text::MonoBitmap& bitmap) {
  std::vector<std::uint8_t> grey(static_cast<std::size_t>(bitmap.width * bitmap.height));
  for (int y = 0; y < bitmap.height; ++y)
    for (int x = 0; x < bitmap.width; ++x)
      grey[static_cast<std::size_t>(y * bitmap.width + x)] = bitmap.black(x, y) ? 0 : 255;
  auto symbols = qr::decode_grey(grey, bitmap.width, bitmap.height, bitmap.width);
  return symbols && symbols->size() == 1 ? symbols->front().text : std::string();
}

}  // namespace

TEST_CASE("A receipt shows the amount, the service charge and the total apart, in IST",
          "[receipt][content]") {
  const auto lines = receipt_lines(sample());
  CHECK(has_line(lines, "राशि / Amount: ₹30.00"));
  CHECK(has_line(lines, "सेवा शुल्क / Service charge: ₹10.00"));
  CHECK(has_line(lines, "कुल / Total: ₹40.00"));
  CHECK(has_line(lines, "03-12-2026 14:05 IST"));
  CHECK(has_line(lines, "CSC 123456789012  Kiosk CG-RPR-0042"));
  CHECK(has_line(lines, "आय प्रमाण पत्र"));
  CHECK(has_line(lines, "Income certificate"));
  CHECK(has_line(lines, "रसीद / Receipt: CG-RPR-0042-20261203-000017"));
  CHECK(has_line(lines, "भुगतान / Paid by: UPI 412345678901"));
  auto cash = sample();
  cash.payment_mode = "CASH";
  cash.payment_ref = "";
  CHECK(has_line(receipt_lines(cash), "भुगतान / Paid by: नकद / Cash"));
  auto free = sample();
  free.payment_mode = "NONE";
  free.payment_ref = "";
  CHECK(has_line(receipt_lines(free), "भुगतान / Payment: निःशुल्क / Free"));
  CHECK(has_line(lines, "आवेदक / Applicant: R***** K****"));
  CHECK(has_line(lines, "आधार / Aadhaar: XXXX XXXX 0124"));
  CHECK(has_line(lines, "स्थिति / Status: पूर्ण / Completed"));
  CHECK(ist_text(std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} +
                 std::chrono::hours(20)) == "01-01-2027 01:30 IST");  // past midnight in India
}

TEST_CASE("A failed transaction's receipt says so with the reason in both languages",
          "[receipt][content][failed]") {
  auto d = sample();
  d.completed = false;
  d.reason_hi = "भुगतान नहीं मिला";
  d.reason_en = "payment not received";
  const auto lines = receipt_lines(d);
  CHECK(has_line(lines, "स्थिति / Status: असफल / Failed"));
  CHECK(has_line(lines, "कारण: भुगतान नहीं मिला"));
  CHECK(has_line(lines, "Reason: payment not received"));
  CHECK_FALSE(has_line(lines, "स्थिति / Status: पूर्ण / Completed"));
}

TEST_CASE("A bill payment's receipt carries the bill, biller and consumer numbers",
          "[receipt][content][bill]") {
  auto d = sample();
  d.bill = BillDetails{"B-2026-11-0042", "CSPDCL", "1000234567"};
  const auto lines = receipt_lines(d);
  CHECK(has_line(lines, "बिल / Bill no: B-2026-11-0042"));
  CHECK(has_line(lines, "बिलर / Biller ref: CSPDCL"));
  CHECK(has_line(lines, "उपभोक्ता / Consumer no: 1000234567"));
  CHECK_FALSE(has_line(receipt_lines(sample()), "बिलर / Biller ref: CSPDCL"));
}

TEST_CASE("The receipt raster is the paper's width and its QR decodes to the receipt number",
          "[receipt][raster][qr]") {
  for (int width : {384, 576}) {
    INFO(width);
    auto bitmap = layout_receipt(testing::shared_engine(), sample(), width);
    REQUIRE(bitmap);
    CHECK(bitmap->width == width);
    CHECK(bitmap->stride == width / 8);
    CHECK(bitmap->bits.size() == static_cast<std::size_t>(bitmap->stride * bitmap->height));
    CHECK(bitmap->height > 400);  // 14 lines of text and a QR
    CHECK(qr_of(*bitmap) == "csckiosk:r1:CG-RPR-0042-20261203-000017");
    // For a person to look at: build/*/artifacts/receipt-<width>.png
    Image png{bitmap->width, bitmap->height, 1, {}};
    for (int y = 0; y < bitmap->height; ++y)
      for (int x = 0; x < bitmap->width; ++x) png.pixels.push_back(bitmap->black(x, y) ? 0 : 255);
    std::filesystem::create_directories(testing::artifacts_dir());
    CHECK(write_png(testing::artifacts_dir() / fmt::format("receipt-{}.png", width), png));
  }
  CHECK_FALSE(layout_receipt(testing::shared_engine(), sample(), 500));
  auto bad = sample();
  bad.receipt_no = "not a receipt";
  CHECK_FALSE(layout_receipt(testing::shared_engine(), bad, 384));  // no QR of a malformed number
}

TEST_CASE("The receipt raster goes to the printer as GS v 0 bands that read back to it",
          "[receipt][raster][escpos]") {
  auto bitmap = layout_receipt(testing::shared_engine(), sample(), 384);
  REQUIRE(bitmap);
  namespace escpos = drivers::printer::escpos;
  const escpos::Raster raster{bitmap->width, bitmap->height, bitmap->bits};
  const auto bytes = escpos::raster(raster, 24);
  // Every band header and its rows, reassembled, are the layout's bitmap.
  std::vector<std::uint8_t> rows;
  int height = 0;
  for (std::size_t i = 0; i + 8 <= bytes.size();) {
    REQUIRE(bytes[i] == 0x1D);
    REQUIRE(bytes[i + 1] == 0x76);
    const int x = bytes[i + 4] | (bytes[i + 5] << 8);
    const int y = bytes[i + 6] | (bytes[i + 7] << 8);
    REQUIRE(x == 48);
    rows.insert(rows.end(), bytes.begin() + static_cast<std::ptrdiff_t>(i + 8),
                bytes.begin() + static_cast<std::ptrdiff_t>(i + 8 + x * y));
    height += y;
    i += 8 + static_cast<std::size_t>(x * y);
  }
  CHECK(height == bitmap->height);
  CHECK(rows == bitmap->bits);
}

TEST_CASE("With the printer drawing the QR, the raster ends after the text and carries the payload",
          "[receipt][raster][qr][native]") {
  auto in_raster = layout_receipt(testing::shared_engine(), sample(), 384);
  auto text_only = layout_receipt(testing::shared_engine(), sample(), 384, QrIn::Printer);
  REQUIRE(in_raster);
  REQUIRE(text_only);
  CHECK(text_only->height < in_raster->height - 200);  // no QR, no tail margin
  CHECK(qr_of(*text_only).empty());
  // The text rows are the same either way.
  CHECK(std::equal(text_only->bits.begin(), text_only->bits.end(), in_raster->bits.begin()));
  auto native = receipt_image(testing::shared_engine(), sample(), 384, true, 7);
  REQUIRE(native);
  CHECK(native->job_id == 7);
  CHECK(native->qr_payload == "csckiosk:r1:CG-RPR-0042-20261203-000017");
  CHECK(native->height == text_only->height);
  auto drawn = receipt_image(testing::shared_engine(), sample(), 384, false, 8);
  REQUIRE(drawn);
  CHECK(drawn->qr_payload.empty());
  CHECK(drawn->bits == in_raster->bits);
}

// The day-end report on paper: its lines (Hindi then English headings, amounts in ₹) and
// layout_lines, the plain document raster it is printed as.
#include "kiosk/receipt/day_report_print.h"

#include <catch2/catch.hpp>

#include "kiosk/receipt/receipt.h"
#include "tests/support/fonts.h"

using namespace kiosk;
using namespace kiosk::receipt;

namespace {

bool has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::size_t black_dots(const text::MonoBitmap& b) {
  std::size_t n = 0;
  for (auto byte : b.bits) n += static_cast<std::size_t>(__builtin_popcount(byte));
  return n;
}

store::DayReport sample_report() {
  store::DayReport r;
  r.day = "2026-12-07";
  r.rows = {{"cg.edistrict.caste_certificate", "UPI", "failed", 1, 2000, 500},
            {"cg.edistrict.income_certificate", "CASH", "completed", 2, 6000, 2000}};
  r.completed_count = 2;
  r.completed_paise = 8000;
  r.failed_count = 1;
  r.failed_paid_paise = 2500;
  return r;
}

}  // namespace

TEST_CASE(
    "The printed day report has Hindi and English headings, every row and the totals in rupees",
    "[receipt][report]") {
  const auto lines = day_report_lines(sample_report(), "CG-RPR-0042");
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0] == "दिन का हिसाब");
  CHECK(lines[1] == "Day-end report");
  CHECK(has(lines, "Kiosk CG-RPR-0042"));
  CHECK(has(lines, "दिनांक / Date: 07-12-2026 (IST)"));
  CHECK(has(lines, "cg.edistrict.caste_certificate"));
  CHECK(has(lines, "  UPI, असफल / Failed: 1"));
  CHECK(has(lines, "  राशि / Amount ₹20.00 + शुल्क / Fee ₹5.00"));
  CHECK(has(lines, "  नकद / Cash, पूर्ण / Completed: 2"));
  CHECK(has(lines, "Completed (amount + fee): 2  ₹80.00"));
  CHECK(has(lines, "Failed: 1, money taken (may be owed back): ₹25.00"));
  CHECK_FALSE(has(lines, "कोई लेन-देन नहीं / No transactions"));

  store::DayReport empty;
  empty.day = "2026-12-08";
  const auto none = day_report_lines(empty, "CG-RPR-0042");
  CHECK(has(none, "कोई लेन-देन नहीं / No transactions"));
  CHECK(has(none, "Completed (amount + fee): 0  ₹0.00"));
}

TEST_CASE("A document of lines is a raster the paper's width that grows with its lines",
          "[receipt][layout][document]") {
  auto& engine = testing::shared_engine();
  const std::vector<std::string> two{"दिन का हिसाब", "Day-end report"};
  auto short_doc = layout_lines(engine, two, 384);
  REQUIRE(short_doc);
  CHECK(short_doc->width == 384);
  CHECK(short_doc->stride == 48);
  CHECK(short_doc->bits.size() == static_cast<std::size_t>(short_doc->height * 48));
  CHECK(black_dots(*short_doc) > 0);

  const auto lines = day_report_lines(sample_report(), "CG-RPR-0042");
  auto long_doc = layout_lines(engine, lines, 384);
  REQUIRE(long_doc);
  CHECK(long_doc->width == 384);
  CHECK(long_doc->height > short_doc->height);
  CHECK(black_dots(*long_doc) > black_dots(*short_doc));

  auto wide = layout_lines(engine, two, 576);
  REQUIRE(wide);
  CHECK(wide->width == 576);
  const auto refused = layout_lines(engine, two, 500);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::InvalidInput);
}

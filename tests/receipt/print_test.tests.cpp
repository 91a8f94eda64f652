// The test receipt and the print-test answer (kioskctl print-test reads it back).
#include <catch2/catch.hpp>

#include "kiosk/qr/receipt_qr.h"
#include "kiosk/receipt/print_test_reply.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/receipt/test_receipt.h"
#include "tests/support/fonts.h"

using namespace kiosk;
using devices::PrintOutcome;
using nlohmann::json;

TEST_CASE("The test receipt has today's number with sequence 000000, in Hindi and English",
          "[receipt][print-test]") {
  // 2026-12-02 20:00 UTC is already 3 December in India.
  const auto at = Clock::WallTime{std::chrono::sys_days{std::chrono::year{2026} / 12 / 2}} +
                  std::chrono::hours(20);
  const auto r = receipt::test_receipt("CSC-77", "CG-RPR-0042", at);
  CHECK(r.receipt_no == "CG-RPR-0042-20261203-000000");
  auto number = qr::parse_receipt_number(r.receipt_no);
  REQUIRE(number);
  CHECK(number->sequence == 0);
  CHECK(r.amount_paise == 0);
  CHECK(r.fee_paise == 0);
  const auto lines = receipt::receipt_lines(r);
  CHECK(std::find(lines.begin(), lines.end(), "परीक्षण रसीद: प्रिंटर की जाँच") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "Test receipt: printer check") != lines.end());
  auto image = receipt::layout_receipt(testing::shared_engine(), r, 576);
  REQUIRE(image);
  CHECK(image->width == 576);
}

TEST_CASE("A print-test answer reads back as the reply it was made from", "[receipt][print-test]") {
  const receipt::PrintTestReply done{"receipt_printer", "CG-RPR-0042-20261203-000000",
                                     devices::PrintReport{-1, PrintOutcome::Done, ""}};
  const receipt::PrintTestReply failed{"receipt_printer", "CG-RPR-0042-20261203-000000",
                                       devices::PrintReport{-2, PrintOutcome::Failed, "paper out"}};
  const receipt::PrintTestReply silent{"receipt_printer", "CG-RPR-0042-20261203-000000", {}};
  for (const auto& reply : {done, failed, silent}) {
    const json j = receipt::to_json(reply);
    INFO(j.dump());
    auto back = receipt::print_test_reply_from_json(j);
    REQUIRE(back);
    CHECK(back->printer == reply.printer);
    CHECK(back->receipt_no == reply.receipt_no);
    CHECK(back->confirmed() == reply.confirmed());
    REQUIRE(back->report.has_value() == reply.report.has_value());
    if (reply.report) {
      CHECK(back->report->outcome == reply.report->outcome);
      CHECK(back->report->reason == reply.report->reason);
    }
  }
  CHECK(receipt::to_json(done)["confirmed"] == true);
  CHECK(receipt::to_json(silent)["outcome"] == "unknown");
  CHECK_FALSE(receipt::to_json(failed)["confirmed"].get<bool>());
}

TEST_CASE("A print-test answer that is not one is refused", "[receipt][print-test]") {
  for (const auto& bad : {json(nullptr), json::array(), json{{"printer", "p"}},
                          json{{"printer", "p"}, {"receipt_no", "r"}, {"outcome", "printed"}},
                          json{{"printer", 1}, {"receipt_no", "r"}, {"outcome", "done"}}}) {
    INFO(bad.dump());
    auto back = receipt::print_test_reply_from_json(bad);
    REQUIRE_FALSE(back);
    CHECK(back.error().code == Errc::InvalidInput);
  }
}

// The payment and done screens, tapped through with the real outbox underneath.
#include <catch2/catch.hpp>

#include "kiosk/app/outbox_transactions.h"
#include "kiosk/store/outbox_writer.h"
#include "tests/support/catalogues.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/recorders.h"
#include "tests/support/ui_harness.h"
#include "ui/keyboards/keyboard.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

struct Store : testing::OutboxRig {
  explicit Store(const std::string& name) : OutboxRig(name, "DEMO-0001") {}
};

}  // namespace

TEST_CASE("Confirm shows the UPI QR for the fee, paying shows the committed receipt number",
          "[ui][payment][outbox]") {
  Store store("ui-payment");
  UiHarness h({.display = ImVec2(1366, 768), .demo = true, .transactions = store.sink.get()});
  testing::tap_to_payment(h);
  REQUIRE(h.snapshot().screen == Screen::Payment);
  CHECK(h.has("payment.cancel"));
  CHECK(h.has("payment.demo_paid"));
  const auto txn_id = h.snapshot().payment->txn_id;
  h.tap("payment.demo_paid");
  REQUIRE(h.snapshot().screen == Screen::Done);
  const auto receipt = h.snapshot().receipt_no;
  auto outbox = store::Outbox::open(store.options, store.clock);
  auto shown = outbox->views().show(receipt);
  REQUIRE(shown);
  CHECK(shown->second.find(txn_id) != std::string::npos);
  CHECK(shown->second.find("\"mode\": \"UPI\"") != std::string::npos);
  h.tap("done.finish");
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK(h.snapshot().receipt_no.empty());
}

TEST_CASE("Without a demo there is no stand-in paid button", "[ui][payment]") {
  Store store("ui-payment-nodemo");
  UiHarness h({.display = ImVec2(1366, 768), .transactions = store.sink.get()});
  testing::tap_to_payment(h);
  REQUIRE(h.snapshot().screen == Screen::Payment);
  CHECK_FALSE(h.has("payment.demo_paid"));
  h.tap("payment.cancel");
  CHECK(h.snapshot().screen == Screen::Review);
}

TEST_CASE(
    "The Done screen says in Hindi how the receipt prints, and offers a reprint only after a "
    "failure",
    "[ui][payment][receipt]") {
  Store store("ui-receipt-states");
  UiHarness h({.display = ImVec2(1366, 768),
               .demo = true,
               .transactions = store.sink.get(),
               .receipt_printer = "receipt_printer",
               .catalogue = testing::applicant_catalogue()});
  testing::RecordedReprints reprints;
  h.core().set_receipts(&reprints);
  // A Hindi session, driven through the core (typing a name needs the Hindi keyboard).
  for (app::Command c : std::vector<app::Command>{
           app::ChooseLanguage{"hi"}, app::OpenService{"cg.edistrict.income_certificate"},
           app::OpenDetails{}, app::SetField{"name", "सीता"}, app::SetField{"mobile", "9876543210"},
           app::SetField{"aadhaar", "234567890124"}, app::ReviewDetails{}, app::ConfirmDetails{},
           app::PaymentReceived{"UPI", "412345678901"}}) {
    h.core().post(std::move(c));
    h.frames(1);
  }
  REQUIRE(h.snapshot().screen == Screen::Done);
  const auto receipt = h.snapshot().receipt_no;
  const auto status = [&] { return std::string(h.hits().text_of("done.print_status")); };
  const auto tell = [&](app::ReceiptPrint s) {
    h.core().post(
        app::ReceiptChanged{receipt, s, s == app::ReceiptPrint::Failed ? "paper out" : ""});
    h.frames(2);
  };
  h.frames(1);
  CHECK(status() == "आपकी रसीद छप रही है…");  // queued: printing
  CHECK_FALSE(h.has("done.print_again"));
  tell(app::ReceiptPrint::Printed);
  CHECK(status() == "आपकी रसीद छप गई है। कृपया उसे ले लें।");
  CHECK_FALSE(h.has("done.print_again"));  // a printed receipt is not printed twice
  tell(app::ReceiptPrint::Failed);
  CHECK(status() == "आपकी रसीद नहीं छप सकी।");
  REQUIRE(h.has("done.print_again"));
  h.tap("done.print_again");
  CHECK(reprints.asked == std::vector<std::string>{receipt});
  h.frames(1);
  CHECK(status() == "आपकी रसीद छप रही है…");
  CHECK_FALSE(h.has("done.print_again"));  // a second tap queues no second copy
  // Another receipt's news changes nothing here.
  h.core().post(app::ReceiptChanged{"CG-RPR-0042-20260101-000001", app::ReceiptPrint::Failed, ""});
  h.frames(2);
  CHECK(status() == "आपकी रसीद छप रही है…");
}

TEST_CASE("In English, a receipt that could not be confirmed offers the e-receipt and a reprint",
          "[ui][payment][receipt]") {
  Store store("ui-receipt-unknown");
  UiHarness h({.display = ImVec2(1366, 768),
               .demo = true,
               .transactions = store.sink.get(),
               .receipt_printer = "receipt_printer",
               .catalogue = testing::applicant_catalogue()});
  testing::RecordedReprints reprints;
  h.core().set_receipts(&reprints);
  testing::tap_to_payment(h);
  h.tap("payment.demo_paid");
  REQUIRE(h.snapshot().screen == Screen::Done);
  h.core().post(app::ReceiptChanged{h.snapshot().receipt_no, app::ReceiptPrint::Unknown, ""});
  h.frames(2);
  CHECK(h.hits().text_of("done.print_status") == "We could not confirm that your receipt printed.");
  CHECK(h.has("done.print_again"));
}

TEST_CASE(
    "The Done screen shows each print state in Hindi and English, with the e-receipt after a "
    "failure",
    "[ui][payment][receipt][states]") {
  using app::ReceiptPrint;
  struct Expected {
    ReceiptPrint state;
    const char* hi;
    const char* en;
    bool e_receipt;  // the QR on screen and "print again"
  };
  const std::vector<Expected> table{
      {ReceiptPrint::Queued, "आपकी रसीद छप रही है…", "Printing your receipt…", false},
      {ReceiptPrint::Printing, "आपकी रसीद छप रही है…", "Printing your receipt…", false},
      {ReceiptPrint::Printed, "आपकी रसीद छप गई है। कृपया उसे ले लें।",
       "Your receipt is printed. Please take it.", false},
      {ReceiptPrint::Failed, "आपकी रसीद नहीं छप सकी।", "Your receipt could not be printed.", true},
      {ReceiptPrint::Unknown, "हम पक्का नहीं कर सके कि आपकी रसीद छपी।",
       "We could not confirm that your receipt printed.", true}};
  for (const std::string language : {"hi", "en"}) {
    INFO(language);
    Store store("ui-receipt-table-" + language);
    UiHarness h({.display = ImVec2(1366, 768),
                 .demo = true,
                 .transactions = store.sink.get(),
                 .receipt_printer = "receipt_printer",
                 .catalogue = testing::applicant_catalogue()});
    for (app::Command c : std::vector<app::Command>{
             app::ChooseLanguage{language}, app::OpenService{"cg.edistrict.income_certificate"},
             app::OpenDetails{}, app::SetField{"name", "Sita Devi"},
             app::SetField{"mobile", "9876543210"}, app::SetField{"aadhaar", "234567890124"},
             app::ReviewDetails{}, app::ConfirmDetails{},
             app::PaymentReceived{"UPI", "412345678901"}}) {
      h.core().post(std::move(c));
      h.frames(1);
    }
    REQUIRE(h.snapshot().screen == Screen::Done);
    const auto receipt = h.snapshot().receipt_no;
    for (const auto& row : table) {
      INFO(static_cast<int>(row.state));
      h.core().post(app::ReceiptChanged{receipt, row.state, row.e_receipt ? "paper out" : ""});
      h.frames(2);
      CHECK(h.hits().text_of("done.print_status") == (language == "hi" ? row.hi : row.en));
      CHECK(h.has("done.print_again") == row.e_receipt);
      CHECK(h.has("done.ereceipt") == row.e_receipt);
      if (row.e_receipt) CHECK(h.hits().text_of("done.ereceipt_qr") == "csckiosk:r1:" + receipt);
    }
  }
}

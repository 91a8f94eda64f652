// The payment and done screens, tapped through with the real outbox underneath.
#include <catch2/catch.hpp>

#include "kiosk/app/outbox_transactions.h"
#include "kiosk/store/outbox_writer.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
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

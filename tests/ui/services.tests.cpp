// The bill and status screens in the harness, tapped as a citizen would: what each shows,
// and that "pay" is there only for a fetched bill. The backend is answered by the test.
#include <catch2/catch.hpp>

#include "kiosk/app/lookups.h"
#include "tests/support/journeys.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

struct AskedLookups final : Lookups {
  bool fetch_bill(std::uint64_t job, std::string, std::string) override {
    last = job;
    return true;
  }
  bool look_up_status(std::uint64_t job, std::string) override {
    last = job;
    return true;
  }
  std::uint64_t last = 0;
};

void type_keys(UiHarness& h, std::string_view keys) {
  for (char c : keys)
    h.tap(std::string("kb.k.") + (c == '-' ? std::string("minus") : std::string(1, c)));
}

}  // namespace

TEST_CASE("The electricity bill is fetched on the numeric pad's number and paid from its screen",
          "[ui][services][bill]") {
  testing::OutboxRig rig("ui-bill");
  UiHarness h({.display = ImVec2(1366, 768), .demo = true, .transactions = rig.sink.get()});
  AskedLookups lookups;
  h.core().set_lookups(&lookups);
  h.tap("welcome.language.en");
  h.tap("home.category.bills");  // nine services: the categories are tabs
  h.tap("home.service.bbps.electricity_bill");
  h.tap("service.apply");
  h.tap("consent.accept");
  h.tap("details.consumer_no");
  CHECK_FALSE(h.has("kb.k.q"));  // a number of digits only: the numeric pad
  type_keys(h, "1000234567");
  h.tap("kb.k.done");
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Bill);
  CHECK_FALSE(h.has("bill.pay"));  // nothing to pay while it is fetched
  h.core().post(BillAnswered{lookups.last,
                             services::Bill{"CSPDCL-2026-11-0042", "R**** K**** S***", 84750,
                                            "2026-12-10", "CSPDCL-REF-88231"},
                             {}});
  h.frames(2);
  CHECK(h.prompt() == "prompt.bill.shown");
  h.tap("bill.pay");
  REQUIRE(h.snapshot().screen == Screen::Payment);
  CHECK(h.snapshot().payment->total_paise == 85250);
  h.tap("payment.demo_paid");
  CHECK(h.snapshot().screen == Screen::Done);
}

TEST_CASE("A bill that cannot be fetched says so and offers no payment", "[ui][services][bill]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  AskedLookups lookups;
  h.core().set_lookups(&lookups);
  h.core().post(ChooseLanguage{"hi"});
  h.core().post(OpenService{"bbps.electricity_bill"});
  h.core().post(OpenDetails{});
  h.core().post(AcceptConsent{});
  h.core().post(SetField{"consumer_no", "1000234567"});
  h.core().post(ReviewDetails{});
  h.frames(2);
  REQUIRE(lookups.last != 0);  // asked; the backend answers that it cannot
  h.core().post(BillAnswered{lookups.last, std::nullopt, "unreachable"});
  h.frames(3);
  REQUIRE(h.snapshot().screen == Screen::Bill);
  CHECK(h.has("bill.message"));
  CHECK_FALSE(h.has("bill.pay"));
  CHECK(h.prompt() == "prompt.bill.unreachable");
}

TEST_CASE("A status is asked by receipt number on the English pad and shown in words",
          "[ui][services][status]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  AskedLookups lookups;
  h.core().set_lookups(&lookups);
  h.tap("welcome.language.en");
  h.tap("home.category.status");
  h.tap("home.service.status.application");
  h.tap("service.apply");
  REQUIRE(h.snapshot().screen == Screen::Details);  // no consent: no personal data asked
  h.tap("details.receipt_no");
  type_keys(h, "cg-rpr-0042-20261120-000007");  // upper-cased as typed
  h.tap("kb.k.done");
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Status);
  CHECK(h.snapshot().status->receipt_no == "CG-RPR-0042-20261120-000007");
  h.core().post(StatusAnswered{
      lookups.last,
      services::ApplicationStatus{"CG-RPR-0042-20261120-000007", "approved",
                                  "2026-11-25T16:05:00+05:30", "Collect at the tehsil office"},
      std::nullopt,
      {}});
  h.frames(2);
  const std::string shown(h.hits().text_of("status.message"));
  CHECK(shown.find(std::string(h.strings().get("en", "status.state.approved"))) !=
        std::string::npos);
  CHECK(shown.find("25-11-2026") != std::string::npos);
  h.tap("status.finish");
  CHECK(h.snapshot().screen == Screen::Welcome);
}

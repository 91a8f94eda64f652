// The shipped services' own journeys in the core (docs/catalogue.md, "kind"): the consent
// before any personal data, an application's own fields in the transaction, a bill fetched
// and paid at its own amount, a status looked up and nothing charged. The backend is a fake
// Lookups here; tests/backend/lookups.tests.cpp asks the real reference backend.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/app/app_core.h"
#include "kiosk/app/outbox_transactions.h"
#include "kiosk/store/outbox.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;

namespace {

// Remembers what the core asked; the test answers (or does not) as the backend would.
struct FakeLookups final : Lookups {
  bool fetch_bill(std::uint64_t job, std::string biller, std::string consumer) override {
    asked.push_back({job, "bill " + biller + " " + consumer});
    return true;
  }
  bool look_up_status(std::uint64_t job, std::string receipt_no) override {
    asked.push_back({job, "status " + receipt_no});
    return true;
  }
  std::vector<std::pair<std::uint64_t, std::string>> asked;
};

struct KindsKiosk : testing::OutboxRig {
  FakeLookups lookups;
  std::unique_ptr<AppCore> core;

  explicit KindsKiosk(const std::string& name) : OutboxRig(name) {
    auto catalogue = services::load_catalogue(testing::assets_dir() / "services/catalogue.json");
    REQUIRE(catalogue);
    CoreSettings settings({"hi", "en"}, 90s, false);
    settings.upi_payee_vpa = "demo.csc@upi";
    core = std::make_unique<AppCore>(clock, settings, *catalogue);
    core->set_transactions(sink.get());
    core->set_lookups(&lookups);
  }
  std::shared_ptr<const Snapshot> run(Command c) {
    core->post(std::move(c));
    core->step();
    return core->snapshot();
  }
  void open(const std::string& service) {
    run(ChooseLanguage{"en"});
    run(OpenService{service});
  }
  nlohmann::json committed(const std::string& receipt_no) {
    auto outbox = store::Outbox::open(options, clock);
    REQUIRE(outbox);
    auto shown = outbox->views().show(receipt_no);
    REQUIRE(shown);
    return nlohmann::json::parse(shown->second);
  }
};

const services::Bill kShownBill{"CSPDCL-2026-11-0042", "R*** K**** S***", 84750, "2026-12-10",
                                "CSPDCL-REF-88231"};

}  // namespace

TEST_CASE("The consent comes before the form, is asked again for another service, and is kept",
          "[app][kinds][consent]") {
  KindsKiosk k("kinds-consent");
  k.open("cg.edistrict.income_certificate");
  CHECK(k.run(OpenDetails{})->screen == Screen::Consent);
  CHECK(k.run(ReviewDetails{})->screen == Screen::Consent);  // no form behind it yet
  auto s = k.run(AcceptConsent{});
  CHECK(s->screen == Screen::Details);
  REQUIRE(s->consent);
  CHECK(s->consent->version == "cg-edistrict-2026-1");
  CHECK(s->consent->language == "en");
  CHECK(k.run(OpenService{"cg.edistrict.income_certificate"})->consent);
  CHECK(k.run(OpenDetails{})->screen == Screen::Details);  // given for this one already
  k.run(OpenService{"cg.edistrict.caste_certificate"});
  CHECK(k.run(OpenDetails{})->screen == Screen::Consent);
  CHECK(k.run(StartOver{})->consent == std::nullopt);
}

TEST_CASE("An application's own fields reach the transaction as text, the Aadhaar only masked",
          "[app][kinds][fields]") {
  KindsKiosk k("kinds-fields");
  k.open("cg.edistrict.domicile_certificate");
  k.run(OpenDetails{});
  k.run(AcceptConsent{});
  for (auto [field, value] : {std::pair{"name", "Sita Devi"},
                              {"father_or_husband_name", "Ram Lal"},
                              {"mobile", "9876543210"},
                              {"living_since", "01062001"},
                              {"address", "Ward 4, Rampur"},
                              {"pincode", "492001"}})
    k.run(SetField{field, value});
  for (char c : std::string_view("234567890124")) k.run(TypeSecret{"aadhaar", c});
  REQUIRE(k.run(ReviewDetails{})->screen == Screen::Review);
  REQUIRE(k.run(ConfirmDetails{})->screen == Screen::Payment);
  auto done = k.run(PaymentReceived{"UPI", "412345678901"});
  REQUIRE(done->screen == Screen::Done);
  const auto t = k.committed(done->receipt_no);
  CHECK(t["fields"] == nlohmann::json{{"father_or_husband_name", "Ram Lal"},
                                      {"living_since", "2001-06-01"},
                                      {"address", "Ward 4, Rampur"},
                                      {"pincode", "492001"}});
  CHECK(t["applicant"]["aadhaar_masked"] == "XXXX XXXX 0124");
  CHECK(t["consent"]["text_version"] == "cg-edistrict-2026-1");
  CHECK(t["amount_paise"] == 3000);
  CHECK(t["fee_paise"] == 1000);
}

TEST_CASE("A bill is fetched for the typed number and paid at its own amount plus the fee",
          "[app][kinds][bill]") {
  KindsKiosk k("kinds-bill");
  k.open("bbps.electricity_bill");
  k.run(OpenDetails{});
  k.run(AcceptConsent{});
  k.run(SetField{"consumer_no", "1000234567"});
  auto s = k.run(ReviewDetails{});
  REQUIRE(s->screen == Screen::Bill);
  REQUIRE(s->bill);
  CHECK(s->bill->state == BillView::State::Fetching);
  REQUIRE(k.lookups.asked.size() == 1);
  CHECK(k.lookups.asked[0].second == "bill CSPDCL 1000234567");
  CHECK(k.run(PayBill{})->screen == Screen::Bill);  // nothing to pay while it is fetched
  s = k.run(BillAnswered{k.lookups.asked[0].first, kShownBill, {}});
  CHECK(s->bill->state == BillView::State::Shown);
  CHECK(s->bill->amount_paise == 84750);
  CHECK(s->bill->fee_paise == 500);
  s = k.run(PayBill{});
  REQUIRE(s->screen == Screen::Payment);
  CHECK(s->payment->amount_paise == 84750);
  CHECK(s->payment->total_paise == 85250);
  CHECK(k.run(CancelPayment{})->screen == Screen::Bill);  // back to the bill, not a review
  k.run(PayBill{});
  auto done = k.run(PaymentReceived{"UPI", "412345678901"});
  REQUIRE(done->screen == Screen::Done);
  const auto t = k.committed(done->receipt_no);
  CHECK(t["amount_paise"] == 84750);
  CHECK(t["fee_paise"] == 500);
  CHECK(t["fields"] == nlohmann::json{{"consumer_no", "1000234567"},
                                      {"bill_no", "CSPDCL-2026-11-0042"},
                                      {"biller_ref", "CSPDCL-REF-88231"}});
  CHECK(t["consent"]["text_version"] == "bbps-2026-1");
}

TEST_CASE("No bill, no payment: unknown number, no answer in time, a late or stale answer",
          "[app][kinds][bill][failure]") {
  KindsKiosk k("kinds-bill-failures");
  k.open("bbps.electricity_bill");
  k.run(OpenDetails{});
  k.run(AcceptConsent{});
  k.run(SetField{"consumer_no", "1000000000"});
  k.run(ReviewDetails{});
  auto s = k.run(BillAnswered{k.lookups.asked.back().first, std::nullopt, "not-found"});
  CHECK(s->bill->state == BillView::State::UnknownConsumer);
  CHECK(k.run(PayBill{})->screen == Screen::Bill);
  CHECK_FALSE(k.run(PayBill{})->payment);

  SECTION("the backend does not answer in time: nothing to pay, and its late answer is dropped") {
    k.run(OpenDetails{});
    k.run(ReviewDetails{});
    const auto job = k.lookups.asked.back().first;
    REQUIRE(AppCore::next_deadline(*k.core->snapshot()));  // the core thread wakes for it
    k.clock.advance(kLookupWait + 1s);
    s = k.run(UserActivity{});
    CHECK(s->bill->state == BillView::State::Unreachable);
    s = k.run(BillAnswered{job, kShownBill, {}});
    CHECK(s->bill->state == BillView::State::Unreachable);
    CHECK_FALSE(k.run(PayBill{})->payment);
  }
  SECTION("an answer for an earlier number is not this bill") {
    const auto old_job = k.lookups.asked.back().first;
    k.run(OpenDetails{});
    k.run(SetField{"consumer_no", "1000987654"});
    k.run(ReviewDetails{});
    s = k.run(BillAnswered{old_job, kShownBill, {}});
    CHECK(s->bill->state == BillView::State::Fetching);
  }
  SECTION("a bill of nothing is said and not paid") {
    k.run(OpenDetails{});
    k.run(ReviewDetails{});
    auto zero = kShownBill;
    zero.amount_paise = 0;
    s = k.run(BillAnswered{k.lookups.asked.back().first, zero, {}});
    CHECK(s->bill->state == BillView::State::NothingDue);
    CHECK_FALSE(k.run(PayBill{})->payment);
  }
}

TEST_CASE("A status is looked up by receipt number, nothing is charged, no applicant data asked",
          "[app][kinds][status]") {
  KindsKiosk k("kinds-status");
  k.open("status.application");
  auto s = k.run(OpenDetails{});
  REQUIRE(s->screen == Screen::Details);  // no consent: no personal data
  REQUIRE(s->form.size() == 1);
  CHECK(s->form[0].id == "receipt_no");
  k.run(SetField{"receipt_no", "CG-RPR-0042-20261120-000007"});
  s = k.run(ReviewDetails{});
  REQUIRE(s->screen == Screen::Status);
  CHECK(k.lookups.asked.back().second == "status CG-RPR-0042-20261120-000007");
  const auto job = k.lookups.asked.back().first;
  SECTION("the office's word") {
    s = k.run(
        StatusAnswered{job,
                       services::ApplicationStatus{"CG-RPR-0042-20261120-000007", "in_process",
                                                   "2026-11-22T11:30:00+05:30", "note"},
                       std::nullopt,
                       {}});
    CHECK(s->status->state == StatusView::State::Found);
    CHECK(s->status->status == "in_process");
  }
  SECTION("this kiosk's own receipt when the backend cannot tell") {
    s = k.run(StatusAnswered{
        job, std::nullopt,
        store::LocalReceipt{"CG-RPR-0042-20261120-000007", "x", "2026-11-20T10:00:00+05:30",
                            store::ItemState::Pending, std::nullopt},
        "unreachable"});
    CHECK(s->status->state == StatusView::State::LocalOnly);
    CHECK(s->status->sent_at.empty());
  }
  SECTION("nobody knows the number") {
    s = k.run(StatusAnswered{job, std::nullopt, std::nullopt, "not-found"});
    CHECK(s->status->state == StatusView::State::Unknown);
  }
  CHECK_FALSE(s->payment);
}

TEST_CASE(
    "A receipt's QR scanned at the welcome screen or in the status service looks its status up",
    "[app][kinds][status][scan]") {
  KindsKiosk k("kinds-status-scan");
  k.open("cg.edistrict.income_certificate");
  k.run(OpenDetails{});
  k.run(AcceptConsent{});
  auto s = k.run(ScanReceived{"scanner", "csckiosk:r1:CG-RPR-0042-20261120-000007"});
  CHECK(s->screen == Screen::Details);  // never in the middle of another service's form
  CHECK(k.lookups.asked.empty());
  k.run(StartOver{});  // the welcome screen: a receipt held up as the citizen walks up
  s = k.run(ScanReceived{"scanner", "csckiosk:r1:CG-RPR-0042-20261120-000007"});
  REQUIRE(s->screen == Screen::Status);
  CHECK(s->status->scanned);
  CHECK(s->status->receipt_no == "CG-RPR-0042-20261120-000007");
  CHECK(k.lookups.asked.back().second == "status CG-RPR-0042-20261120-000007");
  s = k.run(ScanReceived{"scanner", "csckiosk:r1:not a receipt"});
  CHECK(s->status->receipt_no == "CG-RPR-0042-20261120-000007");
}

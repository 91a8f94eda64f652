// The citizen's journey through payment, with the real outbox on a real SQLite file:
// the intent is on disk before the QR shows, the receipt number only after its COMMIT.
#include <catch2/catch.hpp>

#include "kiosk/app/app_core.h"
#include "kiosk/app/outbox_transactions.h"
#include "kiosk/store/outbox_writer.h"
#include "kiosk/store/sql.h"
#include "tests/support/catalogues.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;

namespace {

struct Journey : testing::OutboxRig {
  std::unique_ptr<AppCore> core;

  explicit Journey(const std::string& name, std::string printer = {}) : OutboxRig(name) {
    auto catalogue = std::optional(testing::applicant_catalogue());  // the form mechanics
    CoreSettings settings({"hi", "en"}, 90s, false);
    settings.upi_payee_vpa = "demo.csc@upi";
    settings.upi_payee_name = "CSC Demo";
    settings.receipt_printer = std::move(printer);
    settings.csc_id = "123456789012";
    settings.kiosk_id = "CG-RPR-0042";
    core = std::make_unique<AppCore>(clock, settings, *catalogue);
    core->set_transactions(sink.get());
  }
  std::shared_ptr<const Snapshot> run(Command c) {
    core->post(std::move(c));
    core->step();
    return core->snapshot();
  }
  void reach_review(const std::string& service) {
    run(ChooseLanguage{"hi"});
    run(OpenService{service});
    run(OpenDetails{});
    run(SetField{"name", "Sita Devi"});
    run(SetField{"mobile", "9876543210"});
    run(SetField{"aadhaar", "234567890124"});
    REQUIRE(run(ReviewDetails{})->screen == Screen::Review);
  }
  store::Outbox outbox() { return std::move(*store::Outbox::open(options, clock)); }
};

}  // namespace

TEST_CASE("Confirming writes the payment intent before the QR shows, paying commits the receipt",
          "[app][journey][outbox]") {
  Journey j("journey-pay");
  j.reach_review("cg.edistrict.income_certificate");
  auto paying = j.run(ConfirmDetails{});
  REQUIRE(paying->screen == Screen::Payment);
  REQUIRE(paying->payment);
  // The catalogue's two figures stay apart: ₹30 government fee, ₹10 service charge.
  CHECK(paying->payment->amount_paise == 3000);
  CHECK(paying->payment->fee_paise == 1000);
  CHECK(paying->payment->total_paise == 4000);
  CHECK(paying->payment->upi_uri.find("tr=" + paying->payment->txn_id) != std::string::npos);
  CHECK(paying->payment->upi_uri.find("am=40.00") != std::string::npos);
  auto intent = j.outbox().intake().intent(paying->payment->txn_id);
  REQUIRE(intent->has_value());
  CHECK((*intent)->amount_paise == 3000);
  CHECK((*intent)->fee_paise == 1000);
  CHECK((*intent)->state == store::IntentState::Awaiting);
  CHECK(paying->receipt_no.empty());

  auto done = j.run(PaymentReceived{"UPI", "412345678901"});
  REQUIRE(done->screen == Screen::Done);
  auto shown = j.outbox().views().show(done->receipt_no);
  REQUIRE(shown);
  CHECK(shown->first.state == store::ItemState::Pending);
  CHECK(shown->second.find("XXXX XXXX 0124") != std::string::npos);
  CHECK(shown->second.find("XXXXXX3210") != std::string::npos);
  CHECK(shown->first.amount_paise == 3000);
  CHECK(shown->first.fee_paise == 1000);
  CHECK(shown->second.find("412345678901") != std::string::npos);  // the UTR
  CHECK(shown->second.find("234567890124") == std::string::npos);  // never the full number
  CHECK((*j.outbox().intake().intent(paying->payment->txn_id))->state ==
        store::IntentState::Confirmed);
  CHECK(j.run(StartOver{})->receipt_no.empty());
}

TEST_CASE("Cancelling or walking away from the QR keeps the intent on disk, marked",
          "[app][journey][outbox]") {
  Journey j("journey-cancel");
  j.reach_review("cg.edistrict.income_certificate");
  const auto first = j.run(ConfirmDetails{})->payment->txn_id;
  CHECK(j.run(CancelPayment{})->screen == Screen::Review);
  CHECK((*j.outbox().intake().intent(first))->state == store::IntentState::Cancelled);
  const auto second = j.run(ConfirmDetails{})->payment->txn_id;
  j.clock.advance(91s);  // the citizen left: idle reset
  j.core->step();
  CHECK(j.core->snapshot()->screen == Screen::Welcome);
  CHECK((*j.outbox().intake().intent(second))->state == store::IntentState::Expired);
  CHECK(j.outbox().views().stats()->pending == 0);
}

TEST_CASE("A full disk shows the citizen an error and never a receipt number",
          "[app][journey][fault]") {
  auto& vfs = testing::FaultVfs::install();
  Journey j("journey-diskfull");
  j.reach_review("cg.edistrict.income_certificate");
  vfs.fail_writes_full = true;
  auto refused = j.run(ConfirmDetails{});
  vfs.fail_writes_full = false;
  CHECK(refused->screen == Screen::Review);
  CHECK(refused->error == "intake");
  CHECK_FALSE(refused->payment);
  // The failed write stopped intake; while the disk is still full a probe write fails and
  // no payment starts; once space is back, the next confirm goes through.
  CHECK_FALSE(j.writer->intake().accepting);
  vfs.fail_writes_full = true;
  CHECK(j.run(ConfirmDetails{})->error == "intake");
  vfs.fail_writes_full = false;
  CHECK(j.run(ConfirmDetails{})->screen == Screen::Payment);
  CHECK(j.writer->intake().accepting);
}

TEST_CASE("A payment that cannot be saved stays awaiting for the operator and can be retried",
          "[app][journey][fault]") {
  auto& vfs = testing::FaultVfs::install();
  Journey j("journey-paid-diskfull");
  j.reach_review("cg.edistrict.income_certificate");
  const auto txn_id = j.run(ConfirmDetails{})->payment->txn_id;
  vfs.fail_writes_full = true;
  auto failed = j.run(PaymentReceived{"UPI", "412345678901"});
  vfs.fail_writes_full = false;
  CHECK(failed->screen == Screen::Payment);
  CHECK(failed->error == "payment-pending");
  CHECK(failed->receipt_no.empty());
  CHECK((*j.outbox().intake().intent(txn_id))->state == store::IntentState::Awaiting);
  auto saved = j.run(PaymentReceived{"UPI", "412345678901"});
  CHECK(saved->screen == Screen::Done);
  CHECK((*j.outbox().intake().intent(txn_id))->state == store::IntentState::Confirmed);
}

TEST_CASE("With a receipt printer configured, the paid transaction commits its print job",
          "[app][journey][outbox][print]") {
  Journey j("journey-print", "receipt_printer");
  j.reach_review("cg.edistrict.income_certificate");
  j.run(ConfirmDetails{});
  auto done = j.run(PaymentReceived{"UPI", "412345678901"});
  REQUIRE(done->screen == Screen::Done);
  auto job = j.outbox().print_jobs().latest(done->receipt_no);
  REQUIRE(job);
  REQUIRE(*job);
  CHECK((*job)->state == store::JobState::Queued);
  CHECK((*job)->printer == "receipt_printer");
  CHECK((*job)->fields_json.find("आय प्रमाण पत्र") != std::string::npos);
  CHECK((*job)->fields_json.find("Income certificate") != std::string::npos);
  CHECK((*job)->fields_json.find("\"fee_paise\":1000") != std::string::npos);

  Journey none("journey-print-none");  // no printer: no job
  none.reach_review("cg.edistrict.income_certificate");
  none.run(ConfirmDetails{});
  auto plain = none.run(PaymentReceived{"UPI", "412345678901"});
  CHECK_FALSE(*none.outbox().print_jobs().latest(plain->receipt_no));
}

namespace {

struct AnsweringAuthenticator final : Authenticator {
  std::uint64_t job = 0;
  bool authenticate(FingerprintRequest request) override {
    job = request.job;
    return true;
  }
};

}  // namespace

TEST_CASE("A fingerprint-verified number leaves only its mask and the reference in the transaction",
          "[app][journey][outbox][fingerprint][privacy]") {
  Journey j("journey-fingerprint");
  AnsweringAuthenticator auth;
  j.core->set_authenticator(&auth);
  j.run(DevicesChanged{
      {DeviceView{"fingerprint", drivers::model::DeviceKind::Fingerprint,
                  drivers::model::Status::Online, drivers::model::Action::None, false}}});
  j.reach_review("cg.edistrict.income_certificate");
  REQUIRE(j.core->snapshot()->fingerprint_offered);
  j.run(VerifyFingerprint{});
  j.run(FingerprintDone{auth.job, true, "DEMO-AUTH-00000042", "", false});
  j.run(ConfirmDetails{});
  auto done = j.run(PaymentReceived{"UPI", "412345678901"});
  REQUIRE(done->screen == Screen::Done);
  auto shown = j.outbox().views().show(done->receipt_no);
  REQUIRE(shown);
  const auto body = nlohmann::json::parse(shown->second);
  CHECK(body["fields"]["auth_ref"] == "DEMO-AUTH-00000042");
  CHECK(body["fields"]["identity_check"] == "fingerprint");
  CHECK(shown->second.find("234567890124") == std::string::npos);
  CHECK(shown->second.find("XXXX XXXX 0124") != std::string::npos);
  j.core->set_authenticator(nullptr);
}

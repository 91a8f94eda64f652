// Print jobs on a real SQLite file: written with the transaction they print, masked,
// moved only along queued -> sending -> done | failed | unknown, reprinted only on request.
#include "kiosk/store/print_jobs.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/receipt/receipt_data.h"
#include "kiosk/store/outbox.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::store;

namespace {

OutboxOptions options_in(const std::string& name) {
  const auto dir = testing::scratch_dir(name);
  return {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
}

NewTransaction with_receipt() {
  return testing::sample_transaction_with_receipt();
}

// Commits `t` and reads back the receipt fields its print job keeps.
receipt::ReceiptData committed_fields(Outbox& outbox, const NewTransaction& t) {
  auto c = outbox.intake().insert_transaction(t);
  REQUIRE(c);
  auto job = outbox.print_jobs().latest(c->receipt_no);
  REQUIRE(job);
  REQUIRE(*job);
  auto fields = receipt::receipt_from_json(nlohmann::json::parse((*job)->fields_json));
  REQUIRE(fields);
  return *fields;
}

}  // namespace

TEST_CASE("A committed transaction carries its print job, with only masked fields",
          "[outbox][print][jobs]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-commit"), clock);
  REQUIRE(outbox);
  auto c = outbox->intake().insert_transaction(with_receipt());
  INFO((c ? std::string() : c.error().message));
  REQUIRE(c);
  auto job = outbox->print_jobs().latest(c->receipt_no);
  REQUIRE(job);
  REQUIRE(*job);
  CHECK((*job)->state == JobState::Queued);
  CHECK((*job)->printer == "receipt_printer");
  auto fields = receipt::receipt_from_json(nlohmann::json::parse((*job)->fields_json));
  REQUIRE(fields);
  CHECK(fields->receipt_no == c->receipt_no);
  CHECK(fields->applicant_masked == "R***** K****");
  CHECK(fields->aadhaar_masked == "XXXX XXXX 1234");
  CHECK(fields->amount_paise == 3000);
  CHECK(fields->fee_paise == 1000);
  CHECK((*job)->fields_json.find("Ramesh") == std::string::npos);  // the name never, in full
  // No receipt asked for, no job.
  auto plain = outbox->intake().insert_transaction(testing::sample_transaction());
  REQUIRE(plain);
  CHECK_FALSE(*outbox->print_jobs().latest(plain->receipt_no));
}

TEST_CASE("A failed transaction gets its print job too, with the reason in both languages",
          "[outbox][print][jobs][failed]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-failed"), clock);
  REQUIRE(outbox);
  auto t = with_receipt();
  t.completed = false;
  t.failure_reason = "the department's server refused the application";
  t.failure_reason_hi = "विभाग के सर्वर ने आवेदन अस्वीकार किया";
  const auto fields = committed_fields(*outbox, t);
  CHECK_FALSE(fields.completed);
  CHECK(fields.reason_en == t.failure_reason);
  CHECK(fields.reason_hi == t.failure_reason_hi);
}

TEST_CASE(
    "A failed transaction's receipt without the Hindi reason is refused, and nothing is stored",
    "[outbox][print][jobs][failed]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-failed-hi"), clock);
  REQUIRE(outbox);
  auto t = with_receipt();
  t.completed = false;
  t.failure_reason = "payment not received";
  auto refused = outbox->intake().insert_transaction(t);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::InvalidInput);
  CHECK(outbox->views().stats()->pending == 0);
  t.failure_reason_hi = "भुगतान नहीं मिला";  // the control: with it, it is stored
  CHECK(outbox->intake().insert_transaction(t));
}

TEST_CASE("A bill payment's print job carries the bill, biller and consumer numbers",
          "[outbox][print][jobs][bill]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-bill"), clock);
  REQUIRE(outbox);
  auto t = with_receipt();
  t.receipt->bill = receipt::BillDetails{"B-2026-11-0042", "CSPDCL", "1000234567"};
  const auto fields = committed_fields(*outbox, t);
  REQUIRE(fields.bill);
  CHECK(fields.bill->bill_no == "B-2026-11-0042");
  CHECK(fields.bill->biller_ref == "CSPDCL");
  CHECK(fields.bill->consumer_no == "1000234567");
}

TEST_CASE("Two connections reprinting the same receipt at once queue one copy",
          "[outbox][print][jobs][reprint]") {
  ManualClock clock;
  const auto options = options_in("print-jobs-reprint-race");
  auto first = Outbox::open(options, clock);
  REQUIRE(first);
  auto c = first->intake().insert_transaction(with_receipt());
  REQUIRE(c);
  auto jobs = first->print_jobs();
  const auto id = (*jobs.next_queued("receipt_printer"))->id;
  REQUIRE(jobs.set_state(id, JobState::Sending));
  REQUIRE(jobs.set_state(id, JobState::Failed, "paper out"));
  std::atomic<int> queued{0}, busy{0};
  std::vector<std::thread> askers;
  for (int i = 0; i < 8; ++i) {
    askers.emplace_back([&] {
      auto mine = Outbox::open(options, clock);  // a kioskctl and the kiosk, each its own
      if (!mine) return;
      auto again = mine->print_jobs().reprint(c->receipt_no);
      if (again) ++queued;
      if (!again && again.error().code == Errc::Busy) ++busy;
    });
  }
  for (auto& t : askers) t.join();
  CHECK(queued == 1);
  CHECK(busy == 7);
  CHECK((*jobs.next_queued("receipt_printer"))->id != id);
}

TEST_CASE("A transaction rolled back takes its print job with it", "[outbox][print][jobs]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-rollback"), clock);
  REQUIRE(outbox);
  std::string receipt_no;
  {
    auto guard = outbox->begin();
    REQUIRE(guard);
    auto c = outbox->intake().insert_transaction(with_receipt());
    REQUIRE(c);
    receipt_no = c->receipt_no;
    REQUIRE(*outbox->print_jobs().latest(receipt_no));  // inside the transaction: there
  }                                                     // no commit: ROLLBACK
  CHECK_FALSE(*outbox->print_jobs().latest(receipt_no));
  CHECK(outbox->views().stats()->pending == 0);
}

TEST_CASE("Print jobs move only forward, and a reprint is a new job asked for",
          "[outbox][print][jobs][states]") {
  ManualClock clock;
  auto outbox = Outbox::open(options_in("print-jobs-states"), clock);
  REQUIRE(outbox);
  auto c = outbox->intake().insert_transaction(with_receipt());
  REQUIRE(c);
  auto jobs = outbox->print_jobs();
  const auto first = (*jobs.next_queued("receipt_printer"))->id;
  CHECK_FALSE(*jobs.next_queued("other_printer"));
  CHECK_FALSE(jobs.set_state(first, JobState::Done));  // queued cannot skip sending
  REQUIRE(jobs.set_state(first, JobState::Sending));
  CHECK(jobs.reprint(c->receipt_no).error().code == Errc::Busy);  // still printing
  REQUIRE(jobs.set_state(first, JobState::Failed, "paper out"));
  CHECK_FALSE(jobs.set_state(first, JobState::Sending));  // failed is final: nothing reprints
  CHECK_FALSE(*jobs.next_queued("receipt_printer"));      // by itself
  CHECK((*jobs.latest(c->receipt_no))->reason == "paper out");
  auto again = jobs.reprint(c->receipt_no);  // the citizen or the operator asked
  REQUIRE(again);
  CHECK(*again != first);
  CHECK((*jobs.next_queued("receipt_printer"))->id == *again);
  CHECK((*jobs.latest(c->receipt_no))->fields_json == (*jobs.latest(c->receipt_no))->fields_json);
  CHECK(jobs.reprint("CG-RPR-0042-20260101-999999").error().code == Errc::NotFound);
}

TEST_CASE("A job left sending by a crash is unknown after restart, never reprinted by itself",
          "[outbox][print][jobs][crash]") {
  ManualClock clock;
  const auto opts = options_in("print-jobs-crash");
  std::string receipt_no;
  {
    auto outbox = Outbox::open(opts, clock);
    REQUIRE(outbox);
    auto c = outbox->intake().insert_transaction(with_receipt());
    REQUIRE(c);
    receipt_no = c->receipt_no;
    auto jobs = outbox->print_jobs();
    REQUIRE(jobs.set_state((*jobs.next_queued("receipt_printer"))->id, JobState::Sending));
  }  // the process is gone mid-job
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  auto jobs = outbox->print_jobs();
  CHECK(*jobs.recover_interrupted() == 1);
  CHECK((*jobs.latest(receipt_no))->state == JobState::Unknown);
  CHECK_FALSE(*jobs.next_queued("receipt_printer"));
  CHECK(*jobs.recover_interrupted() == 0);
}

TEST_CASE("Receipt fields with a 12-digit number are refused, a UPI reference or CSC id is not",
          "[receipt][privacy]") {
  receipt::ReceiptData d;
  d.receipt_no = "CG-RPR-0042-20261203-000001";
  d.payment_ref = "412345678901";  // a UTR is 12 digits by design
  d.csc_id = "123456789012";       // and so is a CSC id
  REQUIRE(receipt::receipt_from_json(receipt::to_json(d)));
  auto planted = d;
  planted.reason_en = "aadhaar 2345 6789 0124 did not match";  // the positive control
  CHECK_FALSE(receipt::receipt_from_json(receipt::to_json(planted)));
  planted.reason_en.clear();
  planted.applicant_masked = "234567890124";
  CHECK_FALSE(receipt::receipt_from_json(receipt::to_json(planted)));
  // Round trip of every field.
  d.bill = receipt::BillDetails{"B-1", "CSPDCL", "1000234567"};
  d.at = Clock::WallTime(std::chrono::seconds(1'764'750'900));
  auto back = receipt::receipt_from_json(receipt::to_json(d));
  REQUIRE(back);
  CHECK(back->bill->consumer_no == "1000234567");
  CHECK(back->at == d.at);
  CHECK_FALSE(receipt::receipt_from_json(nlohmann::json::array()));
  CHECK_FALSE(receipt::receipt_from_json({{"receipt_no", 5}}));
}

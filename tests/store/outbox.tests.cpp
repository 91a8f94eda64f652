#include "kiosk/store/outbox.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "kiosk/store/outbox_writer.h"
#include "kiosk/store/sql.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

using namespace kiosk;
using namespace kiosk::store;
using namespace std::chrono_literals;

namespace {

OutboxOptions options_in(const std::string& name) {
  const auto dir = testing::scratch_dir(name);
  return {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
}

NewTransaction sample(std::string name = "Sita Devi") {
  return testing::sample_transaction(std::move(name));
}

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("Committed transactions get unique receipt numbers that survive reopening",
          "[outbox][receipt]") {
  const auto opts = options_in("outbox-receipts");
  ManualClock clock;
  std::set<std::string> seen;
  for (int round = 0; round < 2; ++round) {
    auto outbox = Outbox::open(opts, clock);
    REQUIRE(outbox);
    for (int i = 0; i < 3; ++i) {
      auto c = outbox->intake().insert_transaction(sample());
      REQUIRE(c);
      CHECK(std::regex_match(c->receipt_no, std::regex(R"(CG-RPR-0042-\d{8}-\d{6})")));
      CHECK(std::regex_match(c->idempotency_key,
                             std::regex("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                        "[0-9a-f]{12}")));
      CHECK(seen.insert(c->receipt_no).second);
    }
  }
  CHECK(seen.size() == 6);
  CHECK(*seen.rbegin() == "CG-RPR-0042-" + ist_date(clock.wall_now()) + "-000006");
}

TEST_CASE("A rolled-back insert does not hand its receipt number to anyone", "[outbox][receipt]") {
  const auto opts = options_in("outbox-rollback");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  std::string first_receipt;
  {
    auto txn = outbox->begin();
    REQUIRE(txn);
    auto first = outbox->intake().insert_transaction(sample());
    REQUIRE(first);
    first_receipt = first->receipt_no;
  }  // rolled back: the guard went without commit()
  auto second = outbox->intake().insert_transaction(sample());
  REQUIRE(second);
  // The rolled-back number was never shown to anyone, so reusing it is safe; what matters is
  // that a committed number is never issued twice.
  CHECK(second->receipt_no == first_receipt);
  auto third = outbox->intake().insert_transaction(sample());
  REQUIRE(third);
  CHECK(third->receipt_no != second->receipt_no);
}

TEST_CASE("A payment intent is durable before the QR shows and confirms with its transaction",
          "[outbox][payment]") {
  const auto opts = options_in("outbox-intent");
  ManualClock clock;
  std::string txn_id;
  {
    auto writer = OutboxWriter::start(opts, clock, {});
    REQUIRE(writer);
    auto intent = (*writer)->create_intent("cg.edistrict.income_certificate", 3000, 1000);
    REQUIRE(intent);
    txn_id = intent->txn_id;
  }  // a power cut here: the intent is on disk
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  auto stored = outbox->intake().intent(txn_id);
  REQUIRE(stored);
  REQUIRE(stored->has_value());
  CHECK((*stored)->state == IntentState::Awaiting);
  CHECK((*stored)->amount_paise == 3000);

  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  auto committed = (*writer)->confirm_and_commit(txn_id, sample());
  REQUIRE(committed);
  CHECK(committed->txn_id == txn_id);
  CHECK((*outbox->intake().intent(txn_id))->state == IntentState::Confirmed);
  // Confirming twice is refused: one payment, one transaction.
  auto again = (*writer)->confirm_and_commit(txn_id, sample());
  REQUIRE_FALSE(again);
  CHECK(again.error().code == Errc::NotFound);
  CHECK(outbox->views().stats()->pending == 1);
}

TEST_CASE("Group commit answers every caller after one shared commit", "[outbox][group-commit]") {
  const auto opts = options_in("outbox-group");
  ManualClock clock;
  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  // Hold the write lock from another connection so that all 16 callers queue up.
  auto blocker = Database::open(opts.database);
  REQUIRE(blocker);
  REQUIRE(blocker->exec("BEGIN IMMEDIATE"));
  std::vector<std::thread> callers;
  std::vector<Result<Committed>> results(16, std::unexpected(Error{Errc::Internal, "not run"}));
  for (int i = 0; i < 16; ++i)
    callers.emplace_back([&, i] { results[i] = (*writer)->commit(sample()); });
  std::this_thread::sleep_for(200ms);
  REQUIRE(blocker->exec("COMMIT"));
  for (auto& t : callers) t.join();
  std::set<std::string> receipts;
  for (const auto& r : results) {
    REQUIRE(r);
    receipts.insert(r->receipt_no);
  }
  CHECK(receipts.size() == 16);
  // The first caller may commit alone while the rest queue behind the lock.
  CHECK((*writer)->commits() <= 2);
  CHECK((*writer)->commits() >= 1);
}

TEST_CASE("Items over 1 MiB and bodies holding a full Aadhaar number are refused at enqueue",
          "[outbox][limits][privacy]") {
  const auto opts = options_in("outbox-limits");
  ManualClock clock;
  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  auto big = sample();
  big.fields["photo"] = std::string(1u << 20, 'a');
  auto refused = (*writer)->commit(big);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::InvalidInput);
  CHECK(refused.error().message.find("1 MiB") != std::string::npos);

  auto leaky = sample();
  leaky.fields["note"] = "uid 234567890124";
  auto refused_uid = (*writer)->commit(leaky);
  REQUIRE_FALSE(refused_uid);
  CHECK(refused_uid.error().message.find("Aadhaar") != std::string::npos);

  auto spaced = sample();
  spaced.fields["note"] = "आधार २३४५ ६७८९ ०१२४";
  CHECK_FALSE((*writer)->commit(spaced));

  // A UPI UTR is 12 digits, and txn_id is a UUID: neither is mistaken for an Aadhaar number.
  auto utr = sample();
  utr.payment_ref = "412345678901";
  utr.txn_id = "01a2232d-9500-7500-9711-e9cefbdc093a";
  CHECK((*writer)->commit(utr));

  auto unmasked = sample();
  unmasked.applicant.mobile_masked = "9876543210";
  CHECK_FALSE((*writer)->commit(unmasked));
  CHECK((*writer)->commit(sample()));  // the writer carries on
}

TEST_CASE("The database and its WAL never contain the applicant's name", "[outbox][privacy]") {
  const auto opts = options_in("outbox-privacy");
  ManualClock clock;
  const std::string sentinel = "Zebulon Quixotic Sentinel";
  {
    auto writer = OutboxWriter::start(opts, clock, {});
    REQUIRE(writer);
    for (int i = 0; i < 5; ++i) REQUIRE((*writer)->commit(sample(sentinel)));
    // Read back while the WAL still holds the pages.
    CHECK(file_bytes(opts.database.string() + "-wal").size() > 0);
    CHECK(file_bytes(opts.database.string() + "-wal").find(sentinel) == std::string::npos);
    CHECK(file_bytes(opts.database).find(sentinel) == std::string::npos);
  }
  CHECK(file_bytes(opts.database).find(sentinel) == std::string::npos);
  struct stat st {};
  REQUIRE(::stat(opts.key_file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  // The name is still there for delivery, behind the key.
  auto outbox = Outbox::open(opts, clock);
  auto leased = outbox->queue().lease(10, 1u << 20, true, 60s);
  REQUIRE(leased);
  REQUIRE(leased->size() == 5);
  CHECK(leased->front().transaction_json.find(sentinel) != std::string::npos);
}

TEST_CASE("A key file readable by others is refused, not replaced", "[outbox][privacy]") {
  const auto opts = options_in("outbox-keymode");
  ManualClock clock;
  REQUIRE(Outbox::open(opts, clock));
  REQUIRE(::chmod(opts.key_file.c_str(), 0644) == 0);
  auto refused = Outbox::open(opts, clock);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::Config);
  CHECK(refused.error().message.find("chmod 600") != std::string::npos);
}

TEST_CASE("Intake is refused while the clock is behind the backend's last Date",
          "[outbox][clock]") {
  const auto opts = options_in("outbox-clock");
  ManualClock clock;
  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  {
    auto outbox = Outbox::open(opts, clock);
    REQUIRE(outbox->clock_floor().record_server_date(clock.wall_now() + 1h));
    REQUIRE(outbox->clock_floor().record_server_date(clock.wall_now() +
                                                     30min));  // never lowers the floor
    CHECK(**outbox->clock_floor().floor() == clock.wall_now() + 1h);
  }
  auto refused = (*writer)->commit(sample());
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("set the clock") != std::string::npos);
  CHECK((*writer)->intake().accepting);  // a clock problem is not a disk problem
  clock.advance(1h + 1s);
  CHECK((*writer)->commit(sample()));
}

TEST_CASE("A full disk stops intake, loses nothing acknowledged, and intake resumes after",
          "[outbox][fault][disk]") {
  auto& vfs = testing::FaultVfs::install();
  const auto opts = options_in("outbox-diskfull");
  ManualClock clock;
  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  std::vector<std::string> acked;
  for (int i = 0; i < 3; ++i) acked.push_back((*writer)->commit(sample())->receipt_no);
  vfs.fail_writes_full = true;
  auto refused = (*writer)->commit(sample());
  vfs.fail_writes_full = false;
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::Unavailable);
  CHECK_FALSE((*writer)->intake().accepting);
  CHECK_FALSE((*writer)->intake().stopped_reason.empty());

  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  CHECK(outbox->views().stats()->pending == 3);
  auto after = (*writer)->commit(sample());
  REQUIRE(after);
  CHECK((*writer)->intake().accepting);
  auto listed = outbox->views().list(false, 10);
  REQUIRE(listed);
  CHECK(listed->size() == 4);
  for (const auto& r : acked)
    CHECK(std::any_of(listed->begin(), listed->end(), [&](auto& s) { return s.receipt_no == r; }));
}

TEST_CASE("Free space below the threshold raises the low-disk alert", "[outbox][disk]") {
  const auto opts = options_in("outbox-lowdisk");
  ManualClock clock;
  auto roomy = OutboxWriter::start(opts, clock, {.low_disk_bytes = 1, .on_committed = {}});
  REQUIRE((*roomy)->commit(sample()));
  CHECK_FALSE((*roomy)->intake().low_disk);
  CHECK((*roomy)->intake().free_bytes > 1);
  roomy->reset();
  // No disk here has an exabyte free: the same free space is now "low".
  auto tight = OutboxWriter::start(opts, clock, {.low_disk_bytes = 1ull << 60, .on_committed = {}});
  REQUIRE((*tight)->commit(sample()));
  CHECK((*tight)->intake().low_disk);
  CHECK((*tight)->intake().accepting);  // an alert, not a stop
}

TEST_CASE("An I/O error during commit is reported and nobody is acknowledged",
          "[outbox][fault][io]") {
  auto& vfs = testing::FaultVfs::install();
  const auto opts = options_in("outbox-ioerr");
  ManualClock clock;
  auto writer = OutboxWriter::start(opts, clock, {});
  REQUIRE(writer);
  vfs.fail_writes_io = true;
  auto refused = (*writer)->commit(sample());
  vfs.fail_writes_io = false;
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::Io);
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  CHECK(outbox->views().stats()->pending == 0);
  CHECK(sql::integer(outbox->database(), "SELECT count(*) FROM receipt_days")->value_or(-1) == 0);
}

TEST_CASE("Leases hand each item to one worker and expire with a dead process", "[outbox][lease]") {
  const auto opts = options_in("outbox-lease");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  for (int i = 0; i < 5; ++i) REQUIRE(outbox->intake().insert_transaction(sample()));
  auto first = outbox->queue().lease(3, 1u << 20, false, 60s);
  REQUIRE(first);
  CHECK(first->size() == 3);
  auto second = outbox->queue().lease(10, 1u << 20, false, 60s);
  REQUIRE(second);
  CHECK(second->size() == 2);  // the first three are in flight for a live process
  CHECK(outbox->queue().lease(10, 1u << 20, false, 60s)->empty());
  // A killed worker's lease: pid 0x7ffffff0 does not exist.
  REQUIRE(sql::run(outbox->database(), "UPDATE outbox SET lease_pid=2147483632 WHERE id<=3"));
  auto reclaimed = outbox->queue().lease(10, 1u << 20, false, 60s);
  REQUIRE(reclaimed);
  CHECK(reclaimed->size() == 3);
  // An expired lease of a live process is also free.
  clock.advance(61s);
  CHECK(outbox->queue().lease(10, 1u << 20, false, 60s)->size() == 5);
}

TEST_CASE("Rescheduled items wait their delay, dead items wait for a redrive with the same bytes",
          "[outbox][lease][dead]") {
  const auto opts = options_in("outbox-dead");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  auto c = outbox->intake().insert_transaction(sample());
  REQUIRE(c);
  auto leased = outbox->queue().lease(10, 1u << 20, false, 60s);
  REQUIRE(leased->size() == 1);
  const std::string bytes = leased->front().transaction_json;
  REQUIRE(outbox->queue().reschedule(c->id, 30s, {FailureCode::RetryLater, "HTTP 503"}));
  CHECK(outbox->queue().lease(10, 1u << 20, false, 60s)->empty());
  CHECK(outbox->queue().lease(10, 1u << 20, true, 60s)->size() ==
        1);  // sync --once ignores backoff
  REQUIRE(outbox->queue().mark_dead(c->id, {FailureCode::Rejected, "rejected: bad_service"}));
  clock.advance(1h);
  CHECK(outbox->queue().lease(10, 1u << 20, true, 60s)->empty());
  auto dead = outbox->views().list(true, 10);
  REQUIRE(dead->size() == 1);
  CHECK(dead->front().last_error == "rejected: bad_service");
  REQUIRE(outbox->queue().redrive(c->receipt_no));
  auto again = outbox->queue().lease(10, 1u << 20, false, 60s);
  REQUIRE(again->size() == 1);
  CHECK(again->front().idempotency_key == c->idempotency_key);
  CHECK(again->front().transaction_json == bytes);
  CHECK_FALSE(outbox->queue().redrive(c->receipt_no));  // not dead any more
}

TEST_CASE("A tampered sealed body is dead-lettered instead of sent", "[outbox][corrupt]") {
  const auto opts = options_in("outbox-tamper");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  auto c = outbox->intake().insert_transaction(sample());
  REQUIRE(outbox->intake().insert_transaction(sample()));
  REQUIRE(sql::run(
      outbox->database(),
      // Byte 41 is ciphertext, random: writing a fixed byte would leave it untouched once in
      // 256 runs, so write one that differs from what is there.
      "UPDATE outbox SET body = CAST(substr(body,1,40) || "
      "CASE WHEN substr(body,41,1)=x'00' THEN x'01' ELSE x'00' END || substr(body,42) AS BLOB) "
      "WHERE id=?",
      c->id));
  auto leased = outbox->queue().lease(10, 1u << 20, false, 60s);
  REQUIRE(leased);
  CHECK(leased->size() == 1);
  CHECK(outbox->views().stats()->dead == 1);
}

TEST_CASE("Retention drops delivered bodies after N days, keeps the receipt index, frees pages",
          "[outbox][retention]") {
  const auto opts = options_in("outbox-retention");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  REQUIRE(outbox);
  auto big = sample();
  big.fields["notes"] = std::string(20000, 'n');
  std::vector<Committed> done;
  for (int i = 0; i < 50; ++i) done.push_back(*outbox->intake().insert_transaction(big));
  auto keep = outbox->intake().insert_transaction(sample());
  for (const auto& c : done) REQUIRE(outbox->queue().mark_delivered(c.id, "B-1"));
  clock.advance(std::chrono::days(29));
  CHECK(*outbox->queue().apply_retention(std::chrono::days(30)) == 0);
  const auto pages_before = sql::integer(outbox->database(), "PRAGMA page_count")->value();
  clock.advance(std::chrono::days(2));
  CHECK(*outbox->queue().apply_retention(std::chrono::days(30)) == 50);
  const auto pages_after = sql::integer(outbox->database(), "PRAGMA page_count")->value();
  CHECK(pages_after < pages_before / 2);
  auto shown = outbox->views().show(done.front().receipt_no);
  REQUIRE(shown);
  CHECK(shown->first.purged);
  CHECK(shown->first.backend_ref == "B-1");
  CHECK(shown->second.empty());
  CHECK(outbox->views().stats()->purged == 50);
  CHECK(outbox->views().stats()->pending == 1);  // undelivered items are never purged
  CHECK_FALSE(outbox->views().show(keep->receipt_no)->first.purged);
}

TEST_CASE("Show masks the applicant's name", "[outbox][privacy]") {
  const auto opts = options_in("outbox-show");
  ManualClock clock;
  auto outbox = Outbox::open(opts, clock);
  auto c = outbox->intake().insert_transaction(sample("Ramesh Kumar"));
  auto shown = outbox->views().show(std::to_string(c->id));
  REQUIRE(shown);
  CHECK(shown->second.find("R***** K****") != std::string::npos);
  CHECK(shown->second.find("Ramesh") == std::string::npos);
  CHECK(shown->second.find("XXXX XXXX 1234") != std::string::npos);
}

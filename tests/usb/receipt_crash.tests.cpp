// The real csc-kiosk killed (SIGKILL) while a receipt is going to the simulated printer:
// after the restart the job is `unknown` and is not printed again by itself, and the half
// receipt left in the printer never prints, not even after a refill.
#include <signal.h>

#include <catch2/catch.hpp>

#include "kiosk/config/config.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/settings.h"
#include "tests/support/fonts.h"
#include "tests/support/running_kiosk.h"
#include "tests/support/samples.h"
#include "tests/usb/kiosk_config.h"
#include "tests/usb/usb_rig.h"

using kiosk::store::JobState;
using kiosk::testing::RunningKiosk;
using namespace usbtest;

namespace {

struct Receipts {
  kiosk::store::OutboxOptions outbox;
  kiosk::SystemClock clock = {};

  std::string commit(const std::string& name) {
    auto db = kiosk::store::Outbox::open(outbox, clock);
    REQUIRE(db);
    auto c = db->intake().insert_transaction(kiosk::testing::sample_transaction_with_receipt(name));
    REQUIRE(c);
    return c->receipt_no;
  }
  std::optional<kiosk::store::PrintJob> job(const std::string& receipt_no) {
    auto db = kiosk::store::Outbox::open(outbox, clock);
    if (!db) return std::nullopt;
    auto latest = db->print_jobs().latest(receipt_no);
    return latest && *latest ? std::optional(**latest) : std::nullopt;
  }
  std::optional<JobState> state(const std::string& receipt_no) {
    auto j = job(receipt_no);
    return j ? std::optional(j->state) : std::nullopt;
  }
};

}  // namespace

TEST_CASE("A kiosk killed mid-receipt finds the job unknown after restart, and nothing reprints",
          "[usb][printer][receipt][crash][xvfb]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  // Out of paper 40 rows in, and then it takes no more bytes: the job stays `sending` for
  // the driver's send timeout, long enough to kill the kiosk in the middle of it.
  printer->set_stops_taking_when_offline(true);
  printer->paper_out_after(48 * 40);
  const auto config_path = write_config("receipt-crash");
  auto config = kiosk::config::load(config_path.string());
  REQUIRE(config);
  Receipts receipts{kiosk::sync::outbox_options(*config)};
  const auto first = receipts.commit("Ramesh Kumar");  // queued before the kiosk starts
  {
    RunningKiosk kiosk(config_path);
    // Killed once the printer ran out mid-receipt and holds the rest of a band: the job is
    // `sending` by then. (Bytes in the buffer alone can be a band still arriving.)
    REQUIRE(eventually([&] { return printer->paper_out() && printer->buffered_bytes() > 0; }, 20s));
    REQUIRE(receipts.state(first) == JobState::Sending);
    REQUIRE(::kill(kiosk.kiosk_pid(), SIGKILL) == 0);
    REQUIRE(eventually([&] { return !kiosk.alive(); }));
  }
  CHECK(receipts.state(first) == JobState::Sending);  // nobody recorded an outcome
  REQUIRE(printer->buffered_bytes() > 0);             // half a receipt still in the printer

  RunningKiosk kiosk(config_path);
  CHECK(eventually([&] { return receipts.state(first) == JobState::Unknown; }, 20s));
  // The restarted driver cleared the printer before anything else.
  CHECK(eventually([&] { return printer->buffered_bytes() == 0; }, 10s));
  printer->set_paper_out(false);    // the operator loads paper
  std::this_thread::sleep_for(3s);  // more than the print worker's recheck (2 s)
  CHECK(printer->receipts().empty());
  CHECK(receipts.state(first) == JobState::Unknown);  // not queued again by itself

  // The next citizen's receipt prints whole: nothing of the old one is in front of it.
  const auto second = receipts.commit("Sita Devi");
  REQUIRE(eventually([&] { return receipts.state(second) == JobState::Done; }, 20s));
  const auto printed = printer->receipts();
  REQUIRE(printed.size() == 1);
  const auto job = receipts.job(second);
  REQUIRE(job);
  auto fields = kiosk::receipt::receipt_from_json(nlohmann::json::parse(job->fields_json));
  REQUIRE(fields);
  auto expected = kiosk::receipt::layout_receipt(kiosk::testing::shared_engine(), *fields, 384);
  REQUIRE(expected);
  CHECK(printed[0].bits == expected->bits);
  INFO(kiosk.log());
  CHECK(kiosk.log().find("were being printed when the kiosk stopped") != std::string::npos);
}

// A receipt from commit to paper, for real: the transaction and its print job on SQLite,
// the print worker laying it out with the text engine, the kiosk's USB device port, the
// printer driver over libusb and the simulated ESC/POS printer on umockdev.
#include <catch2/catch.hpp>

#include "apps/usb_device_port.h"
#include "kiosk/core/image.h"
#include "kiosk/qr/receipt_qr.h"
#include "kiosk/receipt/print_worker.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/receipt/test_receipt.h"
#include "tests/support/fonts.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using kiosk::receipt::ReceiptStatus;
using kiosk::store::JobState;

namespace {

struct ReceiptRig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> sim = bus.plug(simusb::receipt_printer(), 1);
  kiosk::SystemClock clock;
  kiosk::store::OutboxOptions outbox;
  apps::PrintQueues queues{{"receipt_printer"}};
  drivers::usb::UsbDeviceManager manager{
      {printer_by_class()}, apps::kiosk_drivers(&queues), quick()};
  apps::UsbDevicePort port{manager, queues};
  std::mutex mutex;
  std::vector<ReceiptStatus> told;
  std::unique_ptr<kiosk::receipt::PrintWorker> worker;

  explicit ReceiptRig(const std::string& name, bool native_qr = false) {
    const auto dir = kiosk::testing::scratch_dir(name);
    outbox = {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
    kiosk::receipt::PrintWorkerOptions options{
        outbox, "receipt_printer", 384, std::chrono::seconds(10), 100ms, native_qr};
    worker = std::make_unique<kiosk::receipt::PrintWorker>(
        options, clock, kiosk::testing::shared_engine(), port, [this](const ReceiptStatus& s) {
          std::lock_guard lock(mutex);
          told.push_back(s);
        });
    manager.start();
    REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  }
  ~ReceiptRig() {
    worker.reset();
    manager.stop();
  }
  std::string commit() {
    auto db = kiosk::store::Outbox::open(outbox, clock);
    REQUIRE(db);
    auto c = db->intake().insert_transaction(kiosk::testing::sample_transaction_with_receipt());
    REQUIRE(c);
    return c->receipt_no;
  }
  std::optional<JobState> last_told(const std::string& receipt_no) {
    std::lock_guard lock(mutex);
    for (auto it = told.rbegin(); it != told.rend(); ++it)
      if (it->receipt_no == receipt_no) return it->state;
    return std::nullopt;
  }
  JobState stored(const std::string& receipt_no) {
    auto db = kiosk::store::Outbox::open(outbox, clock);
    return (*db->print_jobs().latest(receipt_no))->state;
  }
};

}  // namespace

TEST_CASE("A committed receipt prints on the simulated printer and is stored as done",
          "[usb][printer][receipt][journey]") {
  ReceiptRig rig("receipt-journey-done");
  const auto receipt_no = rig.commit();
  rig.worker->start();
  REQUIRE(eventually([&] { return rig.last_told(receipt_no) == JobState::Done; }, 10s));
  CHECK(rig.stored(receipt_no) == JobState::Done);
  const auto receipts = rig.sim->receipts();  // a copy: the simulator keeps printing
  REQUIRE(receipts.size() == 1);
  const auto& printed = receipts[0];
  CHECK(printed.width_dots == 384);
  // The printed dots are the layout's bitmap, row for row.
  auto fields = kiosk::receipt::receipt_from_json(nlohmann::json::parse(
      (*kiosk::store::Outbox::open(rig.outbox, rig.clock)->print_jobs().latest(receipt_no))
          ->fields_json));
  REQUIRE(fields);
  auto expected = kiosk::receipt::layout_receipt(kiosk::testing::shared_engine(), *fields, 384);
  REQUIRE(expected);
  CHECK(printed.height == expected->height);
  CHECK(printed.bits == expected->bits);
}

TEST_CASE("Paper out fails the receipt in the store, and only a reprint prints it after a refill",
          "[usb][printer][receipt][journey][paper]") {
  ReceiptRig rig("receipt-journey-paper");
  rig.sim->set_paper_out(true);
  const auto receipt_no = rig.commit();
  rig.worker->start();
  REQUIRE(eventually([&] { return rig.last_told(receipt_no) == JobState::Failed; }, 10s));
  CHECK(rig.stored(receipt_no) == JobState::Failed);
  rig.sim->set_paper_out(false);  // the operator loads paper
  std::this_thread::sleep_for(500ms);
  CHECK(rig.sim->receipts().empty());  // a refill reprints nothing by itself
  rig.worker->reprint(receipt_no);     // the citizen taps "print again"
  REQUIRE(eventually([&] { return rig.last_told(receipt_no) == JobState::Done; }, 10s));
  CHECK(rig.sim->receipts().size() == 1);
}

TEST_CASE("A test receipt prints between jobs, is never stored, and says why it failed",
          "[usb][printer][receipt][print-test]") {
  ReceiptRig rig("receipt-print-test");
  rig.worker->start();
  const auto test = kiosk::receipt::test_receipt("CSC-77", "CG-RPR-0042", rig.clock.wall_now());
  auto printed = rig.worker->print_test(test, 10s);
  REQUIRE(printed);
  REQUIRE(*printed);
  CHECK((*printed)->outcome == kiosk::devices::PrintOutcome::Done);
  const auto receipts = rig.sim->receipts();
  REQUIRE(receipts.size() == 1);
  auto expected = kiosk::receipt::layout_receipt(kiosk::testing::shared_engine(), test, 384);
  REQUIRE(expected);
  CHECK(receipts[0].bits == expected->bits);
  auto db = kiosk::store::Outbox::open(rig.outbox, rig.clock);
  REQUIRE(db);
  auto stored = db->print_jobs().latest(test.receipt_no);
  REQUIRE(stored);
  CHECK_FALSE(*stored);  // no print job: it is no citizen's receipt

  rig.sim->set_paper_out(true);
  printed = rig.worker->print_test(test, 10s);
  REQUIRE(printed);
  REQUIRE(*printed);
  CHECK((*printed)->outcome == kiosk::devices::PrintOutcome::Failed);
  CHECK((*printed)->reason == "paper out");

  rig.bus.unplug(rig.sim);
  REQUIRE(
      eventually([&] { return status_of(rig.manager, "receipt_printer") == Status::NoDevice; }));
  const auto missing = rig.worker->print_test(test, 10s);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == kiosk::Errc::NoDevice);
}

TEST_CASE("A printer that declares native QR gets the text as raster and the QR as GS ( k",
          "[usb][printer][receipt][journey][qr]") {
  ReceiptRig rig("receipt-journey-native-qr", /*native_qr=*/true);
  const auto receipt_no = rig.commit();
  rig.worker->start();
  REQUIRE(eventually([&] { return rig.last_told(receipt_no) == JobState::Done; }, 10s));
  const auto receipts = rig.sim->receipts();
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].qr_codes == std::vector<std::string>{*kiosk::qr::build_receipt_qr(receipt_no)});
  auto fields = kiosk::receipt::receipt_from_json(nlohmann::json::parse(
      (*kiosk::store::Outbox::open(rig.outbox, rig.clock)->print_jobs().latest(receipt_no))
          ->fields_json));
  REQUIRE(fields);
  auto text = kiosk::receipt::layout_receipt(kiosk::testing::shared_engine(), *fields, 384,
                                             kiosk::receipt::QrIn::Printer);
  REQUIRE(text);
  REQUIRE(receipts[0].bits.size() > text->bits.size());  // the printer's QR under the text
  CHECK(std::equal(text->bits.begin(), text->bits.end(), receipts[0].bits.begin()));
  // For a person to look at: build/*/artifacts/receipt-native-qr.png, as the printer drew it.
  kiosk::Image png{receipts[0].width_dots, receipts[0].height, 1, {}};
  for (int y = 0; y < png.height; ++y)
    for (int x = 0; x < png.width; ++x)
      png.pixels.push_back(
          receipts[0].bits[static_cast<std::size_t>(y * 48 + x / 8)] & (0x80 >> (x % 8)) ? 0 : 255);
  std::filesystem::create_directories(kiosk::testing::artifacts_dir());
  CHECK(kiosk::write_png(kiosk::testing::artifacts_dir() / "receipt-native-qr.png", png));
}

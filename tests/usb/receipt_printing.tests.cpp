// Receipt jobs through the printer driver, real libusb, and the simulated ESC/POS printer
// on umockdev: `done` only when the printer confirmed in order, failures honest, and a
// refill never prints a failed receipt's tail.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "drivers/printer/driver.h"
#include "drivers/printer/escpos.h"
#include "drivers/usb/plain_drivers.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
namespace printer = drivers::printer;
namespace escpos = drivers::printer::escpos;
using drivers::model::SupplyLevel;
using printer::PrintOutcome;

namespace {

// One receipt: init, `rows` raster rows of 384 dots in 24-row bands, feed and cut.
escpos::Bytes receipt(int rows) {
  escpos::Raster r{384, rows, std::vector<std::uint8_t>(static_cast<std::size_t>(48 * rows), 0x3C)};
  auto out = escpos::init();
  for (const auto& part : {escpos::raster(r, 24), escpos::feed_and_cut()})
    out.insert(out.end(), part.begin(), part.end());
  return out;
}

struct PrintRig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> sim = bus.plug(simusb::receipt_printer(), 1);
  std::shared_ptr<printer::PrintQueue> queue = std::make_shared<printer::PrintQueue>();
  std::mutex mutex;
  std::vector<printer::PrintResult> results;
  std::unique_ptr<drivers::usb::UsbDeviceManager> manager;

  PrintRig() {
    printer::PrinterOptions options;
    options.queue_for = [q = queue](const std::string&) { return q; };
    options.send_timeout = 300ms;  // short, so that failures end within a test
    options.confirm_timeout = 400ms;
    drivers::usb::DriverTable table;
    printer::register_drivers(table, options);
    drivers::usb::register_plain_drivers(table);
    manager = std::make_unique<drivers::usb::UsbDeviceManager>(std::vector{printer_by_class()},
                                                               std::move(table), quick());
    queue->set_on_result([this](const printer::PrintResult& r) {
      std::lock_guard lock(mutex);
      results.push_back(r);
    });
    manager->step();
    REQUIRE(status_of(*manager, "receipt_printer") == Status::Online);
  }
  // Submits one job and runs passes until its outcome is in.
  printer::PrintResult print(const escpos::Bytes& bytes, std::int64_t id = 1) {
    queue->submit({id, bytes});
    for (int pass = 0; pass < 20; ++pass) {
      manager->step();
      std::lock_guard lock(mutex);
      for (const auto& r : results)
        if (r.id == id) return r;
    }
    FAIL("no outcome for job " << id);
    return {};
  }
  drivers::model::DeviceState state() const { return *manager->state("receipt_printer"); }
};

}  // namespace

TEST_CASE("A receipt is done only after the printer confirms it in order", "[usb][printer][job]") {
  PrintRig rig;
  std::atomic<int> cut{0};  // what csc-kiosk-simusb --receipts writes out as PNGs
  rig.sim->on_receipt([&](const simusb::PrintedImage& image) { cut += image.height == 60; });
  const auto r = rig.print(receipt(60));
  CHECK(r.outcome == PrintOutcome::Done);
  CHECK(cut == 1);
  CHECK(r.reason.empty());
  REQUIRE(rig.sim->receipts().size() == 1);
  CHECK(rig.sim->receipts()[0].height == 60);
  CHECK(rig.sim->receipts()[0].width_dots == 384);
  CHECK(rig.state().status == Status::Online);
}

TEST_CASE("Paper near its end prints and leaves the paper low, which polls do not undo",
          "[usb][printer][job][supply]") {
  PrintRig rig;
  rig.sim->set_paper_near_end(true);
  CHECK(rig.print(receipt(30)).outcome == PrintOutcome::Done);
  CHECK(rig.state().supplies.at("paper") == SupplyLevel::Low);
  rig.manager->step();  // a port-status poll: it cannot see near-end, and keeps it
  rig.manager->step();
  CHECK(rig.state().supplies.at("paper") == SupplyLevel::Low);
}

TEST_CASE("Paper out before a job fails it honestly and sends nothing of it",
          "[usb][printer][job][paper]") {
  PrintRig rig;
  rig.sim->set_paper_out(true);
  const auto r = rig.print(receipt(30));
  CHECK(r.outcome == PrintOutcome::Failed);
  CHECK(r.reason == "paper out");
  CHECK(rig.sim->buffered_bytes() == 0);
  CHECK(rig.state().action == drivers::model::Action::LoadPaper);
  rig.sim->set_paper_out(false);
  CHECK(rig.sim->receipts().empty());
}

TEST_CASE("Paper running out mid-receipt fails the job, and a refill prints nothing",
          "[usb][printer][job][paper]") {
  for (const bool stops_taking : {false, true}) {
    INFO((stops_taking ? "stops taking bytes when out" : "keeps taking bytes when out"));
    PrintRig rig;
    rig.sim->set_stops_taking_when_offline(stops_taking);
    rig.sim->paper_out_after(48 * 40);  // 40 rows of a 200-row receipt
    const auto r = rig.print(receipt(200));
    CHECK(r.outcome == PrintOutcome::Failed);
    CHECK(r.reason == "paper out");
    CHECK(rig.state().supplies.at("paper") == SupplyLevel::Out);
    rig.sim->set_paper_out(false);  // the operator loads paper
    rig.manager->step();
    CHECK(rig.sim->receipts().empty());  // the failed receipt's tail was cleared
  }
}

TEST_CASE("Without the buffer clear, the same refill would print the failed tail",
          "[usb][printer][job][paper]") {
  // The positive control of the test above, on the simulator alone.
  simusb::EscPosModel model;
  model.paper_out_after(48 * 40);
  model.receive(receipt(200));
  REQUIRE(model.paper_out());
  model.set_paper_out(false);
  CHECK(model.receipts().size() == 1);
}

TEST_CASE("An open cover fails the job, a printer that never answers GS r makes it unknown",
          "[usb][printer][job][status]") {
  {
    PrintRig rig;
    rig.sim->set_cover_open(true);
    const auto r = rig.print(receipt(30));
    CHECK(r.outcome == PrintOutcome::Failed);
    CHECK(r.reason == "cover open");
    CHECK(rig.state().action == drivers::model::Action::CloseCover);
    rig.manager->step();  // a port-status poll (error bit) keeps the cover's action
    CHECK(rig.state().action == drivers::model::Action::CloseCover);
    rig.sim->set_cover_open(false);
    rig.manager->step();
    CHECK(rig.sim->receipts().empty());
    CHECK(rig.state().status == Status::Online);
    CHECK(rig.state().action == drivers::model::Action::None);
  }
  {
    PrintRig rig;
    rig.sim->set_ignores_gs_r(true);
    const auto r = rig.print(receipt(30));
    CHECK(r.outcome == PrintOutcome::Unknown);  // it may well have printed: never "done"
    CHECK(r.reason == "the printer did not confirm the receipt");
  }
}

TEST_CASE("A cover opened mid-receipt fails the job, and closing it prints nothing",
          "[usb][printer][job][status]") {
  PrintRig rig;
  const auto bytes = receipt(2000);  // 96 KB: the cover opens while it is arriving
  std::thread opener([&] {
    for (int i = 0; i < 5000 && rig.sim->received().size() < 8192; ++i)
      std::this_thread::sleep_for(1ms);
    rig.sim->set_cover_open(true);
  });
  const auto r = rig.print(bytes);
  opener.join();
  CHECK(r.outcome == PrintOutcome::Failed);
  CHECK(r.reason == "cover open");
  CHECK(rig.state().action == drivers::model::Action::CloseCover);
  rig.sim->set_cover_open(false);  // the operator closes it
  rig.manager->step();
  CHECK(rig.sim->receipts().empty());  // the buffer was cleared: no half receipt
  CHECK(rig.sim->buffered_bytes() == 0);
}

TEST_CASE("A jammed cutter fails the job before a byte is sent, and DLE EOT 3 says why",
          "[usb][printer][job][status]") {
  PrintRig rig;
  rig.sim->set_cutter_jammed(true);
  const auto r = rig.print(receipt(30));
  CHECK(r.outcome == PrintOutcome::Failed);
  CHECK(r.reason == "cutter error");
  CHECK(rig.sim->buffered_bytes() == 0);
  rig.manager->step();  // a port-status poll (error bit) keeps what ESC/POS said
  CHECK(rig.state().detail == "last receipt: cutter error");
  CHECK(rig.state().action == drivers::model::Action::Maintenance);
  rig.sim->set_cutter_jammed(false);  // the operator clears it: the next job prints
  CHECK(rig.print(receipt(20), 2).outcome == PrintOutcome::Done);
  CHECK(rig.sim->receipts().size() == 1);
}

TEST_CASE("A bulk OUT that stalls mid-receipt makes the job unknown, and the printer recovers",
          "[usb][printer][job][stall]") {
  PrintRig rig;
  const auto bytes = receipt(2000);  // 96 KB: 24 transfers of 4 KiB
  std::atomic<bool> stalled{false};
  std::thread staller([&] {
    for (int i = 0; i < 5000 && rig.sim->received().size() < 8192; ++i)
      std::this_thread::sleep_for(1ms);
    rig.sim->stall(0x01);  // the bulk OUT endpoint
    stalled = true;
  });
  const auto r = rig.print(bytes);
  staller.join();
  REQUIRE(stalled);
  REQUIRE(rig.sim->received().size() < bytes.size());  // it stalled before the end
  CHECK(r.outcome == PrintOutcome::Unknown);           // part of it may have printed
  CHECK(r.reason == "the printer stopped answering (pipe) while printing; it is being reconnected");
  CHECK(rig.sim->receipts().empty());
  // A stall drops the handle (usb_error.h means_handle_lost): found again, its halt cleared
  // at the claim, it prints the next receipt.
  CHECK(rig.state().fault == drivers::model::Fault::Pipe);
  for (int pass = 0; pass < 20 && status_of(*rig.manager, "receipt_printer") != Status::Online;
       ++pass) {
    std::this_thread::sleep_for(50ms);
    rig.manager->step();
  }
  REQUIRE(status_of(*rig.manager, "receipt_printer") == Status::Online);
  CHECK(rig.print(receipt(20), 2).outcome == PrintOutcome::Done);
}

TEST_CASE("A printer that takes no bytes fails the job: nothing of it was sent",
          "[usb][printer][job][timeout]") {
  PrintRig rig;
  rig.sim->set_unresponsive(true);
  const auto r = rig.print(receipt(30));
  CHECK(r.outcome == PrintOutcome::Failed);
  CHECK(r.reason == "the printer does not take commands");
  CHECK(rig.sim->receipts().empty());
}

TEST_CASE("A printer that takes part of a chunk and then hangs makes the job unknown, not failed",
          "[usb][printer][job][timeout]") {
  PrintRig rig;
  const auto before = rig.sim->received().size();  // the buffer clear at claim
  rig.sim->hang_out_after(1000);  // the status questions, then part of the first 4 KiB chunk
  const auto r = rig.print(receipt(200));
  CHECK(r.outcome == PrintOutcome::Unknown);  // ~1000 bytes went in: part of it may print
  CHECK(r.reason == "the printer did not confirm the receipt");
  CHECK(rig.sim->received().size() - before == 1000);
  CHECK(rig.sim->receipts().empty());
}

TEST_CASE("Unplugged mid-job, the job is unknown and the printer comes back without a restart",
          "[usb][printer][job][unplug]") {
  PrintRig rig;
  rig.sim->hang_out_after(1000);  // it took part of the receipt, then holds the transfer
  rig.queue->submit({7, receipt(100)});
  std::thread unplug([&] {
    std::this_thread::sleep_for(100ms);
    rig.bus.unplug(rig.sim);
  });
  rig.manager->step();
  unplug.join();
  {
    std::lock_guard lock(rig.mutex);
    REQUIRE(rig.results.size() == 1);
    CHECK(rig.results[0].id == 7);
    CHECK(rig.results[0].outcome == PrintOutcome::Unknown);  // 1000 bytes of it went in
    CHECK(rig.results[0].reason == "the printer went away while printing");
  }
  CHECK_FALSE(rig.queue->submit({9, receipt(20)}));  // no driver serves it: nothing waits
  rig.manager->step();
  CHECK(status_of(*rig.manager, "receipt_printer") == Status::NoDevice);
  rig.sim = rig.bus.plug(simusb::receipt_printer(), 1);
  rig.manager->step();
  CHECK(status_of(*rig.manager, "receipt_printer") == Status::Online);
  CHECK(rig.print(receipt(20), 8).outcome == PrintOutcome::Done);
}

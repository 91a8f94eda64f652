// The driver seam under umockdev: drivers chosen per interface, the printer named and
// polled by drivers/printer, and state queries that never wait on a transfer.
#include <catch2/catch.hpp>
#include <thread>

#include "drivers/printer/driver.h"
#include "drivers/usb/plain_drivers.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using drivers::usb::DriverTable;
using drivers::usb::UsbDeviceManager;
using Clock = std::chrono::steady_clock;

TEST_CASE("The printer-class driver names a printer whose descriptors lack a model",
          "[usb][seam][printer]") {
  simusb::SimBus bus;
  auto spec = simusb::receipt_printer();
  spec.manufacturer.clear();
  spec.product.clear();  // a cheap clone: no iProduct, the model only in GET_DEVICE_ID
  bus.plug(spec, 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  const auto s = manager.state("receipt_printer");
  REQUIRE(s);
  CHECK(s->status == Status::Online);
  REQUIRE(s->identity);
  CHECK(s->identity->product == "TM-T20II");
  CHECK(s->identity->manufacturer == "EPSON");
  CHECK(s->supplies.at("paper") == drivers::model::SupplyLevel::Unknown);  // polled
}

TEST_CASE("Without the printer driver the same printer is only held, never polled",
          "[usb][seam][printer]") {
  // Positive control for the test above: the identity and the paper level come from the
  // driver, not from the manager.
  simusb::SimBus bus;
  auto spec = simusb::receipt_printer();
  spec.product.clear();
  bus.plug(spec, 1);
  DriverTable plain;
  drivers::usb::register_plain_drivers(plain);
  UsbDeviceManager manager({printer_by_class()}, std::move(plain), quick());
  manager.step();
  const auto s = manager.state("receipt_printer");
  REQUIRE(s);
  CHECK(s->status == Status::Online);
  CHECK(s->identity->product.empty());
  CHECK_FALSE(s->supplies.contains("paper"));
}

TEST_CASE("A composite device matched by its id gets the driver of the interface one drives",
          "[usb][seam][match]") {
  // Interface 0 a HID keyboard, interface 1 the printer (a printer with a keypad). The
  // plain fallback would take interface 0; the printer driver drives interface 1 and wins.
  auto spec = simusb::receipt_printer();
  spec.interfaces.insert(spec.interfaces.begin(), simusb::keyboard_scanner().interfaces.front());
  spec.interfaces.front().endpoints.front().address = 0x83;
  DeviceSpec entry{"receipt_printer", DeviceKind::Printer, Mode::Claim,
                   drivers::model::MatchSpec{.vendor_id = 0x04b8, .product_id = 0x0e15}};
  const auto attach = [&](const DeviceSpec& e) {
    simusb::SimBus bus;
    bus.plug(spec, 1);
    UsbDeviceManager manager({e}, kiosk_drivers(), quick());
    manager.step();
    return *manager.state("receipt_printer");
  };
  const auto s = attach(entry);
  CHECK(s.status == Status::Online);
  CHECK(s.detail == "claimed interface 1");
  CHECK(s.supplies.contains("paper"));  // polled by the printer driver
  // The control: matched to interface 0 by its class, only the plain fallback drives it.
  entry.match->interface_class = 3;
  const auto held = attach(entry);
  CHECK(held.detail == "claimed interface 0");
  CHECK_FALSE(held.supplies.contains("paper"));
}

TEST_CASE("An interface no registered driver drives is reported, not claimed",
          "[usb][seam][match]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 1);
  DriverTable printers_only;
  drivers::printer::register_drivers(printers_only);
  UsbDeviceManager manager({by_vid_pid("qr_scanner", 0x1eab, 0x1303)}, std::move(printers_only),
                           quick());
  manager.step();
  const auto s = manager.state("qr_scanner");
  REQUIRE(s);
  CHECK(s->status == Status::Unknown);
  CHECK(s->detail.find("no driver for interface 0 (class 3/1/1)") != std::string::npos);
  CHECK(sim->claims() == 0);
}

TEST_CASE("A state query answers within 50 ms while a 500 ms class request hangs",
          "[usb][seam][locks][timeout]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  REQUIRE(status_of(manager, "receipt_printer") == Status::Online);
  sim->set_class_control_unresponsive(true);
  Clock::duration pass_took{};
  std::thread pass([&] {
    const auto start = Clock::now();
    manager.step();  // GET_PORT_STATUS hangs until the driver's 500 ms timeout
    pass_took = Clock::now() - start;
  });
  REQUIRE(eventually([&] { return sim->hung_class_requests() > 0; }, 2s));
  const auto asked = Clock::now();
  const auto states = manager.states();
  const auto answered_us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - asked).count();
  pass.join();
  CHECK(answered_us < 50'000);  // printed with -s: the figure in docs/usb.md
  REQUIRE(states.size() == 1);
  CHECK(states[0].status == Status::Online);
  // The query really overlapped the hanging transfer: the pass waited out its timeout.
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(pass_took).count() >= 400);
  CHECK(manager.state("receipt_printer")->fault == drivers::model::Fault::Timeout);
}

TEST_CASE("Stopping the manager cancels a hanging class request at once", "[usb][seam][cancel]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  auto options = quick();
  options.rescan_period = 50ms;
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), options);
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  sim->set_class_control_unresponsive(true);
  REQUIRE(eventually([&] { return sim->hung_class_requests() > 0; }, 2s));
  const auto start = Clock::now();
  manager.stop();
  CHECK(Clock::now() - start < 300ms);  // not the transfer's 500 ms timeout
  // After the stop the printer is released and found again on the next start.
  sim->set_class_control_unresponsive(false);
  manager.start();
  CHECK(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
}

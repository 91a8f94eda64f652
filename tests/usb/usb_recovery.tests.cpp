// Recovery: stalls, unplug mid-transfer, replug and hotplug, with the manager's own device
// thread running as in the kiosk.
#include <catch2/catch.hpp>
#include <future>

#include "tests/usb/usb_rig.h"

using namespace usbtest;
using drivers::usb::UsbDeviceManager;
using drivers::usb::UsbErrc;

TEST_CASE("A stall fails the transfer with pipe and the printer is found again",
          "[usb][recovery][stall]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick(50ms));
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  sim->stall(0x82);
  auto reply = manager.read("receipt_printer", 64, {500ms});
  REQUIRE_FALSE(reply);
  CHECK(reply.error().code == UsbErrc::Pipe);
  // The handle was dropped, the device re-found after the settle delay and its halt cleared.
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  CHECK(sim->claims() >= 2);
  REQUIRE(manager.write("receipt_printer", std::vector<std::uint8_t>{0x10, 0x04, 0x01}, {500ms}));
  auto again = manager.read("receipt_printer", 64, {500ms});
  REQUIRE(again);
  CHECK(again->size() == 1);
}

TEST_CASE("Unplugging mid-transfer reports no-device within a second", "[usb][recovery][unplug]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick(50ms));
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  auto pending =
      std::async(std::launch::async, [&] { return manager.read("receipt_printer", 64, {10s}); });
  std::this_thread::sleep_for(100ms);
  const auto pulled = std::chrono::steady_clock::now();
  bus.unplug(sim);
  REQUIRE(pending.wait_for(1s) == std::future_status::ready);
  auto result = pending.get();
  REQUIRE_FALSE(result);
  CHECK(result.error().code == UsbErrc::NoDevice);
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::NoDevice; }));
  CHECK(std::chrono::steady_clock::now() - pulled < 1s);
}

TEST_CASE("A replugged printer comes back online without a restart", "[usb][recovery][replug]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick(100ms));
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  const auto first_location = manager.state("receipt_printer")->identity->location;
  bus.unplug(sim);
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::NoDevice; }));
  auto again = bus.replug(sim);
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }));
  CHECK(manager.state("receipt_printer")->identity->location != first_location);
  REQUIRE(manager.write("receipt_printer", std::vector<std::uint8_t>{0x1b, 0x40}, {500ms}));
  CHECK(again->received() == std::vector<std::uint8_t>{0x1b, 0x40});
}

TEST_CASE("A device plugged in later is found without waiting for the periodic scan",
          "[usb][recovery][hotplug]") {
  simusb::SimBus bus;
  auto options = quick(0ms);
  options.rescan_period = std::chrono::seconds(30);  // only hotplug can be this quick
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), options);
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "receipt_printer") == Status::NoDevice; }));
  if (!manager.hotplug_active()) {
    WARN("libusb has no hotplug here; the periodic scan covers it");
    return;
  }
  bus.plug(simusb::receipt_printer(), 1);
  CHECK(eventually([&] { return status_of(manager, "receipt_printer") == Status::Online; }, 5s));
}

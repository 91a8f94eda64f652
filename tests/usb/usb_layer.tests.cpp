// The USB layer through real libusb against umockdev simulated devices (tools/simusb).
#include <catch2/catch.hpp>
#include <future>

#include "drivers/usb/device_handle.h"
#include "drivers/usb/transfer.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using drivers::model::CancelToken;
using drivers::model::CommandOptions;
using drivers::usb::Direction;
using drivers::usb::EndpointType;
using drivers::usb::UsbContext;
using drivers::usb::UsbDeviceManager;
using drivers::usb::UsbErrc;

namespace {

const std::vector<std::uint8_t> kDleEot4{0x10, 0x04, 0x04};  // ESC/POS: paper sensor status

}  // namespace

TEST_CASE("Enumeration reads classes and unusual endpoint numbers from the descriptors",
          "[usb][enumerate][descriptors]") {
  simusb::SimBus bus;
  bus.plug(simusb::receipt_printer(/*out_ep=*/0x03, /*in_ep=*/0x8e), 1);
  bus.plug(simusb::keyboard_scanner(), 2);
  auto context = UsbContext::create();
  REQUIRE(context);
  auto devices = (*context)->list_devices();
  REQUIRE(devices);
  REQUIRE(devices->size() == 2);
  const auto& printer = devices->at(0).vendor_id == 0x04b8 ? devices->at(0) : devices->at(1);
  CHECK(printer.usb_id() == "04b8:0e15");
  REQUIRE(printer.interfaces.size() == 1);
  const auto& iface = printer.interfaces[0];
  CHECK(iface.interface_class == 7);
  CHECK(iface.interface_subclass == 1);
  CHECK(iface.interface_protocol == 2);
  const auto out = iface.find_endpoint(Direction::Out, EndpointType::Bulk);
  const auto in = iface.find_endpoint(Direction::In, EndpointType::Bulk);
  REQUIRE(out);
  REQUIRE(in);
  CHECK(out->address == 0x03);
  CHECK(in->address == 0x8e);
  CHECK(in->max_packet_size == 64);
  const auto& scanner = &printer == &devices->at(0) ? devices->at(1) : devices->at(0);
  REQUIRE(scanner.interfaces.size() == 1);
  CHECK(scanner.interfaces[0].interface_class == 3);
  CHECK(scanner.interfaces[0].find_endpoint(Direction::In, EndpointType::Interrupt)->address ==
        0x81);
}

TEST_CASE("A printer matches by interface class 7 and a scanner by VID and PID", "[usb][match]") {
  simusb::SimBus bus;
  bus.plug(simusb::receipt_printer(), 1);
  bus.plug(simusb::keyboard_scanner(), 2);
  UsbDeviceManager manager({printer_by_class(), by_vid_pid("qr_scanner", 0x1eab, 0x1303)},
                           kiosk_drivers(), quick());
  manager.step();
  const auto printer = manager.state("receipt_printer");
  const auto scanner = manager.state("qr_scanner");
  REQUIRE(printer);
  REQUIRE(scanner);
  CHECK(printer->status == Status::Online);
  CHECK(printer->matched_by == "class 7");
  REQUIRE(printer->identity);
  CHECK(printer->identity->manufacturer == "EPSON");
  CHECK(printer->identity->product == "TM-T20II (simulated)");
  CHECK(printer->identity->serial == "SIM-PRN-0001");
  CHECK(printer->identity->usb_id == "04b8:0e15");
  CHECK(scanner->status == Status::Online);
  CHECK(scanner->matched_by == "vid:pid");
  CHECK(scanner->identity->product == "Barcode scanner (simulated)");
}

TEST_CASE("A device with another serial number does not match", "[usb][match][serial]") {
  simusb::SimBus bus;
  bus.plug(simusb::receipt_printer(), 1);
  auto wrong = printer_by_class("wrong");
  wrong.match->serial = "SOMEONE-ELSE";
  auto right = printer_by_class("right");
  right.match->vendor_id = 0x04b8;
  right.match->serial = "SIM-PRN-0001";
  UsbDeviceManager manager({wrong, right}, kiosk_drivers(), quick());
  manager.step();
  CHECK(status_of(manager, "wrong") == Status::NoDevice);
  CHECK(status_of(manager, "right") == Status::Online);
  CHECK(manager.state("right")->matched_by == "vid:pid+serial+class 7");
}

TEST_CASE("Nothing on the bus means no-device with the reconnect action", "[usb][match]") {
  simusb::SimBus bus;
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  const auto s = manager.state("receipt_printer");
  CHECK(s->status == Status::NoDevice);
  CHECK(s->action == drivers::model::Action::Reconnect);
}

TEST_CASE("Claiming detaches the kernel driver that holds the interface", "[usb][claim][kernel]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  REQUIRE(sim->kernel_driver_bound());  // usblp holds it, as on a real kiosk
  auto context = UsbContext::create();
  REQUIRE(context);
  auto devices = (*context)->list_devices();
  REQUIRE(devices);
  auto handle = drivers::usb::UsbDeviceHandle::open(*context, devices->at(0));
  REQUIRE(handle);
  CHECK((*handle)->kernel_driver_active(0).value_or(false));
  REQUIRE((*handle)->claim(0));
  CHECK_FALSE(sim->kernel_driver_bound());
  CHECK(sim->claims() == 1);
}

TEST_CASE("Data goes to and comes from the endpoints the descriptors name",
          "[usb][transfer][descriptors]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(0x03, 0x8e), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  REQUIRE(status_of(manager, "receipt_printer") == Status::Online);
  auto written = manager.write("receipt_printer", kDleEot4, {500ms});
  REQUIRE(written);
  CHECK(*written == 3);
  CHECK(sim->received() == kDleEot4);
  auto reply = manager.read("receipt_printer", 64, {500ms});
  REQUIRE(reply);
  CHECK(*reply == std::vector<std::uint8_t>{0x12});  // paper adequate
}

TEST_CASE("A read with nothing to read times out and the device stays online",
          "[usb][transfer][timeout]") {
  simusb::SimBus bus;
  bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  auto reply = manager.read("receipt_printer", 64, {150ms});
  REQUIRE_FALSE(reply);
  CHECK(reply.error().code == UsbErrc::Timeout);
  CHECK(status_of(manager, "receipt_printer") == Status::Online);
}

TEST_CASE("A write to a printer that stops answering times out", "[usb][transfer][timeout]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  sim->set_unresponsive(true);
  auto written = manager.write("receipt_printer", kDleEot4, {150ms});
  REQUIRE_FALSE(written);
  CHECK(written.error().code == UsbErrc::Timeout);
  sim->set_unresponsive(false);
  CHECK(manager.write("receipt_printer", kDleEot4, {500ms}));
}

TEST_CASE("A cancelled read ends as cancelled long before its timeout", "[usb][transfer][cancel]") {
  simusb::SimBus bus;
  bus.plug(simusb::keyboard_scanner(), 2);
  UsbDeviceManager manager({by_vid_pid("qr_scanner", 0x1eab, 0x1303)}, kiosk_drivers(), quick());
  manager.step();
  REQUIRE(status_of(manager, "qr_scanner") == Status::Online);
  CancelToken token;
  const auto started = std::chrono::steady_clock::now();
  auto pending = std::async(std::launch::async, [&] {
    return manager.read("qr_scanner", 8, CommandOptions{10s, &token});
  });
  std::this_thread::sleep_for(100ms);
  token.cancel();
  auto result = pending.get();
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(result);
  CHECK(result.error().code == UsbErrc::Cancelled);
  CHECK(took < 5s);  // the 10 s timeout did not run out
  CHECK(status_of(manager, "qr_scanner") == Status::Online);
}

TEST_CASE("A keyboard scanner's reports arrive on its interrupt endpoint",
          "[usb][transfer][interrupt]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  UsbDeviceManager manager({by_vid_pid("qr_scanner", 0x1eab, 0x1303)}, kiosk_drivers(), quick());
  manager.step();
  sim->type_text("A");
  auto press = manager.read("qr_scanner", 8, {500ms});
  REQUIRE(press);
  CHECK(*press == std::vector<std::uint8_t>{0x02, 0, 0x04, 0, 0, 0, 0, 0});  // shift + 'a'
}

TEST_CASE("Watch mode never claims and never detaches the owner's driver", "[usb][watch]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  auto reader = printer_by_class("rd_reader");
  reader.mode = Mode::Watch;
  UsbDeviceManager manager({reader}, kiosk_drivers(), quick());
  manager.step();
  manager.step();
  const auto s = manager.state("rd_reader");
  CHECK(s->status == Status::Online);
  CHECK(s->identity->product == "TM-T20II (simulated)");
  CHECK(sim->claims() == 0);
  CHECK(sim->kernel_driver_bound());
  auto write = manager.write("rd_reader", kDleEot4, {200ms});
  REQUIRE_FALSE(write);
  CHECK(write.error().code == UsbErrc::NotSupported);
}

TEST_CASE("A watched device is reset on request without being claimed", "[usb][watch][reset]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  auto reader = printer_by_class("rd_reader");
  reader.mode = Mode::Watch;
  UsbDeviceManager manager({reader}, kiosk_drivers(), quick());
  manager.step();
  REQUIRE(manager.reset("rd_reader"));
  CHECK(sim->resets() == 1);
  CHECK(sim->claims() == 0);
  CHECK_FALSE(manager.reset("nobody"));
}

TEST_CASE("States are published only when they change", "[usb][events]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  std::vector<drivers::model::DeviceState> events;
  std::mutex mutex;
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick(), [&](const auto& s) {
    std::lock_guard lock(mutex);
    events.push_back(s);
  });
  manager.step();
  manager.step();
  manager.step();
  std::lock_guard lock(mutex);
  REQUIRE(events.size() == 1);
  CHECK(events[0].status == Status::Online);
  CHECK(events[0].supplies.at("paper") == drivers::model::SupplyLevel::Unknown);
}

TEST_CASE("A found device is claimed only after the settle delay", "[usb][settle][clock]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  std::atomic<std::int64_t> now_ms{1000};
  auto options = quick(500ms);
  options.now = [&] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), options);
  manager.step();
  CHECK(status_of(manager, "receipt_printer") != Status::Online);
  CHECK(sim->claims() == 0);
  now_ms += 499;
  manager.step();
  CHECK(sim->claims() == 0);
  now_ms += 1;
  manager.step();
  CHECK(status_of(manager, "receipt_printer") == Status::Online);
  CHECK(sim->claims() == 1);
}

TEST_CASE("Paper out shows as an offline printer whose operator must load paper",
          "[usb][printer][supply]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  UsbDeviceManager manager({printer_by_class()}, kiosk_drivers(), quick());
  manager.step();
  CHECK(status_of(manager, "receipt_printer") == Status::Online);
  sim->set_paper_out(true);
  manager.step();
  const auto s = manager.state("receipt_printer");
  CHECK(s->status == Status::Offline);
  CHECK(s->supplies.at("paper") == drivers::model::SupplyLevel::Out);
  CHECK(s->action == drivers::model::Action::LoadPaper);
  CHECK(drivers::model::action_text_key(s->action) == "device.action.load_paper");
}

// Scanners through real libusb on umockdev-simulated devices (tools/simusb): the keyboard
// wedge with either suffix, with none, and with a 3,000-digit Secure QR; a HID POS scanner
// whose layout is read from its own report descriptor; unplug and replug; an ignored
// keyboard that no scanner entry may take.
#include <catch2/catch.hpp>
#include <fstream>
#include <mutex>

#include "drivers/scanner/serial_driver.h"
#include "tests/support/paths.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using drivers::usb::UsbDeviceManager;

namespace {

// What the scanner drivers delivered, as the kiosk's port would hear it.
struct Heard {
  std::mutex mutex;
  std::vector<kiosk::devices::ScanEvent> events;

  std::vector<std::string> scans() {
    std::lock_guard lock(mutex);
    std::vector<std::string> out;
    for (const auto& e : events)
      if (e.text) out.push_back(*e.text);
    return out;
  }
  bool saw_reading() {
    std::lock_guard lock(mutex);
    return std::ranges::any_of(events, [](const auto& e) { return !e.text && e.reading; });
  }
};

struct ScannerRig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> sim;
  apps::ScanRelay relay;
  Heard heard;
  std::unique_ptr<UsbDeviceManager> manager;

  ScannerRig(const simusb::DeviceSpec& device, kiosk::devices::ScannerConfig config,
             drivers::usb::ManagerOptions options = quick()) {
    sim = bus.plug(device, 2);
    relay.listen([this](const kiosk::devices::ScanEvent& e) {
      std::lock_guard lock(heard.mutex);
      heard.events.push_back(e);
    });
    manager = std::make_unique<UsbDeviceManager>(
        std::vector{by_vid_pid("qr_scanner", device.vendor_id, device.product_id)},
        apps::kiosk_drivers(nullptr, &relay, [config](const std::string&) { return config; }),
        options);
    manager->start();
  }
  ~ScannerRig() {
    manager->stop();
    relay.listen({});
  }
  bool online() {
    return eventually([&] { return status_of(*manager, "qr_scanner") == Status::Online; });
  }
  bool scanned(std::size_t n, std::chrono::milliseconds limit = 5s) {
    return eventually([&] { return heard.scans().size() >= n; }, limit);
  }
};

}  // namespace

TEST_CASE("The wedge delivers codes with shifted characters, ended by Enter or by Tab",
          "[usb][scanner][wedge]") {
  ScannerRig rig(simusb::keyboard_scanner(), {});
  REQUIRE(rig.online());
  CHECK(rig.manager->state("qr_scanner")->detail == "keyboard wedge on interface 0");
  CHECK_FALSE(rig.sim->kernel_driver_bound());  // usbhid let go: scans type nowhere else
  rig.sim->type_text("upi://pay?pa=Shop@SBI&am=40.00#Q~|\n");
  rig.sim->type_text("CSC-{7}: \"OK\"\t");
  REQUIRE(rig.scanned(2));
  CHECK(rig.heard.scans() ==
        std::vector<std::string>{"upi://pay?pa=Shop@SBI&am=40.00#Q~|", "CSC-{7}: \"OK\""});
}

TEST_CASE("A wedge with no suffix ends each scan at the configured pause",
          "[usb][scanner][wedge][gap]") {
  ScannerRig rig(simusb::keyboard_scanner(), {.gap_ms = 150});
  REQUIRE(rig.online());
  rig.sim->type_text("csckiosk:r1:CG-RPR-0042-20261207-000123");
  REQUIRE(rig.scanned(1));
  CHECK(rig.heard.scans().front() == "csckiosk:r1:CG-RPR-0042-20261207-000123");
  // The control: with Enter as the only end, the same typing stays a scan in progress.
  ScannerRig enter_only(simusb::keyboard_scanner(), {.end_on_tab = false});
  REQUIRE(enter_only.online());
  enter_only.sim->type_text("NO-END");
  CHECK_FALSE(enter_only.scanned(1, 600ms));
  CHECK(enter_only.heard.saw_reading());
}

TEST_CASE("A 3,000-digit Secure QR arrives through the wedge in one piece",
          "[usb][scanner][wedge][secure-qr]") {
  ScannerRig rig(simusb::keyboard_scanner(), {.gap_ms = 100});  // a pause ends it, not a cut
  REQUIRE(rig.online());
  std::string digits;
  for (int i = 0; i < 3000; ++i) digits.push_back(static_cast<char>('0' + (i * 7) % 10));
  const auto started = std::chrono::steady_clock::now();
  rig.sim->type_text(digits + "\n");  // 6,000 reports: a press and a release each
  REQUIRE(rig.scanned(1, 60s));
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(rig.heard.scans().size() == 1);
  CHECK(rig.heard.scans().front() == digits);
  CHECK(rig.heard.saw_reading());  // the screen said "reading…" meanwhile
  WARN("3,000 digits through umockdev in "
       << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
}

TEST_CASE("A HID POS scanner decodes from its own report descriptor, once enabled",
          "[usb][scanner][hidpos]") {
  const std::string payload(100, 'x');  // three reports of up to 40 bytes
  const std::string text = "upi://pay?pa=csc@sbi&am=250.50&" + payload;
  ScannerRig rig(simusb::hid_pos_scanner(), {.enable_report = {0xFE, 0x01}});
  REQUIRE(rig.online());
  CHECK(rig.manager->state("qr_scanner")->detail == "HID POS on interface 0, report 7");
  REQUIRE_FALSE(rig.sim->set_reports().empty());
  CHECK(rig.sim->set_reports().front() == std::vector<std::uint8_t>{0xFE, 0x01});
  rig.sim->pos_scan(text);
  REQUIRE(rig.scanned(1));
  CHECK(rig.heard.scans().front() == text);
  // The control: without its enable report configured, this scanner sends nothing.
  ScannerRig silent(simusb::hid_pos_scanner(), {});
  REQUIRE(silent.online());
  silent.sim->pos_scan(text);
  CHECK_FALSE(silent.scanned(1, 500ms));
}

TEST_CASE("A scanner unplugged and plugged back scans again without a restart",
          "[usb][scanner][recovery]") {
  ScannerRig rig(simusb::keyboard_scanner(), {});
  REQUIRE(rig.online());
  rig.bus.unplug(rig.sim);
  REQUIRE(eventually([&] { return status_of(*rig.manager, "qr_scanner") == Status::NoDevice; }));
  rig.sim = rig.bus.replug(rig.sim);
  REQUIRE(rig.online());
  rig.sim->type_text("AFTER-REPLUG\n");
  REQUIRE(rig.scanned(1));
  CHECK(rig.heard.scans().front() == "AFTER-REPLUG");
}

TEST_CASE("A device marked ignore is never claimed, though a scanner's default matches it",
          "[usb][scanner][ignore]") {
  simusb::SimBus bus;
  auto keyboard = bus.plug(simusb::keyboard_scanner(), 2);  // the operator's keyboard, say
  auto options = quick();
  options.ignored = {MatchSpec{.vendor_id = 0x1eab, .product_id = 0x1303}};
  const drivers::model::DeviceSpec any_keyboard{
      "qr_scanner", DeviceKind::Scanner, Mode::Claim,
      MatchSpec{.interface_class = 3, .interface_subclass = 1, .interface_protocol = 1}};
  UsbDeviceManager manager({any_keyboard}, apps::kiosk_drivers(), options);
  manager.step();
  manager.step();
  CHECK(status_of(manager, "qr_scanner") == Status::NoDevice);
  CHECK(keyboard->claims() == 0);
  CHECK(keyboard->kernel_driver_bound());
  // The control: without the ignore entry, the same rule takes the keyboard.
  UsbDeviceManager greedy({any_keyboard}, apps::kiosk_drivers(), quick());
  greedy.step();
  CHECK(status_of(greedy, "qr_scanner") == Status::Online);
}

TEST_CASE("A CDC-ACM scanner is watched, never claimed, and read through its own tty",
          "[usb][scanner][serial]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::acm_scanner(), 3);
  const auto script = kiosk::testing::scratch_dir("acm-scanner") / "tty.script";
  std::ofstream(script) << "r 300 8901234567890^M\nr 50 https://example.in/q?id=42^M^J\n";
  const std::string tty = bus.add_tty(sim, script.string());
  drivers::usb::UsbDeviceInfo first;  // bus 1, address 2: the bus's first device
  first.bus = 1;
  first.address = 2;
  CHECK(drivers::scanner::find_tty(first) == tty);
  apps::ScanRelay relay;
  Heard heard;
  relay.listen([&](const kiosk::devices::ScanEvent& e) {
    std::lock_guard lock(heard.mutex);
    heard.events.push_back(e);
  });
  UsbDeviceManager manager({by_vid_pid("qr_scanner", 0x1eab, 0x1306, Mode::Watch)},
                           apps::kiosk_drivers(nullptr, &relay), quick());
  manager.start();
  REQUIRE(eventually([&] { return status_of(manager, "qr_scanner") == Status::Online; }));
  CHECK(manager.state("qr_scanner")->detail == "serial scanner on " + tty);
  REQUIRE(eventually([&] { return heard.scans().size() >= 2; }, 5s));
  CHECK(heard.scans() == std::vector<std::string>{"8901234567890", "https://example.in/q?id=42"});
  CHECK(sim->claims() == 0);  // cdc_acm keeps the device, and its tty stays
  CHECK(sim->kernel_driver_bound());
  manager.stop();
  relay.listen({});
}

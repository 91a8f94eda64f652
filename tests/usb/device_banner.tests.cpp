// The device banner end to end: a simulated printer on umockdev, the real USB manager and
// drivers, the kiosk's device service and core, and the real screens in the headless
// harness. Unplugging the printer puts the banner up in the citizen's language.
#include <catch2/catch.hpp>

#include "kiosk/config/config.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/devices/device_specs.h"
#include "tests/support/ui_harness.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using drivers::usb::UsbDeviceManager;

namespace {

kiosk::config::Config printer_config(bool required) {
  kiosk::config::Layers layers;
  layers.local = {
      {"devices",
       {{"receipt_printer", {{"kind", "printer"}, {"class", 7}, {"required", required}}}}}};
  auto config = kiosk::config::resolve(layers);
  REQUIRE(config);
  return *config;
}

// The wiring of apps/csc-kiosk/main.cpp: manager -> device service -> core.
struct BannerRig {
  kiosk::config::Config config;
  kiosk::testing::UiHarness ui;
  kiosk::devices::DeviceService devices;
  UsbDeviceManager manager;

  explicit BannerRig(bool required = true)
      : config(printer_config(required)),
        devices(config),
        manager(kiosk::devices::device_specs(config), kiosk_drivers(), quick(),
                [this](const drivers::model::DeviceState& s) { devices.publish(s); }) {
    devices.on_change([this](const std::vector<drivers::model::DeviceState>& states) {
      ui.core().post(kiosk::app::DevicesChanged{kiosk::devices::device_views(config, states)});
    });
  }
  // One device pass, then frames for the core to apply it and the screen to draw it.
  void pass() {
    manager.step();
    ui.frames(3);
  }
  std::string banner() const { return std::string(ui.hits().text_of("device.banner")); }
};

}  // namespace

TEST_CASE("Unplugging the printer puts up the banner in Hindi and English, replugging removes it",
          "[usb][ui][banner]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  BannerRig rig;
  rig.pass();
  REQUIRE(status_of(rig.manager, "receipt_printer") == Status::Online);
  CHECK_FALSE(rig.ui.has("device.banner"));

  bus.unplug(sim);
  rig.pass();
  REQUIRE(rig.ui.has("device.banner"));
  CHECK(rig.banner() == "रसीद प्रिंटर — जुड़ा नहीं। उपकरण का केबल और बिजली जाँचें");

  rig.ui.core().post(kiosk::app::ChooseLanguage{"en"});
  rig.ui.frames(3);
  REQUIRE(rig.ui.has("device.banner"));
  CHECK(rig.banner() == "Receipt printer — Not connected. Check the device's cable and power");

  sim = bus.plug(simusb::receipt_printer(), 1);
  rig.pass();
  CHECK(status_of(rig.manager, "receipt_printer") == Status::Online);
  CHECK_FALSE(rig.ui.has("device.banner"));
}

TEST_CASE("Paper out puts up the banner with the load-paper action", "[usb][ui][banner][supply]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  BannerRig rig;
  rig.pass();
  sim->set_paper_out(true);
  rig.pass();
  CHECK(rig.banner() == "रसीद प्रिंटर — बंद। कागज़ डालें");
  sim->set_paper_out(false);
  rig.pass();
  CHECK_FALSE(rig.ui.has("device.banner"));
}

TEST_CASE("An optional printer that is unplugged puts up no banner", "[usb][ui][banner]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::receipt_printer(), 1);
  BannerRig rig(/*required=*/false);
  rig.pass();
  bus.unplug(sim);
  rig.pass();
  CHECK(status_of(rig.manager, "receipt_printer") == Status::NoDevice);
  CHECK_FALSE(rig.ui.has("device.banner"));
}

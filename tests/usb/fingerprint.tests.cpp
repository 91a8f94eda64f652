// The fingerprint reader, watched on USB (umockdev: a simulated Mantra MFS100, 2c0f:1005)
// and asked over HTTP (the RD Service simulator), merged into one state by the reader
// monitor, with its one reset per incident going through the real USB layer.
#include <catch2/catch.hpp>
#include <mutex>

#include "apps/usb_device_port.h"
#include "kiosk/biometric/reader_monitor.h"
#include "tests/usb/usb_rig.h"
#include "tools/rdsim/rd_sim.h"
#include "tools/simusb/sim_usb.h"

using namespace usbtest;
using kiosk::biometric::ReaderMonitor;
using kiosk::rdsim::DeviceStatus;
namespace model = drivers::model;

namespace {

struct ReaderRig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> reader;
  kiosk::rdsim::RdSim rd{{.log_requests = false}};
  kiosk::SystemClock clock;
  std::mutex mutex;
  std::vector<model::DeviceState> published;
  std::unique_ptr<ReaderMonitor> monitor;
  std::unique_ptr<drivers::usb::UsbDeviceManager> manager;

  explicit ReaderRig(bool plugged = true) {
    if (plugged) reader = bus.plug(simusb::fingerprint_reader(), 5);
    auto port = rd.start();
    REQUIRE(port);
    kiosk::biometric::RdClientOptions client;
    client.first_port = client.last_port = *port;
    client.probe_timeout = 500ms;
    kiosk::biometric::ReaderMonitorOptions options;
    options.device_name = "fingerprint";
    options.poll = 100ms;
    options.after_reset = 100ms;
    monitor = std::make_unique<ReaderMonitor>(
        client, options, clock,
        [this](const model::DeviceState& s) {
          std::lock_guard lock(mutex);
          published.push_back(s);
        },
        [this](const std::string& name) -> kiosk::Status {
          if (auto reset = manager->reset(name); !reset)
            return std::unexpected(apps::error_for(reset.error()));
          return {};
        });
    DeviceSpec spec{"fingerprint", DeviceKind::Fingerprint, Mode::Watch,
                    MatchSpec{.vendor_id = 0x2c0f, .product_id = 0x1005}};
    manager = std::make_unique<drivers::usb::UsbDeviceManager>(
        std::vector{spec}, kiosk_drivers(), quick(),
        [this](const model::DeviceState& s) { monitor->usb_state(s); });
    manager->start();
    monitor->start();
  }
  ~ReaderRig() {
    monitor->stop();
    manager->stop();
  }
  model::DeviceState last() {
    std::lock_guard lock(mutex);
    return published.empty() ? model::DeviceState{} : published.back();
  }
  bool reaches(Status status, std::chrono::milliseconds limit = 5s) {
    return eventually([&] { return last().status == status; }, limit);
  }
};

}  // namespace

TEST_CASE("A reader on USB whose RD Service is READY is online with its RD facts",
          "[usb][fingerprint]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  const auto state = rig.last();
  REQUIRE(state.identity);
  CHECK(state.identity->usb_id == "2c0f:1005");
  REQUIRE(state.rd);
  CHECK(state.rd->status == "READY");
  CHECK(state.rd->model == "MFS100");
  CHECK(state.rd->certificate_days_left > 300);
}

TEST_CASE("A reader off USB is no-device even while its RD Service answers READY",
          "[usb][fingerprint][hotplug]") {
  ReaderRig rig(false);
  REQUIRE(rig.reaches(Status::NoDevice));
  CHECK(rig.last().action == model::Action::Reconnect);
  // Hotplugged: online once the bus sees it.
  rig.reader = rig.bus.plug(simusb::fingerprint_reader(), 5);
  CHECK(rig.reaches(Status::Online));
}

TEST_CASE("Unplugging the reader makes it no-device, and replugging brings it back",
          "[usb][fingerprint][hotplug]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  rig.bus.unplug(rig.reader);
  CHECK(rig.reaches(Status::NoDevice));
  rig.reader = rig.bus.replug(rig.reader);
  CHECK(rig.reaches(Status::Online));
}

TEST_CASE("USED is busy: another program holds the reader", "[usb][fingerprint]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  rig.rd.set_status(DeviceStatus::Used);
  CHECK(rig.reaches(Status::Busy));
  CHECK(rig.reader->resets() == 0);
}

TEST_CASE("NOTREADY resets the reader once, and it is rediscovered READY",
          "[usb][fingerprint][reset]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  rig.rd.set_status(DeviceStatus::NotReady);
  // The simulated RD Service recovers when its reader has been reset, as a real one does.
  REQUIRE(eventually([&] { return rig.reader->resets() == 1; }));
  rig.rd.set_status(DeviceStatus::Ready);
  CHECK(rig.reaches(Status::Online));
  std::this_thread::sleep_for(500ms);
  CHECK(rig.reader->resets() == 1);
  CHECK(rig.monitor->resets() == 1);
}

TEST_CASE("A second NOTREADY in the same incident raises an alert, not a reset loop",
          "[usb][fingerprint][reset]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  rig.rd.set_status(DeviceStatus::NotReady);
  REQUIRE(rig.reaches(Status::HardwareError));
  CHECK(rig.last().action == model::Action::Reconnect);
  std::this_thread::sleep_for(1s);  // ten more looks at the RD Service
  CHECK(rig.reader->resets() == 1);
  CHECK(rig.last().status == Status::HardwareError);
  // The operator's fix, a replug, starts afresh.
  rig.rd.set_status(DeviceStatus::Ready);
  CHECK(rig.reaches(Status::Online));
}

TEST_CASE("Capture errors 720 and 740 start the same incident as NOTREADY",
          "[usb][fingerprint][reset]") {
  ReaderRig rig;
  REQUIRE(rig.reaches(Status::Online));
  rig.monitor->capture_failed(730);  // a poor read: nothing to reset
  std::this_thread::sleep_for(300ms);
  CHECK(rig.reader->resets() == 0);
  rig.monitor->capture_failed(740);
  CHECK(eventually([&] { return rig.reader->resets() == 1; }));
  CHECK(rig.reaches(Status::Online));  // READY at the rediscovery
}

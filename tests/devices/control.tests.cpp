// The kiosk side of devices: config to match rules, the instance lock, device JSON.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"
#include "tests/support/paths.h"

using namespace kiosk::devices;
using drivers::model::Mode;
using nlohmann::json;

namespace {

kiosk::config::Config config_with(const json& devices) {
  kiosk::config::Layers layers;
  layers.local = {{"devices", devices}};
  auto config = kiosk::config::resolve(layers);
  REQUIRE(config);
  return *config;
}

}  // namespace

TEST_CASE("Device entries become match rules with each kind's default",
          "[devices][config][match]") {
  const auto specs = device_specs(
      config_with({{"a_printer", {{"kind", "printer"}, {"simulated", true}}},
                   {"b_scanner", {{"kind", "scanner"}, {"usb", "1eab:1303"}, {"serial", "S1"}}},
                   {"c_reader", {{"kind", "fingerprint"}, {"usb", "0bca:8a05"}}},
                   {"d_vendor", {{"kind", "printer"}, {"class", 255}, {"mode", "watch"}}}}));
  REQUIRE(specs.size() == 4);
  CHECK(specs[0].match->interface_class == 7);
  CHECK_FALSE(specs[0].match->vendor_id);
  CHECK(specs[1].match->vendor_id == 0x1eab);
  CHECK(specs[1].match->serial == "S1");
  CHECK_FALSE(specs[1].match->interface_class);
  CHECK(specs[2].mode == Mode::Watch);  // RD Service owns fingerprint readers
  CHECK(specs[3].match->interface_class == 255);
  CHECK(specs[3].mode == Mode::Watch);
}

TEST_CASE("Bad match fields in the device table are refused by name", "[devices][config]") {
  kiosk::config::Layers layers;
  layers.local = {{"devices", {{"p", {{"kind", "printer"}, {"class", 300}}}}}};
  auto bad_class = kiosk::config::resolve(layers);
  REQUIRE_FALSE(bad_class);
  CHECK(bad_class.error().message.find("class") != std::string::npos);
  layers.local = {{"devices", {{"p", {{"kind", "printer"}, {"class", 7}, {"mode", "own"}}}}}};
  auto bad_mode = kiosk::config::resolve(layers);
  REQUIRE_FALSE(bad_mode);
  CHECK(bad_mode.error().message.find("mode") != std::string::npos);
}

TEST_CASE("Only one process holds the instance lock", "[devices][lock]") {
  const auto file = kiosk::testing::scratch_dir("instance-lock") / "state" / "csc-kiosk.lock";
  CHECK_FALSE(InstanceLock::held(file));
  {
    auto first = InstanceLock::acquire(file);
    REQUIRE(first);
    CHECK(InstanceLock::held(file));
    auto second = InstanceLock::acquire(file);  // a second open file description: refused
    REQUIRE_FALSE(second);
    CHECK(second.error().code == kiosk::Errc::Busy);
  }
  CHECK_FALSE(InstanceLock::held(file));
}

TEST_CASE("A device state becomes the documented JSON", "[devices][json]") {
  drivers::model::DeviceState s;
  s.name = "receipt_printer";
  s.kind = drivers::model::DeviceKind::Printer;
  s.status = drivers::model::Status::Offline;
  s.action = drivers::model::Action::LoadPaper;
  s.supplies["paper"] = drivers::model::SupplyLevel::Out;
  s.matched_by = "class 7";
  s.identity =
      drivers::model::DeviceIdentity{"04b8:0e15", "EPSON", "TM-T20II", "X1", "bus 1 address 5"};
  const json j = to_json(s);
  CHECK(j["status"] == "offline");
  CHECK(j["status_text"] == "device.status.offline");
  CHECK(j["action"] == "load_paper");
  CHECK(j["action_class"] == "clear");
  CHECK(j["action_text"] == "device.action.load_paper");
  CHECK(j["supplies"]["paper"] == "out");
  CHECK(j["device"]["product"] == "TM-T20II");
  CHECK(devices_text(json::array({j})).find("load_paper") != std::string::npos);
}

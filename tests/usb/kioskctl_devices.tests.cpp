// `kioskctl devices` end to end: the real kioskctl (and csc-kiosk under Xvfb) as child
// processes of this test, which owns the umockdev testbed; they inherit its preload.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/devices/instance_lock.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/running_kiosk.h"
#include "tests/usb/kiosk_config.h"
#include "tests/usb/usb_rig.h"

using kiosk::testing::run_process;
using kiosk::testing::RunningKiosk;
using nlohmann::json;
using namespace usbtest;

namespace {

// The JSON document kioskctl printed. stdout and stderr arrive together: it starts at the
// first line with "{".
json document_in(const std::string& output) {
  const auto start = output.starts_with("{") ? 0 : output.find("\n{");
  auto parsed = start == std::string::npos ? json(nullptr)
                                           : json::parse(output.substr(start), nullptr, false);
  return parsed.is_object() ? parsed : json{{"unparsed", output}};
}

json devices_json(const std::filesystem::path& config, int* exit_code = nullptr) {
  const auto r = run_process({KIOSKCTL_PATH, "--config", config.string(), "devices", "--json"});
  if (exit_code) *exit_code = r.exit_code;
  return document_in(r.output);
}

json device_named(const json& listing, const std::string& name) {
  for (const auto& d : listing.value("devices", json::array()))
    if (d["name"] == name) return d;
  return nullptr;
}

// `kioskctl print-test --json`: its exit code and the JSON document it printed.
std::pair<int, json> print_test(const std::filesystem::path& config) {
  const auto r = run_process({KIOSKCTL_PATH, "--config", config.string(), "print-test", "--json"});
  return {r.exit_code, document_in(r.output)};
}

}  // namespace

TEST_CASE("kioskctl print-test claims the printer itself when no kiosk runs",
          "[usb][cli][kioskctl][print-test]") {
  const auto config = write_config("kioskctl-print-test-local");
  {
    const auto [code, reply] = print_test(config);  // nothing plugged in
    INFO(reply.dump(2));
    CHECK(code == 4);
    CHECK(reply["error"]["code"] == "no-device");
  }
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  {
    const auto [code, reply] = print_test(config);
    INFO(reply.dump(2));
    CHECK(code == 0);
    CHECK(reply["source"] == "local");
    CHECK(reply["confirmed"] == true);
    CHECK(reply["outcome"] == "done");
    CHECK(reply["receipt_no"].get<std::string>().ends_with("-000000"));
    CHECK(printer->receipts().size() == 1);
  }
  printer->set_paper_out(true);
  {
    const auto [code, reply] = print_test(config);
    INFO(reply.dump(2));
    CHECK(code == 1);
    CHECK(reply["outcome"] == "failed");
    CHECK(reply["reason"] == "paper out");
    CHECK(printer->receipts().size() == 1);
  }
}

TEST_CASE("kioskctl print-test never claims a printer that a silent running kiosk holds",
          "[usb][cli][kioskctl][print-test][lock]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto config = write_config("kioskctl-print-test-locked");
  auto lock =
      kiosk::devices::InstanceLock::acquire(config.parent_path() / "state" / "csc-kiosk.lock");
  REQUIRE(lock);
  const auto [code, reply] = print_test(config);
  INFO(reply.dump(2));
  CHECK(code == 4);
  CHECK(reply["error"]["code"] == "busy");
  CHECK(printer->claims() == 0);
  CHECK(printer->receipts().empty());
}

TEST_CASE("kioskctl print-test goes through the running kiosk, which owns the printer",
          "[usb][cli][kioskctl][print-test][xvfb]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto config = write_config("kioskctl-print-test-app");
  RunningKiosk kiosk(config);
  REQUIRE(eventually(
      [&] {
        const json listing = devices_json(config);
        const json d = device_named(listing, "receipt_printer");
        return listing.value("source", "") == "app" && d.is_object() &&
               d.value("status", "") == "online";
      },
      15s));
  const int claims = printer->claims();
  const auto [code, reply] = print_test(config);
  INFO(reply.dump(2));
  CHECK(code == 0);
  CHECK(reply["source"] == "app");
  CHECK(reply["confirmed"] == true);
  CHECK(printer->receipts().size() == 1);
  CHECK(printer->claims() == claims);  // kioskctl never opened the printer
  bus.unplug(printer);
  REQUIRE(eventually(
      [&] {
        const json d = device_named(devices_json(config), "receipt_printer");
        return d.is_object() && d.value("status", "") == "no-device";
      },
      5s));
  const auto [missing, refused] = print_test(config);
  INFO(refused.dump(2));
  CHECK(missing == 4);
  CHECK(refused["error"]["code"] == "no-device");
}

TEST_CASE("kioskctl devices opens the devices itself when no kiosk runs",
          "[usb][cli][kioskctl][devices]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto config = write_config("kioskctl-devices-local");
  int exit_code = -1;
  const json listing = devices_json(config, &exit_code);
  INFO(listing.dump(2));
  CHECK(exit_code == 0);
  CHECK(listing["source"] == "local");
  const json p = device_named(listing, "receipt_printer");
  CHECK(p["status"] == "online");
  CHECK(p["matched_by"] == "class 7");
  CHECK(p["device"]["product"] == "TM-T20II (simulated)");
  CHECK(p["device"]["usb"] == "04b8:0e15");
  CHECK(p["supplies"]["paper"] == "unknown");
  const json s = device_named(listing, "qr_scanner");
  CHECK(s["status"] == "no-device");
  CHECK(s["action"] == "reconnect");
  CHECK(s["action_text"] == "Check the device's cable and power");  // a text, not a key
  CHECK(s["action_text_key"] == "device.action.reconnect");
  CHECK(p["status_text"] == "Ready");
  CHECK(printer->claims() == 1);  // it claimed, and released when it exited
  CHECK(printer->kernel_driver_bound());
}

TEST_CASE("kioskctl status includes the same device list", "[usb][cli][kioskctl][status]") {
  simusb::SimBus bus;
  bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = write_config("kioskctl-status-devices");
  const auto r = run_process({KIOSKCTL_PATH, "--config", config.string(), "status", "--json"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.output);
  CHECK(report["devices_source"] == "local");
  const json s = device_named(report, "qr_scanner");
  CHECK(s["status"] == "online");
  CHECK(s["matched_by"] == "vid:pid");
  CHECK(s["usb"] == "1eab:1303");
  CHECK(device_named(report, "receipt_printer")["status"] == "no-device");
  // Texts, not i18n keys: English by default, Hindi on --lang hi; the keys stay beside.
  CHECK(s["status_text"] == "Ready");
  CHECK(s["status_text_key"] == "device.status.online");
  CHECK(device_named(report, "receipt_printer")["action_text"] ==
        "Check the device's cable and power");
  const auto hi =
      run_process({KIOSKCTL_PATH, "--config", config.string(), "status", "--json", "--lang", "hi"});
  REQUIRE(hi.exit_code == 0);
  CHECK(device_named(json::parse(hi.output), "qr_scanner")["status_text"] == "तैयार");
  CHECK(device_named(json::parse(hi.output), "receipt_printer")["action_text"] ==
        "उपकरण का केबल और बिजली जाँचें");
  // The missing printer is an alert the probe could know without a kiosk running.
  CHECK(report["alerts_source"] == "derived");
  bool printer_alert = false;
  for (const auto& a : report["alerts"])
    printer_alert = printer_alert || a["id"] == "device.receipt_printer";
  CHECK(printer_alert);
  for (const auto& u : report["alerts_unknown"]) CHECK(u != "devices");
}

TEST_CASE("kioskctl devices refuses to open devices a silent running kiosk holds",
          "[usb][cli][kioskctl][lock]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto config = write_config("kioskctl-devices-locked");
  auto lock =
      kiosk::devices::InstanceLock::acquire(config.parent_path() / "state" / "csc-kiosk.lock");
  REQUIRE(lock);
  int exit_code = -1;
  const json listing = devices_json(config, &exit_code);
  INFO(listing.dump(2));
  CHECK(exit_code == 4);
  CHECK(listing["error"]["code"] == "busy");
  CHECK(printer->claims() == 0);
}

TEST_CASE("kioskctl devices asks the running kiosk, which follows unplug and replug",
          "[usb][cli][kioskctl][devices][xvfb]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto config = write_config("kioskctl-devices-app");
  json listing;
  {
    RunningKiosk kiosk(config);
    const auto printer_status = [&] {
      listing = devices_json(config);
      const json d = device_named(listing, "receipt_printer");
      return d.is_object() ? d.value("status", "") : std::string();
    };
    REQUIRE(eventually(
        [&] { return printer_status() == "online" && listing.value("source", "") == "app"; }, 15s));
    INFO(listing.dump(2));
    CHECK(device_named(listing, "receipt_printer")["device"]["manufacturer"] == "EPSON");
    // The kiosk owns the printer now: a new claim would mean kioskctl opened it too.
    const int claims = printer->claims();
    CHECK(devices_json(config)["source"] == "app");
    CHECK(printer->claims() == claims);
    bus.unplug(printer);
    CHECK(eventually([&] { return printer_status() == "no-device"; }, 5s));
    auto again = bus.replug(printer);
    CHECK(eventually([&] { return printer_status() == "online"; }, 5s));
    CHECK(again->claims() == 1);
    // A second kiosk cannot start while this one holds the lock.
    const auto second =
        run_process({CSC_KIOSK_PATH, "--config", config.string()}, {"SDL_AUDIODRIVER=dummy"});
    CHECK(second.exit_code == 4);
    CHECK(second.output.find("another csc-kiosk is running") != std::string::npos);
  }
  // After it stopped, nothing it started holds its lock (no child kept it), and kioskctl
  // opens the devices itself again.
  CHECK_FALSE(
      kiosk::devices::InstanceLock::held(config.parent_path() / "state" / "csc-kiosk.lock"));
  CHECK(devices_json(config).value("source", "") == "local");
}

// `kioskctl scan-test` with each scanner kind, alone and through the running kiosk, and
// with a legacy XML Aadhaar QR whose full number must appear nowhere in what it prints.
#include <catch2/catch.hpp>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/running_kiosk.h"
#include "tests/usb/kiosk_config.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using kiosk::testing::run_process;
using kiosk::testing::RunningKiosk;
using nlohmann::json;

namespace {

// A config whose scanner entry is `scanner` (null: none).
std::filesystem::path scan_config(const std::string& name, const json& scanner) {
  const auto file = write_config(name);
  json config = json::parse(std::ifstream(file));
  config["devices"].erase("qr_scanner");
  if (!scanner.is_null()) config["devices"]["qr_scanner"] = scanner;
  std::ofstream(file) << config.dump(2);
  return file;
}

struct Answer {
  int code;
  json body;
  std::string output;
};

std::future<Answer> scan_test(const std::filesystem::path& config, int timeout_s) {
  return std::async(std::launch::async, [config, timeout_s] {
    const auto r = run_process({KIOSKCTL_PATH, "--config", config.string(), "scan-test", "--json",
                                "--timeout", std::to_string(timeout_s)});
    const auto brace = r.output.find('{');  // log lines on stderr come first
    return Answer{r.exit_code,
                  json::parse(brace == std::string::npos ? "" : r.output.substr(brace), nullptr,
                              false),
                  r.output};
  });
}

const std::string kLegacyXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PrintLetterBarcodeData uid=\"234567890124\" "
    "name=\"Sita Devi\" gender=\"F\" yob=\"1990\" loc=\"Ward 3\" vtc=\"Raipur\" dist=\"Raipur\" "
    "state=\"Chhattisgarh\" pc=\"492001\"/>";

}  // namespace

TEST_CASE("kioskctl scan-test reads a wedge scan itself when no kiosk runs",
          "[usb][cli][kioskctl][scan-test]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = scan_config("scan-test-wedge", {{"kind", "scanner"}, {"usb", "1eab:1303"}});
  auto answer = scan_test(config, 20);
  REQUIRE(eventually([&] { return sim->claims() > 0; }, 10s));
  std::this_thread::sleep_for(300ms);  // its driver is listening
  sim->type_text("upi://pay?pa=csc.kiosk@sbi&pn=CSC&am=40.00&cu=INR\n");
  const Answer a = answer.get();
  INFO(a.output);
  CHECK(a.code == 0);
  CHECK(a.body["source"] == "local");
  CHECK(a.body["scanner"] == "qr_scanner");
  CHECK(a.body["kind"] == "upi");
  CHECK(a.body["text"] == "upi://pay?pa=csc.kiosk@sbi&pn=CSC&am=40.00&cu=INR");  // no Aadhaar data
}

TEST_CASE("kioskctl scan-test never prints a legacy XML QR's full Aadhaar number",
          "[usb][cli][kioskctl][scan-test][privacy]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = scan_config("scan-test-xml", {{"kind", "scanner"}, {"usb", "1eab:1303"}});
  auto answer = scan_test(config, 20);
  REQUIRE(eventually([&] { return sim->claims() > 0; }, 10s));
  std::this_thread::sleep_for(300ms);
  sim->type_text(kLegacyXml + "\n");
  const Answer a = answer.get();
  INFO(a.output);
  CHECK(a.code == 0);
  CHECK(a.body["kind"] == "aadhaar-xml");
  CHECK_FALSE(a.body.contains("text"));
  CHECK(a.output.find("234567890124") == std::string::npos);
  CHECK(a.output.find("0124") != std::string::npos);  // the masked tail is there: it was read
  CHECK(a.body["fields"]["aadhaar"] == "XXXX XXXX 0124");
}

TEST_CASE("kioskctl scan-test reads a HID POS scanner enabled by its feature report",
          "[usb][cli][kioskctl][scan-test][hidpos]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::hid_pos_scanner(), 2);
  const auto config = scan_config(
      "scan-test-pos",
      {{"kind", "scanner"}, {"usb", "1eab:1310"}, {"options", {{"enable_report", "fe01"}}}});
  auto answer = scan_test(config, 20);
  REQUIRE(eventually([&] { return !sim->set_reports().empty(); }, 10s));
  std::this_thread::sleep_for(300ms);
  sim->pos_scan("csckiosk:r1:CG-RPR-0042-20261207-000123");
  const Answer a = answer.get();
  INFO(a.output);
  CHECK(a.code == 0);
  CHECK(a.body["kind"] == "kiosk-receipt");
  CHECK(a.body["fields"]["receipt_no"] == "CG-RPR-0042-20261207-000123");
}

TEST_CASE("kioskctl scan-test reads a CDC-ACM scanner through its tty, never claiming it",
          "[usb][cli][kioskctl][scan-test][serial]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::acm_scanner(), 2);
  const auto script = kiosk::testing::scratch_dir("scan-test-acm") / "tty.script";
  std::ofstream(script) << "r 500 csckiosk:r1:CG-RPR-0042-20261207-000042^M\n";
  bus.add_tty(sim, script.string());
  const auto config = scan_config(
      "scan-test-acm", {{"kind", "scanner"}, {"usb", "1eab:1306"}, {"mode", "watch"}});
  const Answer a = scan_test(config, 20).get();
  INFO(a.output);
  CHECK(a.code == 0);
  CHECK(a.body["kind"] == "kiosk-receipt");
  CHECK(a.body["fields"]["receipt_no"] == "CG-RPR-0042-20261207-000042");
  CHECK(sim->claims() == 0);
  CHECK(sim->kernel_driver_bound());
}

TEST_CASE("kioskctl scan-test exits 4 without a scanner and 75 when no scan comes",
          "[usb][cli][kioskctl][scan-test]") {
  simusb::SimBus bus;
  const auto none = scan_config("scan-test-none", nullptr);
  const Answer missing = scan_test(none, 5).get();
  INFO(missing.output);
  CHECK(missing.code == 4);
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = scan_config("scan-test-quiet", {{"kind", "scanner"}, {"usb", "1eab:1303"}});
  const Answer quiet = scan_test(config, 2).get();
  INFO(quiet.output);
  CHECK(quiet.code == 75);
  CHECK(quiet.body["error"]["code"] == "timeout");
}

TEST_CASE("kioskctl scan-test goes through the running kiosk, which owns the scanner",
          "[usb][cli][kioskctl][scan-test][xvfb]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = scan_config("scan-test-app", {{"kind", "scanner"}, {"usb", "1eab:1303"}});
  RunningKiosk kiosk(config);
  REQUIRE(eventually([&] { return sim->claims() > 0; }, 15s));
  const int claims = sim->claims();
  auto answer = scan_test(config, 20);
  std::this_thread::sleep_for(1500ms);  // kioskctl asked; the kiosk waits for the next scan
  sim->type_text("csckiosk:r1:CG-RPR-0042-20261207-000007\n");
  const Answer a = answer.get();
  INFO(a.output << kiosk.log());
  CHECK(a.code == 0);
  CHECK(a.body["source"] == "app");
  CHECK(a.body["kind"] == "kiosk-receipt");
  CHECK(sim->claims() == claims);  // kioskctl never opened the scanner
  // The kiosk logged the scan's kind, and not its text.
  CHECK(kiosk.log().find("a scan from qr_scanner: kiosk-receipt") != std::string::npos);
  CHECK(kiosk.log().find("000007") == std::string::npos);
}

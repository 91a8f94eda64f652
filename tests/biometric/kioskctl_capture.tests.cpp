// `kioskctl capture-test` and `kioskctl devices` against the RD Service simulator: the
// figures, the exit codes, and the reader's `rd` object, never the PID block.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tools/rdsim/rd_sim.h"

using namespace kiosk::testing;
using kiosk::rdsim::CaptureOutcome;
using nlohmann::json;

namespace {

std::filesystem::path write_config(const std::string& name, int rd_port) {
  const auto dir = scratch_dir(name);
  std::ifstream in(source_dir() / "config" / "demo.json");
  auto config = json::parse(in);
  config["paths"] = {{"state_dir", (dir / "state").string()},
                     {"log_dir", (dir / "log").string()},
                     {"assets_dir", assets_dir().string()},
                     {"control_socket", (dir / "state" / "ctl.sock").string()}};
  config["backend"]["token_file"] = (dir / "state" / "token").string();
  config["devices"] = {
      {"fingerprint", {{"kind", "fingerprint"}, {"simulated", true}, {"required", false}}}};
  config["uidai"]["rd_ports"] = {rd_port, rd_port};
  std::ofstream(dir / "config.json") << config.dump(2);
  return dir / "config.json";
}

json json_of(const ProcessResult& r) {
  const auto start = r.output.find('{');  // log lines may come first
  REQUIRE(start != std::string::npos);
  return json::parse(r.output.substr(start));
}

}  // namespace

TEST_CASE("capture-test reports the figures and exits 0, 1 or 4", "[biometric][cli][capture-test]") {
  kiosk::rdsim::RdSim rd({.data_marker = "CLIPIDMARKER", .log_requests = false});
  const auto port = rd.start();
  REQUIRE(port);
  const auto config = write_config("capture-test", *port);
  const auto ok = run_process({KIOSKCTL_PATH, "--config", config.string(), "--json", "capture-test"});
  CHECK(ok.exit_code == 0);
  const auto report = json_of(ok);
  CHECK(report["ok"] == true);
  CHECK(report["quality"] == 87);
  CHECK(report["minutiae"] == 49);
  CHECK(report["rd"]["model"] == "MFS100");
  CHECK(ok.output.find("CLIPIDMARKER") == std::string::npos);  // the block is never printed

  rd.set_capture_error(CaptureOutcome::NotReady720);
  const auto failed =
      run_process({KIOSKCTL_PATH, "--config", config.string(), "--json", "capture-test"});
  CHECK(failed.exit_code == 1);
  CHECK(json_of(failed)["error"]["code"] == 720);
  CHECK(json_of(failed)["error"]["name"] == "device-not-ready");

  rd.stop();
  const auto none = run_process({KIOSKCTL_PATH, "--config", config.string(), "capture-test"});
  CHECK(none.exit_code == 4);
  CHECK(none.output.find("no-rd-service") != std::string::npos);
}

TEST_CASE("kioskctl devices shows the reader's RD Service without a running kiosk",
          "[biometric][cli][devices]") {
  kiosk::rdsim::RdSim rd({.cert_days = 12, .serial = "MFS-77", .log_requests = false});
  const auto port = rd.start();
  REQUIRE(port);
  const auto config = write_config("devices-rd", *port);
  const auto listed = run_process({KIOSKCTL_PATH, "--config", config.string(), "--json", "devices"});
  REQUIRE(listed.exit_code == 0);
  const auto devices = json_of(listed)["devices"];
  REQUIRE(devices.size() == 1);
  const auto& reader = devices[0];
  CHECK(reader["status"] == "online");
  CHECK(reader["rd"]["status"] == "READY");
  CHECK(reader["rd"]["model"] == "MFS100");
  CHECK(reader["rd"]["serial"] == "MFS-77");
  CHECK(reader["rd"]["port"] == *port);
  CHECK(reader["rd"]["certificate_days_left"].get<int>() >= 11);
  // NOTREADY without a kiosk: shown as it is, with the reset to do by hand; nothing reset.
  rd.set_status(kiosk::rdsim::DeviceStatus::NotReady);
  const auto not_ready =
      json_of(run_process({KIOSKCTL_PATH, "--config", config.string(), "--json", "devices"}));
  CHECK(not_ready["devices"][0]["status"] == "offline");
  CHECK(not_ready["devices"][0]["rd"]["status"] == "NOTREADY");
  // And the status verb raises the certificate alert: 12 days left.
  const auto status = run_process({KIOSKCTL_PATH, "--config", config.string(), "--json", "status"});
  CHECK(status.output.find("device.fingerprint.certificate") != std::string::npos);
}

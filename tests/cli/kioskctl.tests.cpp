#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/paths.h"
#include "tests/support/process.h"

using kiosk::testing::run_process;
using nlohmann::json;

namespace {

const std::string kKioskctl = KIOSKCTL_PATH;
const std::string kKiosk = CSC_KIOSK_PATH;
std::string demo_config() {
  return (kiosk::testing::source_dir() / "config" / "demo.json").string();
}

std::string write_config(const std::string& name, const std::string& text) {
  const auto dir = kiosk::testing::scratch_dir(name);
  const auto file = dir / "config.json";
  std::ofstream(file) << text;
  return file.string();
}

}  // namespace

TEST_CASE("kioskctl status --json describes the demo kiosk", "[cli][kioskctl][status]") {
  const auto r = run_process({kKioskctl, "--config", demo_config(), "status", "--json"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.output);
  CHECK(report["kiosk"]["id"] == "DEMO-0001");
  CHECK(report["kiosk"]["enrolled"] == true);
  CHECK(report["backend"]["url"] == "http://127.0.0.1:8787");
  CHECK(report["languages"] == json::array({"hi", "en"}));
  CHECK(report["devices"].size() == 3);
  CHECK(report["config_file"] == demo_config());
  CHECK(report.contains("healthy"));
  CHECK(report["problems"].is_array());
}

TEST_CASE("kioskctl status in text names the kiosk and its health", "[cli][kioskctl][status]") {
  const auto r = run_process({kKioskctl, "--config", demo_config(), "status"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("DEMO-0001") != std::string::npos);
  CHECK(r.output.find("health") != std::string::npos);
}

TEST_CASE("An unenrolled kiosk reports what needs doing", "[cli][kioskctl][status]") {
  const auto file = write_config("unenrolled", R"({"paths": {"state_dir": "."}})");
  const auto r = run_process({kKioskctl, "--config", file, "status", "--json"});
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.output);
  CHECK(report["healthy"] == false);
  CHECK(report["problems"].dump().find("not enrolled") != std::string::npos);
}

TEST_CASE("kioskctl config show gives each key's value, origin and class",
          "[cli][kioskctl][config]") {
  const auto r = run_process({kKioskctl, "--config", demo_config(), "config", "show", "--json"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.output);
  CHECK(report["keys"]["kiosk.id"]["value"] == "DEMO-0001");
  CHECK(report["keys"]["kiosk.id"]["origin"] == "local");
  CHECK(report["keys"]["kiosk.id"]["class"] == "local-only");
  CHECK(report["keys"]["backend.ca_file"]["origin"] == "default");
  CHECK(report["keys"]["ui.languages"]["class"] == "remote");
}

TEST_CASE("A bad config file exits 3 and names the key", "[cli][kioskctl][config][exit-code]") {
  const auto file = write_config("bad-dpi", R"({"ui": {"screen_dpi": "large"}})");
  const auto r = run_process({kKioskctl, "--config", file, "status"});
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("'ui.screen_dpi'") != std::string::npos);
  const auto j = run_process({kKioskctl, "--config", file, "status", "--json"});
  CHECK(j.exit_code == 3);
  CHECK(j.output.find("\"code\": \"config\"") != std::string::npos);
}

TEST_CASE("A wrong command line exits 2", "[cli][kioskctl][exit-code]") {
  CHECK(run_process({kKioskctl}).exit_code == 2);
  CHECK(run_process({kKioskctl, "no-such-verb"}).exit_code == 2);
  CHECK(run_process({kKioskctl, "config"}).exit_code == 2);
  CHECK(run_process({kKioskctl, "--help"}).exit_code == 0);
  const auto v = run_process({kKioskctl, "--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.output.find('.') != std::string::npos);
}

TEST_CASE("csc-kiosk refuses a bad config before opening any window",
          "[cli][csc-kiosk][exit-code]") {
  const auto file = write_config("kiosk-bad", R"({"backend": {"url": "http://192.0.2.1/"}})");
  const auto r = run_process({kKiosk, "--config", file}, {"SDL_VIDEODRIVER=dummy"});
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("'backend.url'") != std::string::npos);
  CHECK(run_process({kKiosk, "--no-such-flag"}).exit_code == 2);
  CHECK(run_process({kKiosk, "--version"}).exit_code == 0);
}

TEST_CASE("csc-kiosk render-text writes shaped text to a PNG without a display",
          "[cli][csc-kiosk][render-text]") {
  const auto dir = kiosk::testing::scratch_dir("render-text");
  const auto one = (dir / "one.png").string(), wrapped = (dir / "wrapped.png").string();
  const std::string text = "कृपया अपना आधार नंबर दर्ज करें";
  auto r = run_process({kKiosk, "render-text", "--size", "32", "--out", one, text}, {"DISPLAY="});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("1 lines") != std::string::npos);
  r = run_process(
      {kKiosk, "render-text", "--size", "32", "--width", "200", "--out", wrapped, text});
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("1 lines") == std::string::npos);
  CHECK(run_process({kKiosk, "render-text"}).exit_code == 2);                       // no TEXT
  CHECK(run_process({kKiosk, "render-text", "--size", "x", "ab"}).exit_code == 2);  // bad size
  CHECK(run_process({kKiosk, "render-text", "--out", "/no/such/dir/x.png", "ab"}).exit_code == 1);
}

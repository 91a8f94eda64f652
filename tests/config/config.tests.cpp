#include "kiosk/config/config.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "kiosk/config/config_schema.h"
#include "kiosk/config/url.h"
#include "kiosk/devices/device_specs.h"
#include "tests/support/paths.h"

using nlohmann::json;
using namespace kiosk::config;

namespace {

kiosk::Result<Config> from_local(json local, std::optional<json> bundle = std::nullopt) {
  Layers layers;
  layers.local = std::move(local);
  layers.local_name = "test.json";
  layers.local_dir = "/srv/kiosk";
  layers.bundle = std::move(bundle);
  return resolve(layers);
}

std::string error_of(const kiosk::Result<Config>& r) {
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == kiosk::Errc::Config);
  return r.error().message;
}

}  // namespace

TEST_CASE("Built-in defaults alone form a valid configuration with FHS paths", "[config]") {
  const auto c = from_local(json::object());
  REQUIRE(c);
  CHECK(c->state_dir == "/var/lib/csc-kiosk");
  CHECK(c->languages == std::vector<std::string>{"hi", "en"});
  CHECK(c->kiosk_id.empty());
  CHECK(c->origins.at("ui.languages") == Origin::Default);
}

TEST_CASE("A local file sets keys and relative paths resolve against its folder", "[config]") {
  const auto c = from_local({{"kiosk", {{"id", "CG-RPR-0042"}}},
                             {"paths", {{"state_dir", "state"}}},
                             {"ui", {{"screen_dpi", 141}}}});
  REQUIRE(c);
  CHECK(c->kiosk_id == "CG-RPR-0042");
  CHECK(c->state_dir == "/srv/kiosk/state");
  CHECK(c->screen_dpi == Approx(141));
  CHECK(c->origins.at("kiosk.id") == Origin::Local);
}

TEST_CASE("An unknown key is refused and named", "[config][validation]") {
  CHECK(error_of(from_local({{"ui", {{"screen_dip", 141}}}})).find("'ui.screen_dip'") !=
        std::string::npos);
  CHECK(error_of(from_local({{"kisok", {{"id", "X"}}}})).find("'kisok'") != std::string::npos);
}

TEST_CASE("A value of the wrong kind names the key, the file and the problem",
          "[config][validation]") {
  const auto msg = error_of(from_local({{"ui", {{"screen_dpi", "high"}}}}));
  CHECK(msg.find("test.json") != std::string::npos);
  CHECK(msg.find("'ui.screen_dpi'") != std::string::npos);
  CHECK(msg.find("between 50 and 600") != std::string::npos);
  CHECK(error_of(from_local({{"ui", {{"languages", json::array({"hi", "fr"})}}}})).find("\"fr\"") !=
        std::string::npos);
  CHECK(error_of(from_local({{"ui", {{"languages", json::array({"hi", "hi"})}}}})).find("twice") !=
        std::string::npos);
  CHECK(error_of(from_local({{"kiosk", {{"id", "cg rpr 42"}}}})).find("'kiosk.id'") !=
        std::string::npos);
  CHECK(error_of(from_local({{"ui", {{"idle_timeout_s", 2}}}})).find("'ui.idle_timeout_s'") !=
        std::string::npos);
  // The idle warning is 20 s: a timeout under 60 s would leave a citizen little else.
  CHECK(error_of(from_local({{"ui", {{"idle_timeout_s", 59}}}})).find("between 60 and 3600") !=
        std::string::npos);
  CHECK(from_local({{"ui", {{"idle_timeout_s", 60}}}}));
  CHECK(error_of(from_local({{"ui", {{"attract_after_s", 4}}}})).find("'ui.attract_after_s'") !=
        std::string::npos);
}

TEST_CASE("Plain HTTP to the backend is allowed only to loopback", "[config][validation][url]") {
  CHECK(from_local({{"backend", {{"url", "https://edistrict.example.in/api"}}}}));
  CHECK(from_local({{"backend", {{"url", "http://127.0.0.1:8787"}}}}));
  CHECK(from_local({{"backend", {{"url", "http://localhost:8787"}}}}));
  CHECK(from_local({{"backend", {{"url", "http://[::1]:8787"}}}}));
  CHECK(error_of(from_local({{"backend", {{"url", "http://10.0.0.5:8787"}}}})).find("loopback") !=
        std::string::npos);
  CHECK(error_of(from_local({{"backend", {{"url", "ftp://127.0.0.1/"}}}})).find("scheme") !=
        std::string::npos);
  CHECK(error_of(from_local({{"backend", {{"url", "not a url"}}}})).find("'backend.url'") !=
        std::string::npos);
  CHECK(is_loopback_host("127.8.9.10"));
  CHECK_FALSE(is_loopback_host("128.0.0.1"));
  CHECK_FALSE(is_loopback_host("localhost.evil.example"));
}

TEST_CASE("The device table is validated entry by entry", "[config][validation][devices]") {
  const auto good = from_local({{"devices",
                                 {{"receipt_printer", {{"kind", "printer"}, {"usb", "0416:5011"}}},
                                  {"scanner", {{"kind", "scanner"}, {"simulated", true}}}}}});
  REQUIRE(good);
  REQUIRE(good->devices.size() == 2);
  const auto& printer = good->devices[0];
  CHECK(printer.name == "receipt_printer");
  REQUIRE(printer.usb);
  CHECK(printer.usb->vendor == 0x0416);
  CHECK(printer.usb->product == 0x5011);
  CHECK(error_of(from_local({{"devices", {{"p", {{"kind", "toaster"}, {"simulated", true}}}}}}))
            .find("kind") != std::string::npos);
  CHECK(error_of(from_local({{"devices", {{"p", {{"kind", "printer"}, {"usb", "416:5011"}}}}}}))
            .find("vvvv:pppp") != std::string::npos);
  CHECK(error_of(from_local({{"devices", {{"p", {{"kind", "printer"}}}}}})).find("needs") !=
        std::string::npos);
}

TEST_CASE("Scanner options say how scans end, and bad ones are refused",
          "[config][validation][devices][scanner]") {
  const auto scanner = [](json options) {
    return from_local(
        {{"devices", {{"s", {{"kind", "scanner"}, {"simulated", true}, {"options", options}}}}}});
  };
  const auto none = scanner({{"suffix", "none"}, {"gap_ms", 120}});
  REQUIRE(none);
  const auto s = kiosk::devices::scanner_config(*none, "s");
  CHECK_FALSE(s.end_on_enter);
  CHECK_FALSE(s.end_on_tab);
  CHECK(s.gap_ms == 120);
  const auto pos = scanner({{"enable_report", "fe01"}});
  REQUIRE(pos);
  CHECK(kiosk::devices::scanner_config(*pos, "s").enable_report ==
        std::vector<std::uint8_t>{0xFE, 0x01});
  CHECK(kiosk::devices::scanner_config(*pos, "s").end_on_enter);  // "any" by default
  CHECK(error_of(scanner({{"suffix", "none"}})).find("gap_ms") != std::string::npos);
  CHECK(error_of(scanner({{"suffix", "newline"}})).find("suffix") != std::string::npos);
  CHECK(error_of(scanner({{"gap_ms", 5}})).find("gap_ms") != std::string::npos);
  CHECK(error_of(scanner({{"enable_report", "FE01"}})).find("hex") != std::string::npos);
  CHECK(error_of(scanner({{"beep", true}})).find("unknown scanner option") != std::string::npos);
}

TEST_CASE("An ignore entry names a device no entry may claim, and is no device itself",
          "[config][validation][devices][ignore]") {
  const auto c = from_local(
      {{"devices",
        {{"qr_scanner", {{"kind", "scanner"}, {"simulated", true}}},
         {"operator_keyboard", {{"kind", "scanner"}, {"usb", "046d:c31c"}, {"mode", "ignore"}}}}}});
  REQUIRE(c);
  REQUIRE(c->devices.size() == 1);  // not a device of the kiosk: no state, alert or banner
  CHECK(c->devices[0].name == "qr_scanner");
  REQUIRE(c->ignored_devices.size() == 1);
  CHECK(c->ignored_devices[0].vendor == 0x046d);
  const auto ignored = kiosk::devices::ignored_matches(*c);
  REQUIRE(ignored.size() == 1);
  CHECK(ignored[0].product_id == 0xc31c);
  CHECK(error_of(
            from_local({{"devices",
                         {{"k", {{"kind", "scanner"}, {"simulated", true}, {"mode", "ignore"}}}}}}))
            .find("usb") != std::string::npos);
  CHECK(error_of(
            from_local({{"devices",
                         {{"k", {{"kind", "scanner"}, {"usb", "046d:c31c"}, {"mode", "skip"}}}}}}))
            .find("ignore") != std::string::npos);
}

TEST_CASE("A signed bundle overrides the local file for remote keys", "[config][layering]") {
  const auto c =
      from_local({{"ui", {{"idle_timeout_s", 60}}}, {"backend", {{"url", "http://127.0.0.1:1"}}}},
                 json{{"ui", {{"idle_timeout_s", 120}}},
                      {"backend", {{"url", "https://backend.example.in"}}}});
  REQUIRE(c);
  CHECK(c->idle_timeout_s == 120);
  CHECK(c->backend_url == "https://backend.example.in");
  CHECK(c->origins.at("ui.idle_timeout_s") == Origin::Bundle);
}

TEST_CASE("A bundle cannot set a local-only key, and local-only keys stay local",
          "[config][layering]") {
  const auto refused = from_local(json::object(), json{{"paths", {{"state_dir", "/tmp/evil"}}}});
  CHECK(error_of(refused).find("'paths.state_dir' is local-only") != std::string::npos);
  const auto c =
      from_local({{"kiosk", {{"id", "CG-RPR-0042"}}}}, json{{"ui", {{"idle_timeout_s", 300}}}});
  REQUIRE(c);
  CHECK(c->kiosk_id == "CG-RPR-0042");
  CHECK(c->origins.at("kiosk.id") == Origin::Local);
}

TEST_CASE("A bad value in a bundle is reported as the bundle's", "[config][layering]") {
  const auto msg =
      error_of(from_local(json::object(), json{{"backend", {{"url", "http://8.8.8.8"}}}}));
  CHECK(msg.find("configuration bundle") != std::string::npos);
}

TEST_CASE("A config file that is not JSON is refused with its path", "[config][file]") {
  const auto dir = kiosk::testing::scratch_dir("config-file");
  const auto file = dir / "broken.json";
  std::ofstream(file) << "{ \"kiosk\": { \"id\": ";
  const auto c = load(file);
  REQUIRE_FALSE(c);
  CHECK(c.error().code == kiosk::Errc::Config);
  CHECK(c.error().message.find(file.string()) != std::string::npos);
  CHECK_FALSE(load(dir / "missing.json"));
}

TEST_CASE("The shipped demo and installed configs are valid", "[config][file]") {
  const auto demo = load(kiosk::testing::source_dir() / "config" / "demo.json");
  REQUIRE(demo);
  CHECK(demo->assets_dir == kiosk::testing::source_dir() / "assets");
  CHECK(demo->devices.size() == 3);
  REQUIRE(load(kiosk::testing::source_dir() / "config" / "csc-kiosk.json"));
}

TEST_CASE("Every config key is documented in docs/config.md", "[config][docs]") {
  std::ifstream in(kiosk::testing::source_dir() / "docs" / "config.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  for (const KeySpec& spec : schema()) {
    INFO(spec.key);
    CHECK(text.str().find("`" + std::string(spec.key) + "`") != std::string::npos);
  }
}

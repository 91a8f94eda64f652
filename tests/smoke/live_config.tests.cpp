// A signed bundle handed to the running kiosk (kioskctl config apply → the control socket)
// while a citizen is mid-form: nothing changes on their screen until the session ends; then
// the new catalogue shows. The real csc-kiosk under Xvfb, driven by X clicks.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/ui_tour.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kService = "cg.edistrict.income_certificate";
constexpr const char* kNewTitle = "Income certificate (new fee)";

// The demo's catalogue with the income certificate renamed and its fee raised by Rs 10.
json changed_catalogue() {
  std::ifstream in(assets_dir() / "services" / "catalogue.json");
  json catalogue = json::parse(in);
  for (auto& s : catalogue["services"]) {
    if (s["id"] != kService) continue;
    s["title"]["en"] = kNewTitle;
    s["fee_paise"] = s.value("fee_paise", 0) + 1000;
  }
  return catalogue;
}

std::string tile_label(const kiosk::app::ScreenDescription& d) {
  for (const auto& t : d.targets)
    if (t.id == std::string("home.service.") + kService) return t.label;
  return "";
}

}  // namespace

TEST_CASE(
    "A bundle applied while a citizen is mid-form waits for the session to end, then "
    "the new catalogue shows",
    "[smoke][config][live]") {
  TourOptions o;
  o.scratch = scratch_dir("live-config");
  o.out_dir = artifacts_dir() / "live-config";
  std::filesystem::create_directories(o.out_dir);
  o.languages = {"en"};
  TourKiosk kiosk(o);
  auto welcome = kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                 return t.id == "welcome.listen";
               });
      },
      20s);
  INFO(kiosk.log());
  REQUIRE(welcome);
  REQUIRE(kiosk.tap("welcome.language.en"));
  auto home = kiosk.wait_for([](const auto& d) { return d.screen == "home"; });
  REQUIRE(home);
  const std::string old_title = tile_label(*home);
  REQUIRE_FALSE(old_title.empty());
  REQUIRE(kiosk.tap(std::string("home.service.") + kService));
  REQUIRE(kiosk.tap("service.apply"));
  REQUIRE(kiosk.tap("consent.accept"));
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "details"; }));

  const json payload{{"schema", 1},
                     {"scope", {{"fleet", true}}},
                     {"version", 1},
                     {"issued_at", "2026-01-01T00:00:00Z"},
                     {"expires_at", "2099-01-01T00:00:00Z"},
                     {"catalogue", changed_catalogue()}};
  std::ofstream(o.scratch / "payload.json") << payload.dump();
  const std::string config = (o.scratch / "config.json").string();
  const auto signed_bundle = (o.scratch / "bundle.signed").string();
  REQUIRE(run_process({KIOSKCTL_PATH, "config", "sign", "--key",
                       (source_dir() / "config" / "keys" / "demo-config.key").string(), "--out",
                       signed_bundle, (o.scratch / "payload.json").string()})
              .exit_code == 0);
  const auto applied =
      run_process({KIOSKCTL_PATH, "--config", config, "--json", "config", "apply", signed_bundle});
  INFO(applied.output);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.output.find("\"via\": \"kiosk\"") != std::string::npos);
  CHECK(applied.output.find("\"outcome\": \"applied\"") != std::string::npos);

  // The citizen's form stays as it was.
  std::this_thread::sleep_for(1s);
  auto still = kiosk.ui();
  REQUIRE(still);
  CHECK(still->screen == "details");
  const auto status =
      run_process({KIOSKCTL_PATH, "--config", config, "--json", "config", "status"});
  CHECK(status.output.find("\"running\": true") != std::string::npos);
  CHECK(status.output.find("\"phase\": \"running\"") != std::string::npos);

  // The session ends: the new catalogue is taken on the welcome screen.
  REQUIRE(kiosk.tap("nav.start_over"));
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "welcome"; }));
  REQUIRE(kiosk.tap("welcome.language.en"));
  auto after =
      kiosk.wait_for([](const auto& d) { return d.screen == "home" && !tile_label(d).empty(); });
  REQUIRE(after);
  CHECK(tile_label(*after) != old_title);
  CHECK(tile_label(*after).find(kNewTitle) != std::string::npos);
  REQUIRE(kiosk.tap(std::string("home.service.") + kService));
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "service"; }));
  CHECK(kiosk.screenshot(o.out_dir / "service-new-fee.png"));  // the fee: Rs 10 more
}

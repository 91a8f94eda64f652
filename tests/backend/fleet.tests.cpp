// Fleet health end to end: the real csc-kiosk (enrolled, heartbeat every 2 s) sends its
// heartbeats to the reference backend; a citizen's "help" becomes an alert in the next one;
// the backend's /fleet page shows the kiosk with that alert, in a real headless Chromium.
#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/core/version.h"
#include "tests/backend/backend_process.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/ui_tour.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kKioskId = "CG-RPR-0042";

json last_heartbeat(const BackendProcess& backend) {
  auto client = backend.client();
  auto res = client.Get("/_control/heartbeats");
  if (!res || res->status != 200) return nullptr;
  const json all = json::parse(res->body, nullptr, false);
  return all.is_object() && all.contains(kKioskId) ? all[kKioskId] : json();
}

bool has_alert(const json& beat, std::string_view code) {
  if (!beat.is_object() || !beat["alerts"].is_array()) return false;
  return std::ranges::any_of(beat["alerts"], [&](const json& a) { return a["code"] == code; });
}

// What a person sees: Chromium, headless, renders /fleet and prints the resulting DOM.
std::string browser_dom(const std::string& url, const std::filesystem::path& profile) {
  const auto r = run_process({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                              "--disable-quic", "--no-first-run", "--disable-background-networking",
                              "--disable-component-update", "--disable-sync",
                              "--user-data-dir=" + profile.string(), "--dump-dom", url});
  return r.output;
}

}  // namespace

TEST_CASE(
    "The running kiosk's heartbeats reach the backend with its figures and alerts, and /fleet "
    "shows them in a browser",
    "[backend][fleet][heartbeat][xvfb]") {
  const auto dir = scratch_dir("fleet");
  std::filesystem::create_directories(dir / "backend");
  BackendProcess backend(dir / "backend");
  TourOptions o;
  o.scratch = dir / "kiosk";
  o.out_dir = artifacts_dir() / "fleet";
  o.languages = {"en"};
  o.config_patch = {{"kiosk", {{"id", kKioskId}}},
                    {"backend", {{"url", fmt::format("http://127.0.0.1:{}", backend.port())}}},
                    {"heartbeat", {{"interval_s", 2}}}};
  std::filesystem::create_directories(o.scratch / "state");
  std::ofstream(o.scratch / "state" / "token") << kKioskToken << "\n";
  TourKiosk kiosk(o);
  INFO(kiosk.log());
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "welcome"; }, 20s));

  json beat;
  REQUIRE(eventually([&] { return !(beat = last_heartbeat(backend)).is_null(); }, 15s));
  INFO(beat.dump(2));
  CHECK(beat["app_version"] == kiosk::kVersion);
  CHECK(beat["config_version"] == 0);
  CHECK(beat["uptime_s"].get<int>() >= 0);
  CHECK(beat["queue"] == json{{"pending", 0}, {"dead", 0}, {"oldest_pending_age_s", 0}});
  CHECK(beat["devices"] == json::array());  // the tour kiosk has none configured
  CHECK_FALSE(has_alert(beat, "citizen.help"));

  REQUIRE(kiosk.tap("welcome.language.en"));
  REQUIRE(kiosk.tap("header.help"));  // a citizen calls the operator: an alert
  REQUIRE(
      eventually([&] { return has_alert(beat = last_heartbeat(backend), "citizen.help"); }, 20s));
  const int first_uptime = beat["uptime_s"];
  CHECK(eventually([&] { return last_heartbeat(backend)["uptime_s"].get<int>() > first_uptime; },
                   10s));

  auto client = backend.client();
  auto page = client.Get("/fleet");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find(kKioskId) != std::string::npos);
  const auto dom =
      browser_dom(fmt::format("http://127.0.0.1:{}/fleet", backend.port()), dir / "chromium");
  INFO(dom);
  CHECK(dom.find("<h1>CSC kiosk fleet</h1>") != std::string::npos);
  CHECK(dom.find(kKioskId) != std::string::npos);
  CHECK(dom.find("citizen.help") != std::string::npos);
}

TEST_CASE("The fleet page escapes what a kiosk sent", "[backend][fleet]") {
  BackendProcess backend(scratch_dir("fleet-escape"));
  auto client = backend.client();
  const json beat{{"kiosk_id", "<script>alert(1)</script>"},
                  {"alerts", json::array({{{"code", "<b>x</b>"}, {"severity", "warning"}}})}};
  auto res = client.Post("/v1/heartbeat", beat.dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 204);
  auto page = client.Get("/fleet");
  REQUIRE(page);
  CHECK(page->body.find("<script>") == std::string::npos);
  CHECK(page->body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page->body.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
}

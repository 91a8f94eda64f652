// Application status by a receipt's QR through a simulated scanner (umockdev): the real
// kiosk, at its welcome screen, reads the scan and looks that receipt's status up. With no
// backend to ask and a receipt it did not issue, it says it cannot check now: nothing else.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/control/client.h"
#include "tests/support/paths.h"
#include "tests/support/running_kiosk.h"
#include "tests/usb/kiosk_config.h"
#include "tests/usb/usb_rig.h"

using namespace usbtest;
using namespace std::chrono_literals;
using nlohmann::json;

TEST_CASE("A receipt's QR held to the scanner at the welcome screen shows its status",
          "[usb][scanner][status][xvfb]") {
  simusb::SimBus bus;
  auto sim = bus.plug(simusb::keyboard_scanner(), 2);
  const auto config = write_config("status-scan");
  const auto socket = config.parent_path() / "state" / "ctl.sock";
  kiosk::testing::RunningKiosk kiosk(config, {}, {.args = {"--demo"}});
  INFO(kiosk.log());
  REQUIRE(eventually([&] { return sim->claims() > 0; }, 15s));
  const auto screen = [&]() -> json {
    auto answer = kiosk::control::request(socket, {{"verb", "ui"}}, 2s);
    return answer ? *answer : json();
  };
  REQUIRE(eventually([&] { return screen().value("screen", "") == "welcome"; }, 15s));
  sim->type_text("csckiosk:r1:CG-RPR-0042-20261120-000007\n");
  json shown;
  REQUIRE(eventually(
      [&] {
        shown = screen();
        return shown.value("prompt", "") == "prompt.status.unreachable";
      },
      30s));
  CHECK(shown["screen"] == "status");
  CHECK(kiosk.log().find("status lookup not possible") == std::string::npos);  // it asked
}

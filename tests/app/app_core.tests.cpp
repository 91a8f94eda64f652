#include "kiosk/app/app_core.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "kiosk/core/log.h"
#include "kiosk/services/catalogue.h"
#include "tests/support/catalogues.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;

namespace {

services::Catalogue catalogue() {
  // The form mechanics: each service asks for the applicant's three required fields.
  auto c = std::optional(testing::applicant_catalogue());
  REQUIRE(c);
  return *c;
}

AppCore make_core(ManualClock& clock) {
  return AppCore(clock, CoreSettings{{"hi", "en"}, 90s, false}, catalogue());
}

}  // namespace

TEST_CASE("A new kiosk starts on the welcome screen in the default language", "[app][core]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  const auto s = core.snapshot();
  CHECK(s->screen == Screen::Welcome);
  CHECK(s->language == "hi");
  CHECK_FALSE(s->idle_deadline);
  CHECK(s->version == 0);
}

TEST_CASE("Choosing a language opens the service list in that language", "[app][core]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(ChooseLanguage{"en"});
  CHECK(core.step());
  const auto s = core.snapshot();
  CHECK(s->screen == Screen::Home);
  CHECK(s->language == "en");
  CHECK(s->version == 1);
  REQUIRE(s->idle_deadline);
  CHECK(*s->idle_deadline == clock.steady_now() + 90s);
}

TEST_CASE("Unknown languages and services are ignored, not crashed on", "[app][core]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(ChooseLanguage{"fr"});
  CHECK_FALSE(core.step());
  core.post(ChooseLanguage{"hi"});
  core.post(OpenService{"no.such.service"});
  core.step();
  CHECK(core.snapshot()->screen == Screen::Home);
}

TEST_CASE("Opening a service and going back returns to the service list", "[app][core]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(ChooseLanguage{"hi"});
  core.post(OpenService{"cg.edistrict.caste_certificate"});
  core.step();
  auto s = core.snapshot();
  REQUIRE(s->screen == Screen::Service);
  REQUIRE(s->selected_service);
  CHECK(s->services[*s->selected_service].id == "cg.edistrict.caste_certificate");
  core.post(GoHome{});
  core.step();
  s = core.snapshot();
  CHECK(s->screen == Screen::Home);
  CHECK_FALSE(s->selected_service);
}

TEST_CASE("A session left untouched past the idle timeout is wiped", "[app][core][idle]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(ChooseLanguage{"en"});
  core.post(OpenService{"bbps.electricity_bill"});
  core.step();
  clock.advance(60s);
  core.post(UserActivity{});  // a touch at 60 s pushes the reset to 150 s
  core.step();
  clock.advance(89s);
  CHECK_FALSE(core.step());
  CHECK(core.snapshot()->screen == Screen::Service);
  clock.advance(1s);
  CHECK(core.step());
  const auto s = core.snapshot();
  CHECK(s->screen == Screen::Welcome);
  CHECK(s->language == "hi");
  CHECK_FALSE(s->selected_service);
  CHECK_FALSE(s->idle_deadline);
}

TEST_CASE("Start over wipes the session at once", "[app][core]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(ChooseLanguage{"en"});
  core.post(StartOver{});
  core.step();
  CHECK(core.snapshot()->screen == Screen::Welcome);
  CHECK(core.snapshot()->language == "hi");
}

TEST_CASE("The core thread applies posted commands and announces each snapshot",
          "[app][core][thread]") {
  SystemClock clock;
  AppCore core(clock, CoreSettings{{"hi", "en"}, 90s, false}, catalogue());
  std::atomic<int> published{0};
  core.set_on_publish([&] { ++published; });
  {
    CoreThread thread(core);
    core.post(ChooseLanguage{"en"});
    for (int i = 0; i < 500 && core.snapshot()->screen != Screen::Home; ++i) {
      std::this_thread::sleep_for(2ms);
    }
  }  // joins
  CHECK(core.snapshot()->screen == Screen::Home);
  CHECK(published.load() >= 1);
}

namespace {
DeviceView printer_view(drivers::model::Status status, bool required = true,
                        drivers::model::Action action = drivers::model::Action::None) {
  return {"receipt_printer", drivers::model::DeviceKind::Printer, status, action, required};
}
}  // namespace

TEST_CASE("A required device that is not online puts a banner in the snapshot until it is back",
          "[app][core][devices]") {
  using drivers::model::Status;
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(
      DevicesChanged{{printer_view(Status::Offline, true, drivers::model::Action::LoadPaper)}});
  REQUIRE(core.step());
  auto s = core.snapshot();
  REQUIRE(s->device_banner);
  CHECK(s->device_banner->device == "receipt_printer");
  CHECK(s->device_banner->kind_key == "device.kind.printer.name");
  CHECK(s->device_banner->status_key == "device.status.offline");
  CHECK(s->device_banner->action_key == "device.action.load_paper");
  CHECK_FALSE(s->idle_deadline);  // a device event is not a touch
  core.post(DevicesChanged{{printer_view(Status::Online)}});
  REQUIRE(core.step());
  CHECK_FALSE(core.snapshot()->device_banner);
  CHECK(core.snapshot()->devices.size() == 1);
}

TEST_CASE(
    "An optional device that is missing raises no banner, and a missing one asks to reconnect",
    "[app][core][devices]") {
  using drivers::model::Status;
  CHECK_FALSE(banner_for({printer_view(Status::NoDevice, /*required=*/false)}));
  const auto banner = banner_for({printer_view(Status::NoDevice)});
  REQUIRE(banner);
  CHECK(banner->action_key == "device.action.reconnect");
  DeviceView scanner{"qr_scanner", drivers::model::DeviceKind::Scanner, Status::Busy,
                     drivers::model::Action::None, true};
  const auto first = banner_for({printer_view(Status::Online), scanner});
  REQUIRE(first);
  CHECK(first->device == "qr_scanner");
  CHECK(first->action_key.empty());
}

TEST_CASE("Every snapshot field takes part in change detection", "[app][core][snapshot]") {
  // A field nobody listed by hand still publishes: the device list is one such field.
  ManualClock clock;
  AppCore core = make_core(clock);
  const auto before = core.snapshot()->version;
  core.post(DevicesChanged{{printer_view(drivers::model::Status::Online)}});
  CHECK(core.step());
  CHECK(core.snapshot()->version == before + 1);
  core.post(DevicesChanged{{printer_view(drivers::model::Status::Online)}});
  CHECK_FALSE(core.step());  // the same view again: nothing new to publish
  Snapshot a = *core.snapshot();
  Snapshot b = a;
  CHECK(a == b);
  b.demo = !b.demo;  // a field the old hand-written comparison never listed
  CHECK_FALSE(a == b);
}

TEST_CASE("The core wakes for the attract screen and leaves it on any touch",
          "[app][core][attract]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  REQUIRE(core.next_deadline());
  CHECK(*core.next_deadline() == clock.steady_now() + 60s);  // its thread sleeps till then
  clock.advance(30s);
  core.post(UserActivity{});  // someone touched the welcome screen: the minute starts again
  core.step();
  CHECK(*core.next_deadline() == clock.steady_now() + 60s);
  clock.advance(60s);
  CHECK(core.step());  // a timer, no command
  CHECK(core.snapshot()->screen == Screen::Attract);
  CHECK_FALSE(core.next_deadline());  // nothing to wake for until someone comes
  core.post(UserActivity{});
  core.step();
  CHECK(core.snapshot()->screen == Screen::Welcome);
  core.post(ChooseLanguage{"en"});
  core.step();
  CHECK_FALSE(core.snapshot()->attract_at);  // a session never turns into the attract screen
  CHECK(*core.next_deadline() == *core.snapshot()->idle_deadline);
}

TEST_CASE("Listen mode lasts the session and every wipe ends it", "[app][core][listen]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  core.post(SetListenMode{true});
  core.post(ChooseLanguage{"hi"});
  core.step();
  CHECK(core.snapshot()->listen_mode);
  core.post(OpenService{"cg.edistrict.income_certificate"});
  core.step();
  CHECK(core.snapshot()->listen_mode);
  core.post(StartOver{});
  core.step();
  CHECK_FALSE(core.snapshot()->listen_mode);
  core.post(SetListenMode{true});
  core.step();
  clock.advance(60s);  // on the welcome screen, then nobody: the attract screen wipes it too
  core.step();
  CHECK(core.snapshot()->screen == Screen::Attract);
  CHECK_FALSE(core.snapshot()->listen_mode);
}

TEST_CASE("A scan reaches the core as its kind only, and is not a touch", "[app][core][scanner]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  std::vector<std::string> lines;
  log::set_sink([&](log::Level, std::string_view line) { lines.emplace_back(line); });
  core.post(ScannerReading{"qr_scanner", true});
  core.step();
  CHECK(core.snapshot()->scanner_reading);
  core.post(ScanReceived{"qr_scanner", "upi://pay?pa=csc.kiosk@sbi&am=40.00&cu=INR"});
  core.step();
  log::set_sink(nullptr);
  const auto s = core.snapshot();
  CHECK_FALSE(s->scanner_reading);
  REQUIRE(s->last_scan);
  CHECK(s->last_scan->device == "qr_scanner");
  CHECK(s->last_scan->kind == "upi");
  CHECK(s->last_scan->sequence == 1);
  CHECK_FALSE(s->idle_deadline);  // on the welcome screen no session began
  REQUIRE_FALSE(lines.empty());
  for (const auto& line : lines) CHECK(line.find("csc.kiosk@sbi") == std::string::npos);
  core.post(ScanReceived{"qr_scanner", "upi://pay?pa=csc.kiosk@sbi&am=40.00&cu=INR"});
  core.step();
  CHECK(core.snapshot()->last_scan->sequence == 2);  // the same code twice: two scans
}

TEST_CASE("New configuration waits for the citizen's session to end, then the new fee shows",
          "[app][core][config]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  const std::string id = "cg.edistrict.caste_certificate";
  core.post(ChooseLanguage{"hi"});
  core.post(OpenService{id});
  core.post(OpenDetails{});
  core.post(SetField{"name", "Sita"});
  core.step();
  const auto fee_of = [&](const Snapshot& s) {
    const auto it = std::ranges::find(s.services, id, &services::Service::id);
    REQUIRE(it != s.services.end());
    return it->fee_paise;
  };
  const auto old_fee = fee_of(*core.snapshot());
  auto live = std::make_shared<LiveConfig>();
  live->settings = CoreSettings{{"hi", "en"}, 120s, false};
  live->catalogue = catalogue();
  for (auto& s : live->catalogue.services)
    if (s.id == id) s.fee_paise = old_fee + 1000;
  live->generation = 1;
  core.post(ConfigChanged{live});
  core.post(UserActivity{});
  core.step();
  auto s = core.snapshot();
  CHECK(s->screen == Screen::Details);
  CHECK(s->fields.at("name") == "Sita");  // the citizen's form is untouched
  CHECK(fee_of(*s) == old_fee);           // and so is what the citizen was shown
  CHECK(s->config_generation == 0);
  CHECK(*s->idle_deadline == clock.steady_now() + 90s);
  core.post(StartOver{});
  core.step();
  s = core.snapshot();
  CHECK(s->config_generation == 1);
  core.post(ChooseLanguage{"en"});
  core.post(OpenService{id});
  core.step();
  s = core.snapshot();
  CHECK(s->screen == Screen::Service);
  CHECK(fee_of(*s) == old_fee + 1000);
  CHECK(*s->idle_deadline == clock.steady_now() + 120s);  // the new idle timeout too
}

TEST_CASE("New configuration on the welcome screen is taken at once", "[app][core][config]") {
  ManualClock clock;
  AppCore core = make_core(clock);
  auto live = std::make_shared<LiveConfig>();
  live->settings = CoreSettings{{"en"}, 90s, false};
  live->settings.csc_name = "Gram Panchayat Abhanpur";
  live->catalogue = catalogue();
  live->generation = 4;
  core.post(ConfigChanged{live});
  CHECK(core.step());
  const auto s = core.snapshot();
  CHECK(s->config_generation == 4);
  CHECK(s->csc_name == "Gram Panchayat Abhanpur");
  CHECK(s->languages == std::vector<std::string>{"en"});
  CHECK(s->language == "en");  // "hi" is no longer offered
}

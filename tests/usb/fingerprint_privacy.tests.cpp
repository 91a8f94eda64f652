// Privacy on the real binary (release and ASan builds alike): a citizen types a sentinel
// Aadhaar number, authenticates by fingerprint (the RD Service simulator, the reference
// backend's relay) and pays; then a core dump of the running kiosk (gcore), its database
// files, the decrypted transaction (`kioskctl queue show`), its logs and its receipt job
// are searched for the number and the PID block, in every spelling. The receipt printer is
// the simulated one on umockdev: the income certificate needs a printer (pre-flight). The same
// search finds sentinels planted on purpose (the positive controls), so a miss means absence.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "kiosk/qr/aadhaar_number.h"
#include "tests/backend/backend_process.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/sentinels.h"
#include "tests/support/ui_tour.h"
#include "tests/usb/usb_rig.h"
#include "tools/rdsim/rd_sim.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;

namespace {

// The core dump is taken of the release build only: an ASan process maps terabytes of
// shadow memory, and gcore spends minutes walking it. The files, logs and the decrypted
// body are searched in both builds. (KIOSK_SANITIZE: the tests' own code is not instrumented,
// so __SANITIZE_ADDRESS__ is not defined here; tests/CMakeLists.txt.)
#ifdef KIOSK_SANITIZE
constexpr bool kDumpCore = false;
#else
constexpr bool kDumpCore = true;
#endif

// Base64 letters only, so the simulator can open its <Data> with it.
constexpr std::string_view kPidMarker = "PIDBLOCKSENTINELQZX";
// Typed as the citizen's name: ordinary memory, so it must be in the core dump.
constexpr std::string_view kPlantedName = "qzxwvk";

std::string sentinel_number() {
  const std::string body = "73921846150";
  return body + kiosk::qr::verhoeff_check_digit(body);
}

}  // namespace

TEST_CASE(
    "Neither the Aadhaar number nor the PID block is in the core dump, the files, the "
    "logs or the receipt",
    "[privacy][fingerprint][slow]") {
  simusb::SimBus bus;
  auto printer = bus.plug(simusb::receipt_printer(), 1);
  const auto scratch = scratch_dir("fingerprint-privacy");
  std::filesystem::create_directories(scratch / "backend");
  BackendProcess backend(scratch / "backend");
  kiosk::rdsim::RdSim rd({.data_marker = std::string(kPidMarker), .log_requests = false});
  const auto rd_port = rd.start();
  REQUIRE(rd_port);
  std::filesystem::create_directories(scratch / "kiosk" / "state");
  std::ofstream(scratch / "kiosk" / "state" / "token") << kKioskToken << "\n";

  TourOptions options;
  options.scratch = scratch / "kiosk";
  options.config_patch = {
      {"backend", {{"url", "http://127.0.0.1:" + std::to_string(backend.port())}}},
      {"uidai", {{"rd_ports", {*rd_port, *rd_port}}}},
      {"devices",
       {{"fingerprint", {{"kind", "fingerprint"}, {"simulated", true}, {"required", false}}},
        {"receipt_printer", {{"kind", "printer"}, {"simulated", true}, {"required", false}}}}}};
  TourKiosk kiosk(options);
  const std::string number = sentinel_number();
  const auto tap = [&](std::string_view id) {
    if (auto tapped = kiosk.tap(id); !tapped) {
      std::string shown;
      if (auto d = kiosk.ui()) {
        shown = d->screen + ":";
        for (const auto& t : d->targets) shown += " " + t.id;
      }
      FAIL(tapped.error().message << "\n" << shown << "\n" << kiosk.log());
    }
  };

  // Settled: the voice guide, started after the first frame, has added the listen picture.
  REQUIRE(kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                 return t.id == "welcome.listen";
               });
      },
      20s));
  tap("welcome.language.en");
  tap("home.service.cg.edistrict.income_certificate");
  tap("service.apply");
  tap("consent.accept");
  const auto typed = [&](const std::string& field, std::string_view keys) {
    tap("details." + field);
    for (char c : keys) tap(std::string("kb.k.") + c);
    tap("kb.k.done");
  };
  typed("name", kPlantedName);
  typed("father_or_husband_name", "ram");
  typed("mobile", "9876543210");
  typed("aadhaar", number);
  typed("annual_income", "120000");
  tap("details.purpose");
  tap("details.purpose.education");
  typed("pincode", "492001");
  tap("details.continue");
  tap("review.fingerprint");  // waits until the reader is seen online
  REQUIRE(kiosk.wait_for([](const auto&) { return true; }, 1s));
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (kiosk.log().find("authentication answered") == std::string::npos &&
         std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(100ms);
  REQUIRE(kiosk.log().find("authentication answered y") != std::string::npos);
  CHECK(rd.captures() == 1);
  tap("review.confirm");
  tap("payment.demo_paid");
  const auto done = kiosk.wait_for([](const auto& d) { return d.screen == "done"; });
  REQUIRE(done);

  // The core dump, taken while the session (and its Secret) still lives on the Done screen.
  const auto core_base = scratch / "kiosk.core";
  const auto core_file = core_base.string() + "." + std::to_string(kiosk.pid());
  struct RemoveOnExit {  // a dump is hundreds of megabytes: never left behind, pass or fail
    std::filesystem::path file;
    ~RemoveOnExit() { std::filesystem::remove(file); }
  } remove_dump{core_file};
  std::string core;
  if (kDumpCore) {
    const auto dumped =
        run_process({"gcore", "-o", core_base.string(), std::to_string(kiosk.pid())});
    INFO(dumped.output);
    REQUIRE(dumped.exit_code == 0);
    core = read_all(core_file);
    REQUIRE(core.size() > 1'000'000);
  }

  // What else is searched: the database files, the decrypted body, the logs, the receipt job.
  std::string files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scratch / "kiosk"))
    if (entry.is_regular_file()) files += read_all(entry.path());
  const auto listing =
      run_process({KIOSKCTL_PATH, "--config", (scratch / "kiosk/config.json").string(), "--json",
                   "queue", "list"});
  REQUIRE(listing.exit_code == 0);
  const auto list = nlohmann::json::parse(listing.output.substr(listing.output.find('{')));
  REQUIRE(list["items"].size() == 1);
  const auto shown =
      run_process({KIOSKCTL_PATH, "--config", (scratch / "kiosk/config.json").string(), "--json",
                   "queue", "show", list["items"][0]["receipt_no"].get<std::string>()});
  REQUIRE(shown.exit_code == 0);
  CHECK(shown.output.find("\"auth_ref\"") != std::string::npos);  // it was authenticated
  CHECK(shown.output.find("XXXX XXXX " + number.substr(8)) != std::string::npos);
  const std::string logs = kiosk.log() + backend.log();

  const auto secrets = [&] {
    auto all = spellings(number);
    all.emplace_back(kPidMarker);
    return all;
  }();
  CHECK(found_in(core, secrets).empty());
  CHECK(found_in(files, secrets).empty());
  CHECK(found_in(shown.output, secrets).empty());
  CHECK(found_in(logs, secrets).empty());

  // Positive controls. The name typed into the form is ordinary memory: the dump has it.
  if (kDumpCore) CHECK_FALSE(found_in(core, {std::string(kPlantedName)}).empty());
  // And each search finds a number planted in the very bytes it searched, in every spelling.
  for (const auto& spelling : spellings(number)) {
    for (std::string haystack : {core.substr(0, 4096), files, shown.output, logs}) {
      haystack.insert(haystack.size() / 2, spelling);
      CHECK(found_in(haystack, secrets) == std::vector<std::string>{spelling});
    }
  }
}

// The whole journey on the real binary (issue 25): csc-kiosk under Xvfb with the simulated
// receipt printer and keyboard-wedge scanner on umockdev, the RD Service simulator and the
// reference backend, driven by X clicks at the rectangles its `ui` verb reports. A citizen
// applies for an income certificate, their details filled by scanning a Secure QR signed
// by the test "UIDAI", types a sentinel Aadhaar number, and pays; the operator confirms
// with `kioskctl payment confirm`. The session ends by the idle reset. Then a second
// citizen pays an electricity bill. Afterwards:
//  - the backend holds exactly those two transactions, nothing rejected, nothing dead;
//  - each printed receipt's QR decodes to the backend's receipt number for it;
//  - the sentinel is in none of: the database files, the decrypted bodies, the logs, the
//    receipts, the backend's stored bodies, a core dump taken after the idle reset; the
//    same search finds it planted in each (positive controls).
// A screenshot of each step is kept in build/<flavour>/artifacts/journey/.
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>

#include "kiosk/core/image.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/qr/image_decode.h"
#include "kiosk/qr/receipt_qr.h"
#include "tests/backend/backend_process.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/sentinels.h"
#include "tests/support/test_uidai.h"
#include "tests/support/ui_tour.h"
#include "tests/usb/usb_rig.h"
#include "tools/rdsim/rd_sim.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

#ifdef KIOSK_SANITIZE
constexpr bool kDumpTheCore = false;  // fingerprint_privacy.tests.cpp says why
#else
constexpr bool kDumpTheCore = true;
#endif

std::string journey_sentinel() {
  const std::string body = "83920417562";
  return body + kiosk::qr::verhoeff_check_digit(body);
}

kiosk::Image receipt_png(const simusb::PrintedImage& printed) {
  kiosk::Image png{printed.width_dots, printed.height, 1, {}};
  const int row_bytes = printed.width_dots / 8;
  for (int y = 0; y < png.height; ++y)
    for (int x = 0; x < png.width; ++x)
      png.pixels.push_back(
          printed.bits[static_cast<std::size_t>(y * row_bytes + x / 8)] & (0x80 >> (x % 8)) ? 0
                                                                                            : 255);
  return png;
}

// The text of the one QR on a printed receipt ("" when none reads).
std::string receipt_qr_text(const kiosk::Image& png) {
  auto symbols = kiosk::qr::decode_grey(png.pixels, png.width, png.height, png.width);
  if (!symbols || symbols->empty()) return {};
  return symbols->front().text;
}

struct JourneyRig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> printer = bus.plug(simusb::receipt_printer(), 1);
  std::shared_ptr<simusb::SimDevice> scanner = bus.plug(simusb::keyboard_scanner(), 2);
  std::filesystem::path scratch = scratch_dir("journey-e2e");
  std::filesystem::path shots = artifacts_dir() / "journey";
  std::unique_ptr<BackendProcess> backend;
  kiosk::rdsim::RdSim rd{{.log_requests = false}};
  std::unique_ptr<TourKiosk> kiosk;
  TourOptions options;
  int step = 0;

  JourneyRig() {
    std::filesystem::create_directories(scratch / "backend");
    std::filesystem::create_directories(scratch / "kiosk" / "state");
    std::filesystem::create_directories(shots);
    backend = std::make_unique<BackendProcess>(scratch / "backend");
    const auto rd_port = rd.start();
    REQUIRE(rd_port);
    std::ofstream(scratch / "kiosk" / "state" / "token") << kKioskToken << "\n";
    options.scratch = scratch / "kiosk";
    options.width = 1920;  // the whole form in view: a tour taps, it does not scroll
    options.height = 1080;
    options.config_patch = {
        {"backend", {{"url", "http://127.0.0.1:" + std::to_string(backend->port())}}},
        {"uidai", {{"rd_ports", {*rd_port, *rd_port}}, {"cert_path", uidai::pki().pem.string()}}},
        {"ui", {{"idle_timeout_s", 60}}},
        {"devices",
         {{"receipt_printer", {{"kind", "printer"}, {"simulated", true}}},
          {"qr_scanner", {{"kind", "scanner"}, {"usb", "1eab:1303"}}},
          {"fingerprint", {{"kind", "fingerprint"}, {"simulated", true}, {"required", false}}}}}};
    kiosk = std::make_unique<TourKiosk>(options);
  }

  // A power cut: SIGKILL, then the kiosk starts again on the same state folder.
  void power_cut_and_restart() {
    const pid_t pid = kiosk->pid();
    REQUIRE(pid > 0);
    REQUIRE(::kill(pid, SIGKILL) == 0);
    kiosk.reset();
    kiosk = std::make_unique<TourKiosk>(options);
  }

  std::string config() const { return (scratch / "kiosk" / "config.json").string(); }

  void tap(std::string_view id) {
    if (auto tapped = kiosk->tap(id); !tapped) {
      std::string shown;
      if (auto d = kiosk->ui()) {
        shown = d->screen + ":";
        for (const auto& t : d->targets) shown += " " + t.id;
      }
      FAIL(tapped.error().message << "\n" << shown << "\n" << kiosk->log());
    }
  }
  void typed(const std::string& field, std::string_view keys) {
    tap("details." + field);
    for (char c : keys) tap(std::string("kb.k.") + c);
    tap("kb.k.done");
  }
  // Waits for `screen` with `target` on it (empty: any), then keeps a numbered screenshot.
  void at(std::string_view screen, std::string_view target, std::string_view name,
          std::chrono::milliseconds limit = 20s) {
    const auto shown = kiosk->wait_for(
        [&](const kiosk::app::ScreenDescription& d) {
          return d.screen == screen &&
                 (target.empty() ||
                  std::ranges::any_of(d.targets, [&](const auto& t) { return t.id == target; }));
        },
        limit);
    INFO(kiosk->log());
    REQUIRE(shown);
    CHECK(kiosk->screenshot(shots / fmt::format("{:02}-{}.png", ++step, name)));
  }
  json ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {KIOSKCTL_PATH, "--config", config(), "--json"});
    const auto run = run_process(args);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return json::parse(run.output.substr(run.output.find('{')));
  }
  // From the welcome screen to the fetched electricity bill of a consumer the reference
  // backend knows.
  void to_bill() {
    tap("welcome.language.en");
    tap("home.category.bills");
    tap("home.service.bbps.electricity_bill");
    tap("service.apply");
    tap("consent.accept");
    typed("consumer_no", "1000234567");
    tap("details.continue");
  }
  // The operator confirms the payment the citizen waits for, as cash: its receipt number.
  std::string confirm_payment() {
    const auto intents = ctl({"payment", "list"})["intents"];
    std::string txn;
    for (const auto& i : intents)
      if (i.value("on_screen", false)) txn = i["txn_id"].get<std::string>();
    REQUIRE_FALSE(txn.empty());
    const auto done = ctl({"payment", "confirm", txn, "--cash"});
    CHECK(done["outcome"] == "completed");
    return done["receipt_no"].get<std::string>();
  }
};

}  // namespace

TEST_CASE(
    "A certificate by Secure QR and a bill are paid on the real kiosk, delivered once, printed "
    "with their numbers, and the Aadhaar number is kept nowhere",
    "[journey][e2e][xvfb][privacy][slow]") {
  JourneyRig rig;
  const std::string number = journey_sentinel();
  rig.at("welcome", "welcome.listen", "welcome");

  // 1. The income certificate: details from the Secure QR, the rest typed.
  rig.tap("welcome.language.en");
  rig.tap("home.service.cg.edistrict.income_certificate");
  rig.at("service", "service.apply", "service");
  rig.tap("service.apply");
  rig.at("consent", "consent.accept", "consent");
  rig.tap("consent.accept");
  rig.at("details", "details.continue", "form-empty");
  const auto started = std::chrono::steady_clock::now();
  // The card of the citizen who types the sentinel: its QR keeps the same last 4 digits.
  rig.scanner->type_text(uidai::secure_qr_for({.name = "Meena Sahu", .last4 = number.substr(8)}) +
                         "\n");
  // The notice is drawn, not a target: the core's log line says the form was filled.
  REQUIRE(usbtest::eventually(
      [&] { return rig.kiosk->log().find("an Aadhaar QR (") != std::string::npos; }, 60s));
  rig.at("details", "details.continue", "form-scanned");
  INFO("a Secure QR through the keyboard wedge took "
       << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                           started)
              .count()
       << " s");
  CHECK(rig.kiosk->log().find("an Aadhaar QR (verified) filled 3 fields") != std::string::npos);
  rig.typed("mobile", "9876543210");
  rig.typed("aadhaar", number);
  rig.typed("annual_income", "120000");
  rig.tap("details.purpose");
  rig.tap("details.purpose.education");
  rig.at("details", "details.continue", "form-filled");
  rig.tap("details.continue");
  rig.at("review", "review.confirm", "review");
  rig.tap("review.confirm");
  rig.at("payment", "", "payment");
  const std::string certificate_receipt = rig.confirm_payment();
  rig.at("done", "", "done");
  REQUIRE(usbtest::eventually([&] { return rig.printer->receipts().size() == 1; }, 20s));

  // The citizen walks away: the idle warning, then the reset wipes the session.
  rig.at("welcome", "welcome.listen", "idle-reset", 90s);
  CHECK(rig.kiosk->log().find("session wiped") != std::string::npos);

  // The core dump, taken after the reset: the sentinel's session is gone from memory.
  std::string core;
  const auto core_base = rig.scratch / "journey.core";
  const auto core_file = core_base.string() + "." + std::to_string(rig.kiosk->pid());
  if (kDumpTheCore) {
    const auto dumped =
        run_process({"gcore", "-o", core_base.string(), std::to_string(rig.kiosk->pid())});
    INFO(dumped.output);
    REQUIRE(dumped.exit_code == 0);
    core = read_all(core_file);
    std::filesystem::remove(core_file);  // hundreds of megabytes
    REQUIRE(core.size() > 1'000'000);
  }

  // 2. The electricity bill, fetched from the reference backend.
  rig.to_bill();
  rig.at("bill", "bill.pay", "bill");
  rig.tap("bill.pay");
  rig.at("payment", "", "bill-payment");
  const std::string bill_receipt = rig.confirm_payment();
  rig.at("done", "", "bill-done");
  REQUIRE(usbtest::eventually([&] { return rig.printer->receipts().size() == 2; }, 20s));
  rig.tap("done.finish");

  // The backend holds exactly the two, each delivered once, nothing refused or dead.
  REQUIRE(usbtest::eventually([&] { return rig.backend->stats()["stored"] == 2; }, 30s));
  const auto stats = rig.backend->stats();
  CHECK(stats["rejected"] == 0);
  CHECK(stats["test_stored"] == 0);
  const auto queue = rig.ctl({"status"});
  INFO(queue.dump());
  CHECK(queue["queue"]["dead"] == 0);
  auto client = rig.backend->client();
  for (const auto& receipt : {certificate_receipt, bill_receipt}) {
    const auto answer = client.Get("/v1/transactions/" + receipt);
    REQUIRE(answer);
    CHECK(answer->status == 200);
  }

  // Each printed receipt carries its own number in its QR (and is kept to be looked at).
  const auto printed = rig.printer->receipts();
  REQUIRE(printed.size() == 2);
  std::vector<std::string> qr_texts;
  for (std::size_t i = 0; i < printed.size(); ++i) {
    const auto png = receipt_png(printed[i]);
    CHECK(kiosk::write_png(rig.shots / fmt::format("receipt-{}.png", i + 1), png));
    qr_texts.push_back(receipt_qr_text(png));
  }
  CHECK(qr_texts == std::vector<std::string>{"csckiosk:r1:" + certificate_receipt,
                                             "csckiosk:r1:" + bill_receipt});

  // Where the number is searched for.
  std::string files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(rig.scratch / "kiosk"))
    if (entry.is_regular_file()) files += read_all(entry.path());
  std::string bodies;
  for (const auto& receipt : {certificate_receipt, bill_receipt})
    bodies += rig.ctl({"queue", "show", receipt}).dump();
  CHECK(bodies.find("\"identity_check\":\"aadhaar_qr\"") != std::string::npos);
  CHECK(bodies.find("XXXX XXXX " + number.substr(8)) != std::string::npos);  // its mask only
  std::string backend_files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(rig.scratch / "backend"))
    if (entry.is_regular_file()) backend_files += read_all(entry.path());
  std::string receipts;
  for (const auto& p : printed) receipts.append(p.bits.begin(), p.bits.end());
  for (const auto& text : qr_texts) receipts += text;
  const std::string logs = rig.kiosk->log() + rig.backend->log();

  const auto secrets = spellings(number);
  CHECK(found_in(core, secrets).empty());
  CHECK(found_in(files, secrets).empty());
  CHECK(found_in(bodies, secrets).empty());
  CHECK(found_in(backend_files, secrets).empty());
  CHECK(found_in(receipts, secrets).empty());
  CHECK(found_in(logs, secrets).empty());
  // Positive controls: each search finds a number planted in the very bytes it searched.
  for (const auto& spelling : secrets) {
    for (std::string haystack :
         {core.substr(0, 4096), files, bodies, backend_files, receipts, logs}) {
      haystack.insert(haystack.size() / 2, spelling);
      CHECK(found_in(haystack, secrets) == std::vector<std::string>{spelling});
    }
  }
}

TEST_CASE(
    "A power cut after the payment intent keeps the intent, and the operator settles it after "
    "the restart with a receipt",
    "[journey][e2e][xvfb][power][slow]") {
  JourneyRig rig;
  rig.at("welcome", "welcome.listen", "cut-welcome");
  rig.to_bill();
  rig.at("bill", "bill.pay", "cut-bill");
  rig.tap("bill.pay");
  rig.at("payment", "", "cut-payment");
  const auto before = rig.ctl({"payment", "list"})["intents"];
  REQUIRE(before.size() == 1);
  const std::string txn = before[0]["txn_id"].get<std::string>();

  rig.power_cut_and_restart();
  rig.at("welcome", "welcome.listen", "cut-restarted");  // no citizen's screen survives
  const auto after = rig.ctl({"payment", "list"})["intents"];
  REQUIRE(after.size() == 1);
  CHECK(after[0]["txn_id"] == txn);
  CHECK(after[0]["state"] == "awaiting");
  CHECK_FALSE(after[0].value("on_screen", true));
  CHECK(after[0]["amount_paise"] == 84750);  // the bill's amount, kept with the intent
  // The money arrived after all: the operator confirms it; the citizen who left gets a
  // receipt (a failed transaction, for the refund or the service at the counter).
  const auto settled = rig.ctl({"payment", "confirm", txn, "--cash"});
  CHECK(settled["outcome"] == "failed");
  CHECK(settled["failure_reason"] == "paid, citizen left");
  const std::string receipt = settled["receipt_no"].get<std::string>();
  REQUIRE(usbtest::eventually([&] { return rig.backend->stats()["stored"] == 1; }, 30s));
  auto client = rig.backend->client();
  const auto answer = client.Get("/v1/transactions/" + receipt);
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(rig.ctl({"payment", "list"})["intents"][0]["state"] == "confirmed");
}

// The electricity bill end to end: the real kiosk (under Xvfb) fetches the seeded bill from
// the reference backend through its lookup worker, the citizen pays it, and the delivered
// transaction in the backend's database holds exactly the bill's amount, the service fee,
// the consent and the bill's references.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/store/database.h"
#include "kiosk/store/sql.h"
#include "tests/backend/backend_process.h"
#include "tests/support/paths.h"
#include "tests/support/ui_tour.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;

namespace {

// The bodies the backend stored, parsed.
std::vector<nlohmann::json> stored_bodies(const std::filesystem::path& db_file) {
  auto db = kiosk::store::Database::open(db_file);
  REQUIRE(db);
  auto q = kiosk::store::sql::Query::make(*db, "SELECT body FROM transactions ORDER BY id");
  REQUIRE(q);
  std::vector<nlohmann::json> out;
  for (auto row = q->step(); row && *row; row = q->step())
    out.push_back(nlohmann::json::parse(q->text(0)));
  return out;
}

}  // namespace

TEST_CASE("A bill fetched from the backend is paid and delivered with its own fields",
          "[services][bill][e2e][slow]") {
  const auto scratch = scratch_dir("bill-e2e");
  std::filesystem::create_directories(scratch / "backend");
  BackendProcess backend(scratch / "backend");
  std::filesystem::create_directories(scratch / "kiosk" / "state");
  std::ofstream(scratch / "kiosk" / "state" / "token") << kKioskToken << "\n";
  TourOptions options;
  options.scratch = scratch / "kiosk";
  options.config_patch = {
      {"backend", {{"url", "http://127.0.0.1:" + std::to_string(backend.port())}}}};
  TourKiosk kiosk(options);
  const auto tap = [&](std::string_view id) {
    auto tapped = kiosk.tap(id);
    INFO(id << ": " << (tapped ? "" : tapped.error().message) << "\n" << kiosk.log());
    REQUIRE(tapped);
  };
  // Settled: the voice guide, started after the first frame, has added the listen picture
  // (the language buttons move when it comes).
  REQUIRE(kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                 return t.id == "welcome.listen";
               });
      },
      20s));
  for (const char* id :
       {"welcome.language.en", "home.category.bills", "home.service.bbps.electricity_bill",
        "service.apply", "consent.accept", "details.consumer_no"})
    tap(id);
  for (char c : std::string_view("1000234567")) tap(std::string("kb.k.") + c);
  tap("kb.k.done");
  tap("details.continue");
  const auto shown = kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "bill" &&
               std::ranges::any_of(d.targets, [](const auto& t) { return t.id == "bill.pay"; });
      },
      20s);
  INFO(kiosk.log());
  REQUIRE(shown);
  tap("bill.pay");
  tap("payment.demo_paid");
  REQUIRE(kiosk.wait_for([](const auto& d) { return d.screen == "done"; }, 10s));

  const auto until = std::chrono::steady_clock::now() + 30s;
  while (backend.stats()["stored"] != 1 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(200ms);
  const auto bodies = stored_bodies(scratch / "backend" / "backend.db");
  REQUIRE(bodies.size() == 1);
  const auto& t = bodies[0];
  CHECK(t["service_id"] == "bbps.electricity_bill");
  CHECK(t["amount_paise"] == 84750);  // the seeded bill's, not the catalogue's 0
  CHECK(t["fee_paise"] == 500);
  CHECK(t["fields"] == nlohmann::json{{"consumer_no", "1000234567"},
                                      {"bill_no", "CSPDCL-2026-11-0042"},
                                      {"biller_ref", "CSPDCL-REF-88231"}});
  CHECK(t["consent"]["text_version"] == "bbps-2026-1");
  CHECK(t["consent"]["language"] == "en");
  // The consumer's full name stayed with the lookup worker: not in the kiosk's log either.
  CHECK(kiosk.log().find("रमेश कुमार साहू") == std::string::npos);
}

// The alert rules (derive) and the board that keeps since-when.
#include "kiosk/alerts/alerts.h"

#include <catch2/catch.hpp>

using namespace kiosk::alerts;
namespace model = drivers::model;
using namespace std::chrono_literals;

namespace {

DeviceFact printer(model::Status status, model::Action action = model::Action::None,
                   bool required = true) {
  model::DeviceState s{.name = "receipt_printer", .kind = model::DeviceKind::Printer};
  s.status = status;
  s.action = action;
  return {s, required};
}

// Every fact known and fine.
Facts healthy() {
  Facts f;
  f.devices = std::vector<DeviceFact>{printer(model::Status::Online)};
  f.delivery_pause = std::optional<kiosk::store::Failure>();
  f.free_disk_mb = 5000;
  f.clock_behind = std::optional<std::string>();
  f.dead_letters = 0;
  f.help_requested = false;
  f.config = kiosk::config::ConfigFacts{};
  f.config->in_force = 12;
  return f;
}

const Condition* find(const std::vector<Condition>& all, std::string_view id) {
  for (const auto& c : all)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("A healthy kiosk raises nothing and knows every fact", "[alerts][derive]") {
  CHECK(derive(healthy()).empty());
  CHECK(unknown(healthy()).empty());
  CHECK(unknown(Facts{}).size() == 7);  // nothing read: nothing claimed to be fine
}

TEST_CASE("A rolled-back configuration and an expired one each raise a warning with an action",
          "[alerts][derive][config]") {
  Facts f = healthy();
  f.config->rolled_back = 13;
  f.config->rollback_why = "the backend check failed 3 probes in a row";
  f.config->expired_at = "2026-12-01T00:00:00Z";
  const auto all = derive(f);
  const Condition* rolled = find(all, "config.rolled-back");
  REQUIRE(rolled);
  CHECK(rolled->severity == Severity::Warning);
  CHECK(rolled->summary.find("version 13") != std::string::npos);
  CHECK(rolled->summary.find("version 12") != std::string::npos);
  CHECK(rolled->action.find("version 14") != std::string::npos);
  const Condition* expired = find(all, "config.expired");
  REQUIRE(expired);
  CHECK(expired->action.find("kioskctl config apply") != std::string::npos);
}

TEST_CASE("Device states raise alerts with the operator's action", "[alerts][derive][devices]") {
  auto f = healthy();
  f.devices = std::vector<DeviceFact>{printer(model::Status::Offline, model::Action::LoadPaper)};
  auto out = derive(f);
  REQUIRE(find(out, "device.receipt_printer"));
  CHECK(find(out, "device.receipt_printer")->severity == Severity::Critical);
  CHECK(find(out, "device.receipt_printer")->action == "load paper");

  auto low = printer(model::Status::Online);
  low.state.supplies["paper"] = model::SupplyLevel::Low;
  f.devices = std::vector<DeviceFact>{low};
  out = derive(f);
  REQUIRE(find(out, "device.receipt_printer"));
  CHECK(find(out, "device.receipt_printer")->severity == Severity::Warning);
  CHECK(find(out, "device.receipt_printer")->summary.find("paper low") != std::string::npos);

  auto denied = printer(model::Status::Offline, model::Action::Maintenance, /*required=*/false);
  denied.state.fault = model::Fault::Access;
  f.devices = std::vector<DeviceFact>{denied};
  out = derive(f);
  REQUIRE(find(out, "device.receipt_printer"));
  CHECK(find(out, "device.receipt_printer")->severity == Severity::Warning);  // optional
  CHECK(find(out, "device.receipt_printer")->action.find("udev") != std::string::npos);
}

TEST_CASE("A refused token and a wrong endpoint pause delivery, other failures do not",
          "[alerts][derive][delivery]") {
  auto f = healthy();
  f.delivery_pause = kiosk::store::Failure{kiosk::store::FailureCode::Credentials, "HTTP 401"};
  auto out = derive(f);
  REQUIRE(find(out, "delivery.paused"));
  CHECK(find(out, "delivery.paused")->action.find("kioskctl enroll") != std::string::npos);
  f.delivery_pause = kiosk::store::Failure{kiosk::store::FailureCode::Endpoint, "HTTP 404"};
  CHECK(derive(f).at(0).action.find("backend.url") != std::string::npos);
  f.delivery_pause = kiosk::store::Failure{kiosk::store::FailureCode::RetryLater, "HTTP 503"};
  CHECK(derive(f).empty());
}

TEST_CASE("Low disk, a clock behind the floor and dead letters raise their alerts",
          "[alerts][derive]") {
  auto f = healthy();
  f.free_disk_mb = 100;
  f.low_disk_mb = 200;
  f.clock_behind = std::optional<std::string>("2026-12-01T10:00:00+05:30");
  f.dead_letters = 3;
  const auto out = derive(f);
  CHECK(find(out, "disk.low"));
  REQUIRE(find(out, "clock.behind"));
  CHECK(find(out, "clock.behind")->severity == Severity::Critical);
  REQUIRE(find(out, "outbox.dead_letters"));
  CHECK(find(out, "outbox.dead_letters")->count == 3);
  f.free_disk_mb = 200;  // at the threshold: fine
  CHECK_FALSE(find(derive(f), "disk.low"));
}

TEST_CASE("The board keeps since-when while an alert stays raised and forgets it once cleared",
          "[alerts][board]") {
  AlertBoard board;
  const kiosk::Clock::WallTime t0{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}};
  auto f = healthy();
  f.dead_letters = 2;
  board.update(derive(f), t0);
  REQUIRE(board.alerts().size() == 1);
  CHECK(board.alerts()[0].since == t0);
  CHECK(board.alerts()[0].condition.severity == Severity::Warning);
  f.dead_letters = 5;  // growing
  board.update(derive(f), t0 + 60s);
  CHECK(board.alerts()[0].since == t0);
  CHECK(board.alerts()[0].condition.severity == Severity::Critical);
  CHECK(board.alerts()[0].condition.summary.find("3 more") != std::string::npos);
  board.update(derive(healthy()), t0 + 120s);
  CHECK(board.alerts().empty());
  f.dead_letters = 5;
  board.update(derive(f), t0 + 180s);  // raised again: a new since, a new baseline
  CHECK(board.alerts()[0].since == t0 + 180s);
  CHECK(board.alerts()[0].condition.severity == Severity::Warning);
  const auto j = to_json(board.alerts());
  CHECK(j[0]["id"] == "outbox.dead_letters");
  CHECK(j[0]["since"].is_string());
  CHECK(to_json(unwatched(derive(f)))[0]["since"].is_null());
}

TEST_CASE("A citizen's call for help is an alert until the session ends",
          "[alerts][derive][help]") {
  auto facts = healthy();
  facts.help_requested = true;
  const auto raised = derive(facts);
  const auto* help = find(raised, "citizen.help");
  REQUIRE(help != nullptr);
  CHECK(help->severity == Severity::Warning);
  CHECK(help->action.find("help the citizen") != std::string::npos);
  facts.help_requested = false;  // the session ended
  CHECK(find(derive(facts), "citizen.help") == nullptr);
  facts.help_requested.reset();  // kioskctl without a running kiosk cannot know
  const auto unknowns = unknown(facts);
  CHECK(std::ranges::find(unknowns, "help") != unknowns.end());
}

TEST_CASE("A reader's RD certificate is warned about 30 days ahead, critical once expired",
          "[alerts][derive][devices][fingerprint]") {
  const auto reader = [](std::optional<int> days) {
    DeviceFact d;
    d.state.name = "fingerprint";
    d.state.kind = model::DeviceKind::Fingerprint;
    d.state.status = model::Status::Online;
    d.state.rd = model::RdFacts{.status = "READY",
                                .provider = "MANTRA.MSIPL",
                                .certificate_expiry = "2027-01-06",
                                .certificate_days_left = days};
    d.required = false;
    return d;
  };
  const auto derived = [&](std::optional<int> days) {
    Facts f;
    f.devices = std::vector<DeviceFact>{reader(days)};
    return derive(f);
  };
  CHECK(derived(31).empty());
  CHECK(derived(std::nullopt).empty());  // an unreadable certificate is not guessed at
  const auto soon = derived(30);
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].id == "device.fingerprint.certificate");
  CHECK(soon[0].severity == Severity::Warning);
  CHECK(soon[0].summary.find("2027-01-06 (30 days)") != std::string::npos);
  CHECK(soon[0].action.find("MANTRA.MSIPL") != std::string::npos);
  const auto expired = derived(-1);
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].severity == Severity::Critical);
}

// The operator's outbox verbs, run as a real kioskctl process against a real backend.
#include <fmt/format.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/outbox/fixtures.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/running_kiosk.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kKioskctl = KIOSKCTL_PATH;

struct Kiosk {
  std::filesystem::path dir;
  std::string config;

  Kiosk(const std::string& name, int port) : dir(scratch_dir(name)) {
    config = (dir / "config.json").string();
    std::ofstream(config) << json{{"backend",
                                   {{"url", "http://127.0.0.1:" + std::to_string(port)},
                                    {"token_file", "state/token"},
                                    {"timeout_s", 5}}},
                                  {"sync", {{"backoff_cap_s", 1}}},
                                  {"paths", {{"state_dir", "state"}}}}
                                 .dump(2);
    std::ofstream(dir / "token.txt") << kKioskToken << "\n";
  }
  ProcessResult ctl(std::vector<std::string> args) const {
    args.insert(args.begin(), {kKioskctl, "--config", config});
    return run_process(args);
  }
  json ctl_json(std::vector<std::string> args, int want_exit = 0) const {
    args.push_back("--json");
    const auto r = ctl(args);
    INFO(r.output);
    REQUIRE(r.exit_code == want_exit);
    return json::parse(r.output.substr(r.output.find('{')));
  }
};

}  // namespace

TEST_CASE("kioskctl enroll stores the token 0600 and the kiosk id in the config",
          "[cli][outbox][enroll]") {
  BackendProcess backend(scratch_dir("ctl-enroll-backend"));
  Kiosk kiosk("ctl-enroll", backend.port());
  auto before = kiosk.ctl_json({"sync", "--once"}, 3);
  CHECK(before["error"]["message"].get<std::string>().find("not enrolled") != std::string::npos);
  auto j = kiosk.ctl_json(
      {"enroll", "--kiosk-id", "CG-RPR-0042", "--token-file", (kiosk.dir / "token.txt").string()});
  CHECK(j["kiosk_id"] == "CG-RPR-0042");
  struct stat st {};
  REQUIRE(::stat((kiosk.dir / "state" / "token").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const auto config = json::parse(std::ifstream(kiosk.config));
  CHECK(config["kiosk"]["id"] == "CG-RPR-0042");
  CHECK(config["backend"]["timeout_s"] == 5);  // other keys kept
  const auto bad = kiosk.ctl(
      {"enroll", "--kiosk-id", "bad id", "--token-file", (kiosk.dir / "token.txt").string()});
  CHECK(bad.exit_code == 1);
}

TEST_CASE("Commissioning items go out with sync --once and the queue reports them",
          "[cli][outbox][sync]") {
  BackendProcess backend(scratch_dir("ctl-sync-backend"));
  Kiosk kiosk("ctl-sync", backend.port());
  kiosk.ctl_json(
      {"enroll", "--kiosk-id", "CG-RPR-0042", "--token-file", (kiosk.dir / "token.txt").string()});
  auto queued = kiosk.ctl_json({"queue", "enqueue-test", "5"});
  CHECK(queued["receipts"].size() == 5);
  auto status = kiosk.ctl_json({"queue", "status"});
  CHECK(status["pending"] == 5);
  CHECK(status["enrolled"] == true);

  backend.set_faults({{"rate_503", 1.0}});
  auto failed = kiosk.ctl_json({"sync", "--once"}, 75);  // EX_TEMPFAIL: items remain
  CHECK(failed["pending"] == 5);
  CHECK(failed["last_failure"].get<std::string>().find("503") != std::string::npos);

  CHECK(kiosk.ctl_json({"queue", "status"})["last_failure"].get<std::string>().find("503") !=
        std::string::npos);
  backend.set_faults({{"rate_503", 0.0}, {"unauthorized", true}});
  kiosk.ctl_json({"sync", "--once"}, 75);
  const auto paused = kiosk.ctl({"queue", "status"});
  CHECK(paused.output.find("ACTION: the backend refuses this kiosk's token") != std::string::npos);

  backend.set_faults({{"unauthorized", false}});
  auto done = kiosk.ctl_json({"sync", "--once"}, 0);  // ignores the backoff just set
  CHECK(done["delivered"] == 5);
  CHECK(done["pending"] == 0);
  CHECK(backend.stats()["test_stored"] == 5);
  CHECK(backend.stats()["stored"] == 0);  // test items are stored apart
  auto listed = kiosk.ctl_json({"queue", "list"});
  CHECK(listed["items"].size() == 5);
  CHECK(listed["items"][0]["state"] == "delivered");
  CHECK(listed["items"][0]["test"] == true);
}

TEST_CASE("Dead letters are listed, shown masked and redriven with the same key",
          "[cli][outbox][dead]") {
  BackendProcess backend(scratch_dir("ctl-dead-backend"));
  Kiosk kiosk("ctl-dead", backend.port());
  kiosk.ctl_json(
      {"enroll", "--kiosk-id", "CG-RPR-0042", "--token-file", (kiosk.dir / "token.txt").string()});
  kiosk.ctl_json({"queue", "enqueue-test", "1"});
  backend.set_faults({{"status_override", 413}});
  kiosk.ctl_json({"sync", "--once"}, 0);  // dead-lettered: nothing pending
  auto dead = kiosk.ctl_json({"queue", "list", "--dead"});
  REQUIRE(dead["items"].size() == 1);
  const auto id = std::to_string(dead["items"][0]["id"].get<int>());
  auto shown = kiosk.ctl_json({"queue", "show", id});
  CHECK(shown["transaction"]["applicant"]["name"] == "T***");
  const auto key_before = shown["transaction"]["receipt_no"];
  auto text = kiosk.ctl({"queue", "status"});
  CHECK(text.output.find("queue list --dead") != std::string::npos);

  backend.set_faults({{"status_override", 0}});
  kiosk.ctl_json({"queue", "redrive", id});
  auto done = kiosk.ctl_json({"sync", "--once"});
  CHECK(done["delivered"] == 1);
  CHECK(kiosk.ctl_json({"queue", "show", id})["transaction"]["receipt_no"] == key_before);
  CHECK(kiosk.ctl({"queue", "redrive", id}).exit_code == 1);  // not dead any more
  CHECK(kiosk.ctl({"queue", "show", "NOPE-1"}).exit_code == 1);
}

TEST_CASE("Two processes committing at once never share a receipt number",
          "[cli][outbox][processes]") {
  BackendProcess backend(scratch_dir("ctl-two-backend"));
  Kiosk kiosk("ctl-two", backend.port());
  kiosk.ctl_json(
      {"enroll", "--kiosk-id", "CG-RPR-0042", "--token-file", (kiosk.dir / "token.txt").string()});
  const std::string one = fmt::format("'{}' --config '{}' queue enqueue-test 150 --json > '{}'",
                                      kKioskctl, kiosk.config, (kiosk.dir / "a.json").string());
  const std::string two = fmt::format("'{}' --config '{}' queue enqueue-test 150 --json > '{}'",
                                      kKioskctl, kiosk.config, (kiosk.dir / "b.json").string());
  const auto r = run_process({"sh", "-c", one + " & " + two + " & wait"});
  REQUIRE(r.exit_code == 0);
  std::set<std::string> receipts;
  for (const char* f : {"a.json", "b.json"}) {
    const auto j = json::parse(std::ifstream(kiosk.dir / f));
    for (const auto& no : j["receipts"]) receipts.insert(no.get<std::string>());
  }
  CHECK(receipts.size() == 300);
  CHECK(kiosk.ctl_json({"queue", "status"})["pending"] == 300);
  CHECK(kiosk.ctl_json({"sync", "--once"})["delivered"] == 300);
  CHECK(backend.stats()["test_stored"] == 300);
}

TEST_CASE("queue status says the clock is not ok when its floor cannot be read",
          "[cli][outbox][clock]") {
  Kiosk kiosk("ctl-clock-unreadable", 9);  // these verbs never reach the backend
  const json before = kiosk.ctl_json({"queue", "status"});
  CHECK(before["clock_ok"] == true);  // the control: a readable floor (none yet) is fine
  CHECK(before["clock_error"].is_null());
  const auto db = (kiosk.dir / "state" / "kiosk.db").string();
  REQUIRE(run_process({"sqlite3", db, "DROP TABLE meta"}).exit_code == 0);
  const json after = kiosk.ctl_json({"queue", "status"});
  CHECK(after["clock_ok"] == false);
  CHECK(after["clock_error"].get<std::string>().find("meta") != std::string::npos);
  const auto text = kiosk.ctl({"queue", "status"});
  CHECK(text.output.find("ACTION: the clock could not be checked") != std::string::npos);
}

TEST_CASE("kioskctl creates a missing state folder 0700 instead of failing on the key file",
          "[cli][outbox][state]") {
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{"queue", "status"}, {"queue", "enqueue-test", "1"}}) {
    Kiosk kiosk("ctl-missing-state", 9);
    const auto state = kiosk.dir / "state";
    REQUIRE_FALSE(std::filesystem::exists(state));
    const auto r = kiosk.ctl(verb);
    INFO(verb[1] << ": " << r.output);
    CHECK(r.exit_code == 0);
    struct stat st {};
    REQUIRE(::stat(state.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(std::filesystem::exists(state / "outbox.key"));
  }
}

namespace {

// A kiosk configured to run for real (RunningKiosk), against `port`.
struct RunnableKiosk {
  std::filesystem::path dir;
  std::filesystem::path config;
  RunnableKiosk(const std::string& name, int port)
      : dir(scratch_dir(name)), config(dir / "config.json") {
    std::ofstream(config) << json{{"backend",
                                   {{"url", "http://127.0.0.1:" + std::to_string(port)},
                                    {"token_file", (dir / "state" / "token").string()},
                                    {"timeout_s", 5}}},
                                  {"sync", {{"backoff_cap_s", 1}, {"start_jitter_s", 0}}},
                                  {"paths",
                                   {{"state_dir", (dir / "state").string()},
                                    {"log_dir", (dir / "log").string()},
                                    {"assets_dir", assets_dir().string()},
                                    {"control_socket", (dir / "state" / "ctl.sock").string()}}}}
                                 .dump(2);
    std::ofstream(dir / "token.txt") << kKioskToken << "\n";
  }
  ProcessResult ctl(std::vector<std::string> args) const {
    args.insert(args.begin(), {kKioskctl, "--config", config.string()});
    return run_process(args);
  }
  json status() const {
    const auto r = ctl({"status", "--json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output.substr(r.output.find('{')));
  }
};

json alert_named(const json& report, const std::string& id) {
  for (const auto& a : report["alerts"])
    if (a["id"] == id) return a;
  return nullptr;
}

}  // namespace

TEST_CASE(
    "kioskctl status shows the paused delivery and the queue of a kiosk whose token is refused",
    "[cli][outbox][status][alerts][xvfb]") {
  BackendProcess backend(scratch_dir("ctl-status-refused-backend"), {"--unauthorized"});
  RunnableKiosk kiosk("ctl-status-refused", backend.port());
  REQUIRE(kiosk
              .ctl({"enroll", "--kiosk-id", "CG-RPR-0042", "--token-file",
                    (kiosk.dir / "token.txt").string()})
              .exit_code == 0);
  REQUIRE(kiosk.ctl({"queue", "enqueue-test", "2"}).exit_code == 0);

  SECTION("with no kiosk running, from the database") {
    kiosk.ctl({"sync", "--once"});  // answered 401: the verdict is stored with the items
    const json report = kiosk.status();
    INFO(report.dump(2));
    CHECK(report["queue"]["pending"] == 2);
    CHECK(report["queue"]["dead"] == 0);
    CHECK(report["queue"]["oldest_pending_age_s"].is_number());
    CHECK(report["alerts_source"] == "derived");
    const json paused = alert_named(report, "delivery.paused");
    REQUIRE(paused.is_object());
    CHECK(paused["severity"] == "critical");
    CHECK(paused["action"].get<std::string>().find("kioskctl enroll") != std::string::npos);
    CHECK(paused["since"].is_null());  // nobody watched it rise
    CHECK(report["delivery"].is_null());
    const auto unknown = report["alerts_unknown"].get<std::vector<std::string>>();
    CHECK(std::ranges::find(unknown, "delivery_state") != unknown.end());
    CHECK_FALSE(report["healthy"].get<bool>());

    // Positive control: once the backend takes the token, the same report clears.
    backend.set_faults({{"unauthorized", false}});
    REQUIRE(kiosk.ctl({"sync", "--once"}).exit_code == 0);
    const json after = kiosk.status();
    CHECK(after["queue"]["pending"] == 0);
    CHECK(alert_named(after, "delivery.paused").is_null());
  }
  SECTION("with the kiosk running, from the kiosk itself") {
    RunningKiosk running(kiosk.config);  // its own first delivery is answered 401
    json report;
    const bool seen = eventually(
        [&] {
          report = kiosk.status();
          return report["alerts_source"] == "app" &&
                 alert_named(report, "delivery.paused").is_object();
        },
        30s);
    INFO(report.dump(2) << "\n" << running.log());
    REQUIRE(seen);
    CHECK(report["delivery"]["state"] == "paused");
    CHECK(report["delivery"]["pause_code"] == "credentials");
    CHECK(report["delivery"]["next_attempt"].is_string());
    CHECK(alert_named(report, "delivery.paused")["since"].is_string());
    CHECK(report["queue"]["pending"] == 2);
    CHECK(report["alerts_unknown"].empty());
  }
}

TEST_CASE("kioskctl receipt reprint queues a failed receipt again, once",
          "[cli][outbox][receipt][print]") {
  RunnableKiosk kiosk("ctl-receipt-reprint", 9);
  std::string receipt_no;
  {
    kiosk::SystemClock clock;
    auto outbox = kiosk::store::Outbox::open(
        {kiosk.dir / "state" / "kiosk.db", kiosk.dir / "state" / "outbox.key", "CG-RPR-0042"},
        clock);
    REQUIRE(outbox);
    auto t = sample_transaction();
    t.receipt = kiosk::store::ReceiptRequest{"receipt_printer", "", "CG-RPR-0042", "आय", "Income"};
    auto c = outbox->intake().insert_transaction(t);
    REQUIRE(c);
    receipt_no = c->receipt_no;
    auto jobs = outbox->print_jobs();
    const auto id = (*jobs.next_queued("receipt_printer"))->id;
    REQUIRE(jobs.set_state(id, kiosk::store::JobState::Sending));
    REQUIRE(jobs.set_state(id, kiosk::store::JobState::Failed, "paper out"));
  }
  const auto status = kiosk.ctl({"receipt", "status", receipt_no, "--json"});
  REQUIRE(status.exit_code == 0);
  CHECK(json::parse(status.output)["state"] == "failed");
  CHECK(json::parse(status.output)["reason"] == "paper out");
  const auto again = kiosk.ctl({"receipt", "reprint", receipt_no, "--json"});
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.output)["state"] == "queued");
  // Queued already: a second reprint would print it twice.
  CHECK(kiosk.ctl({"receipt", "reprint", receipt_no}).exit_code == 4);
  CHECK(kiosk.ctl({"receipt", "status", "CG-RPR-0042-20260101-999999"}).exit_code != 0);
}

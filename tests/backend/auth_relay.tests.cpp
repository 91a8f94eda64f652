// The kiosk's /v1/auth client and the auth worker against the reference backend (a real
// process) and the RD Service simulator: y, n by the backend's rule, and failures.
#include <catch2/catch.hpp>
#include <fstream>
#include <future>

#include "kiosk/biometric/auth_client.h"
#include "kiosk/biometric/auth_worker.h"
#include "tests/backend/backend_process.h"
#include "tests/support/paths.h"
#include "tools/rdsim/rd_sim.h"

using namespace kiosk::testing;
using namespace kiosk::biometric;
using nlohmann::json;

namespace {

constexpr std::string_view kUid = "234567890124";  // Verhoeff-valid
constexpr std::string_view kPid =
    R"(<PidData><Resp errCode="0"/><Skey ci="1">a2V5</Skey><Data type="X">ZGF0YQ==</Data></PidData>)";

AuthParts parts(std::string_view uid = kUid) {
  return {"CG-RPR-0042", "T-1", uid, kPid, json{{"version", "v1"}, {"language", "hi"}}};
}

std::string base_url(const BackendProcess& backend) {
  return "http://127.0.0.1:" + std::to_string(backend.port());
}

}  // namespace

TEST_CASE("The auth body is the contract's JSON, with the PID block escaped exactly",
          "[biometric][auth]") {
  auto body = auth_body(parts());
  REQUIRE(body);
  const auto doc = json::parse(body->view());
  CHECK(doc["kiosk_id"] == "CG-RPR-0042");
  CHECK(doc["txn_id"] == "T-1");
  CHECK(doc["uid"] == kUid);
  CHECK(doc["pid_data"] == kPid);  // quotes and all, as the RD Service sent it
  CHECK(doc["consent"]["language"] == "hi");
  CHECK(body->size() == body->capacity());  // reckoned exactly: nothing was reallocated
  // A control character in a vendor's block is escaped, not sent raw.
  AuthParts odd = parts();
  const std::string with_tab = "<PidData>\t\n</PidData>";
  odd.pid_block = with_tab;
  auto escaped = auth_body(odd);
  REQUIRE(escaped);
  CHECK(json::parse(escaped->view())["pid_data"] == with_tab);
}

TEST_CASE("An auth body is refused without a 12-digit number or a PID block", "[biometric][auth]") {
  CHECK_FALSE(auth_body(parts("23456789012")));
  CHECK_FALSE(auth_body(parts("2345 6789 0124")));
  AuthParts empty = parts();
  empty.pid_block = {};
  CHECK_FALSE(auth_body(empty));
}

TEST_CASE("The backend's answers are read strictly", "[biometric][auth]") {
  const auto yes = parse_auth_answer(R"({"result":"y","auth_ref":"R-1"})");
  REQUIRE(yes);
  CHECK(yes->yes);
  CHECK(yes->auth_ref == "R-1");
  const auto no = parse_auth_answer(R"({"result":"n","error":{"code":"300"}})");
  REQUIRE(no);
  CHECK_FALSE(no->yes);
  CHECK(auth_refusal_key(no->error_code) == "fingerprint.auth.mismatch");
  CHECK_FALSE(parse_auth_answer(R"({"result":"y"})"));  // y without a reference
  CHECK_FALSE(parse_auth_answer(R"({"result":"maybe"})"));
  CHECK_FALSE(parse_auth_answer("<html>"));
  CHECK(auth_refusal_key("330") == "fingerprint.auth.locked");
  CHECK(auth_refusal_key("invalid_uid") == "fingerprint.auth.invalid_uid");
  CHECK(auth_refusal_key("K-100") == "fingerprint.auth.refused");
}

TEST_CASE("The reference backend says y, or n by its rule, to the kiosk's client",
          "[biometric][auth][backend]") {
  BackendProcess backend(scratch_dir("auth-client"), {"--auth-refuse-ending", "0019"});
  AuthClient client({}, base_url(backend));
  const auto yes = client.authenticate(parts(), kKioskToken);
  REQUIRE(yes);
  CHECK(yes->yes);
  CHECK(yes->auth_ref.starts_with("DEMO-AUTH-"));
  const auto no = client.authenticate(parts("999999990019"), kKioskToken);
  REQUIRE(no);
  CHECK_FALSE(no->yes);
  CHECK(no->error_code == "300");
  const auto refused = client.authenticate(parts(), "not-the-token");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == kiosk::Errc::Unavailable);
  // Nothing of the number or the block reached the backend's log.
  CHECK(backend.log().find(std::string(kUid)) == std::string::npos);
  CHECK(backend.log().find("ZGF0YQ") == std::string::npos);
}

namespace {

struct WorkerRig {
  kiosk::rdsim::RdSim rd{{.data_marker = "PIDMARKER", .log_requests = false}};
  std::filesystem::path dir;
  std::unique_ptr<BackendProcess> backend;
  AuthWorkerSettings settings;
  std::promise<AuthOutcome> outcome;
  std::vector<std::string> stages;
  std::unique_ptr<AuthWorker> worker;

  explicit WorkerRig(const std::string& name) : dir(scratch_dir(name)) {
    backend = std::make_unique<BackendProcess>(
        dir, std::vector<std::string>{"--auth-refuse-ending", "0019"});
    auto port = rd.start();
    REQUIRE(port);
    settings.rd.first_port = settings.rd.last_port = *port;
    settings.rd.pid.timeout_ms = 2000;
    settings.backend_url = base_url(*backend);
    settings.token_file = dir / "token";
    std::ofstream(settings.token_file) << kKioskToken << "\n";
    settings.kiosk_id = "CG-RPR-0042";
    worker = std::make_unique<AuthWorker>(
        settings, nullptr, [this](const AuthOutcome& o) { outcome.set_value(o); },
        [this](std::uint64_t, std::string_view stage) { stages.emplace_back(stage); });
  }
  AuthOutcome run(std::string_view uid) {
    auto secret = kiosk::Secret::copy_of(uid);
    REQUIRE(secret);
    REQUIRE(worker->submit(AuthJob{7, "T-7", std::move(*secret), json::object()}));
    auto future = outcome.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    return future.get();
  }
};

}  // namespace

TEST_CASE("A capture and a y give the auth reference", "[biometric][auth][worker]") {
  WorkerRig rig("auth-worker-yes");
  const auto outcome = rig.run(kUid);
  CHECK(outcome.id == 7);
  CHECK(outcome.verified);
  CHECK(outcome.auth_ref.starts_with("DEMO-AUTH-"));
  CHECK(rig.stages == std::vector<std::string>{"sending"});
}

TEST_CASE("An n tells the citizen the finger did not match, and may be retried",
          "[biometric][auth][worker]") {
  WorkerRig rig("auth-worker-no");
  const auto outcome = rig.run("999999990019");
  CHECK_FALSE(outcome.verified);
  CHECK(outcome.message_key == "fingerprint.auth.mismatch");
  CHECK(outcome.retry);
}

TEST_CASE("A failed capture is never relayed", "[biometric][auth][worker]") {
  WorkerRig rig("auth-worker-capture");
  rig.rd.set_capture_error(kiosk::rdsim::CaptureOutcome::Timeout700);
  const auto outcome = rig.run(kUid);
  CHECK_FALSE(outcome.verified);
  CHECK(outcome.message_key == "fingerprint.error.timeout");
  CHECK(outcome.retry);
  CHECK(rig.stages.empty());  // nothing was sent to the backend
  CHECK(rig.backend->log().find("/v1/auth") == std::string::npos);
}

TEST_CASE("A backend that cannot be reached says so, after a good capture",
          "[biometric][auth][worker]") {
  WorkerRig rig("auth-worker-down");
  rig.backend->stop();
  const auto outcome = rig.run(kUid);
  CHECK_FALSE(outcome.verified);
  CHECK(outcome.message_key == "fingerprint.auth.unavailable");
}

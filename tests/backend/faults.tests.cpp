// Every fault switch observable from a real client (queue.md T3/T4), set on the command line
// or at run time through POST /_control/faults.
#include <catch2/catch.hpp>
#include <chrono>

#include "tests/backend/backend_process.h"
#include "tests/backend/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk::testing;
using nlohmann::json;

namespace {

constexpr const char* kBatch = "/v1/transactions:batch";

httplib::Result post(httplib::Client& client, const json& batch) {
  return client.Post(kBatch, batch.dump(), "application/json");
}

}  // namespace

TEST_CASE("error_rate 1 answers every batch 500 and stores nothing", "[backend][faults]") {
  BackendProcess backend(scratch_dir("backend-fault-500"), {"--error-rate", "1"});
  auto client = backend.client();
  auto res = post(client, batch_of(items("k", 2)));
  REQUIRE(res);
  CHECK(res->status == 500);
  CHECK(backend.stats()["stored"] == 0);
}

TEST_CASE("A fractional error rate follows the seed: the same seed gives the same answers",
          "[backend][faults][determinism]") {
  const auto statuses = [](const std::string& name) {
    BackendProcess backend(scratch_dir(name), {"--error-rate", "0.5", "--fault-seed", "42"});
    auto client = backend.client();
    std::vector<int> seen;
    for (int i = 0; i < 24; ++i) {
      auto res = post(client, batch_of({item("k-" + std::to_string(i), valid_transaction())}));
      REQUIRE(res);
      seen.push_back(res->status);
    }
    return seen;
  };
  const std::vector<int> a = statuses("backend-seed-a"), b = statuses("backend-seed-b");
  CHECK(a == b);
  CHECK(std::count(a.begin(), a.end(), 500) > 0);
  CHECK(std::count(a.begin(), a.end(), 200) > 0);
}

TEST_CASE("429 and 503 carry Retry-After, which a negative value leaves out",
          "[backend][faults][retry-after]") {
  BackendProcess backend(scratch_dir("backend-fault-429"));
  auto client = backend.client();
  backend.set_faults({{"rate_429", 1}, {"retry_after_s", 7}});
  auto limited = post(client, batch_of(items("k", 1)));
  REQUIRE(limited);
  CHECK(limited->status == 429);
  CHECK(limited->get_header_value("Retry-After") == "7");

  backend.set_faults({{"rate_429", 0}, {"rate_503", 1}, {"retry_after_s", -1}});
  auto unavailable = post(client, batch_of(items("k", 1)));
  REQUIRE(unavailable);
  CHECK(unavailable->status == 503);
  CHECK_FALSE(unavailable->has_header("Retry-After"));

  backend.set_faults({{"rate_503", 0}});
  auto ok = post(client, batch_of(items("k", 1)));
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(backend.stats()["stored"] == 1);
}

TEST_CASE("A dropped request gets no answer at all and stores nothing", "[backend][faults][drop]") {
  BackendProcess backend(scratch_dir("backend-fault-drop"), {"--drop-rate", "1"});
  const std::string reply =
      raw_exchange(backend.port(), raw_post(kBatch, batch_of(items("k", 3)).dump()));
  CHECK(reply.empty());  // curl: "Empty reply from server"
  CHECK(backend.stats()["stored"] == 0);
  auto client = backend.client();
  auto res = post(client, batch_of(items("k", 3)));
  CHECK_FALSE(res);            // httplib's client sees a read error, not a status
  CHECK(backend.stop() == 0);  // clean exit (under ASan: no leak, no error in the server)
  CHECK(backend.log().find(" dropped") != std::string::npos);
}

TEST_CASE("Commit-then-drop stores the batch although the client saw no answer",
          "[backend][faults][drop][idempotency]") {
  BackendProcess backend(scratch_dir("backend-fault-commit-drop"));
  backend.set_faults({{"commit_then_drop_rate", 1}});
  const json batch = batch_of(items("k", 4));
  CHECK(raw_exchange(backend.port(), raw_post(kBatch, batch.dump())).empty());
  CHECK(backend.stats()["stored"] == 4);

  backend.set_faults({{"commit_then_drop_rate", 0}});
  auto client = backend.client();
  auto resend = post(client, batch);  // the kiosk's "outcome unknown" retry
  REQUIRE(resend);
  REQUIRE(resend->status == 200);
  const json answer = json::parse(resend->body);  // named: a range-for over a temporary's
                                                  // member would read freed memory
  REQUIRE(answer["results"].size() == 4);
  for (const json& r : answer["results"]) CHECK(r["status"] == "duplicate");
  CHECK(backend.stats()["stored"] == 4);
  CHECK(backend.stop() == 0);
}

TEST_CASE("slow_ms delays the answer by at least that long", "[backend][faults][slow]") {
  BackendProcess backend(scratch_dir("backend-fault-slow"), {"--slow-ms", "300"});
  auto client = backend.client();
  const auto start = std::chrono::steady_clock::now();
  auto res = client.Get("/v1/bills?biller_id=CSPDCL&consumer_no=1000234567");
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(took >= std::chrono::milliseconds(300));  // a lower bound: never flaky
}

TEST_CASE("unauthorized answers 401 and deny 403 whatever the token", "[backend][faults][auth]") {
  BackendProcess denied(scratch_dir("backend-deny-all"), {"--deny-all"});
  auto client = denied.client();
  auto forbidden = post(client, batch_of(items("k", 1)));
  REQUIRE(forbidden);
  CHECK(forbidden->status == 403);
  denied.set_faults({{"deny", false}, {"unauthorized", true}});
  auto unauthorized = client.Get("/v1/transactions/CG-RPR-0042-20261115-000003");
  REQUIRE(unauthorized);
  CHECK(unauthorized->status == 401);
  denied.set_faults({{"unauthorized", false}});
  auto fine = client.Get("/v1/transactions/CG-RPR-0042-20261115-000003");
  REQUIRE(fine);
  CHECK(fine->status == 200);
}

TEST_CASE("status_override forces any status on batch requests", "[backend][faults][override]") {
  BackendProcess backend(scratch_dir("backend-fault-override"));
  auto client = backend.client();
  for (int status : {400, 404, 405, 413, 502}) {
    backend.set_faults({{"status_override", status}});
    auto res = post(client, batch_of(items("k", 1)));
    REQUIRE(res);
    CHECK(res->status == status);
  }
  backend.set_faults({{"status_override", 0}});
  auto res = post(client, batch_of(items("k", 1)));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(backend.stats()["stored"] == 1);
}

TEST_CASE("The control API refuses unknown faults and out-of-range values",
          "[backend][faults][control]") {
  BackendProcess backend(scratch_dir("backend-fault-control"));
  auto client = backend.client();
  for (const char* patch : {R"({"error_rat":1})", R"({"drop_rate":2})", "[1]", "{"}) {
    INFO(patch);
    auto res = client.Post("/_control/faults", patch, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
  }
  auto current = client.Get("/_control/faults");
  REQUIRE(current);
  CHECK(json::parse(current->body)["drop_rate"] == 0.0);
}

TEST_CASE("A bad command line exits 2 before listening", "[backend][process]") {
  BackendProcess* never = nullptr;
  CHECK_THROWS(never = new BackendProcess(scratch_dir("backend-bad-cli"), {"--error-rate", "2"}));
  delete never;
}

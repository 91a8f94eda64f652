// POST /v1/transactions:batch against the real backend process (contract §1).
#include <catch2/catch.hpp>
#include <regex>

#include "tests/backend/backend_process.h"
#include "tests/backend/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk::testing;
using nlohmann::json;

namespace {

constexpr const char* kBatch = "/v1/transactions:batch";

struct Answer {
  int status = 0;
  json body;
};

Answer post_batch(httplib::Client& client, const json& batch) {
  auto res = client.Post(kBatch, batch.dump(), "application/json");
  REQUIRE(res);
  Answer answer{res->status, json()};
  if (!res->body.empty()) answer.body = json::parse(res->body);
  return answer;
}

json only_result(const Answer& answer) {
  REQUIRE(answer.status == 200);
  REQUIRE(answer.body["results"].size() == 1);
  return answer.body["results"][0];
}

}  // namespace

TEST_CASE("A new transaction is accepted and a resend of the same bytes is a duplicate",
          "[backend][batch][idempotency]") {
  BackendProcess backend(scratch_dir("backend-accept"));
  auto client = backend.client();
  const json batch = batch_of({item("k-1", valid_transaction())});

  const json first = only_result(post_batch(client, batch));
  CHECK(first["status"] == "accepted");
  CHECK(first["idempotency_key"] == "k-1");
  CHECK_FALSE(first["backend_ref"].get<std::string>().empty());

  const json again = only_result(post_batch(client, batch));
  CHECK(again["status"] == "duplicate");
  CHECK(again["backend_ref"] == first["backend_ref"]);
  const json stats = backend.stats();
  CHECK(stats["stored"] == 1);
  CHECK(stats["duplicates"] == 1);
}

TEST_CASE("The same transaction serialised with other key order is still a duplicate",
          "[backend][batch][idempotency]") {
  BackendProcess backend(scratch_dir("backend-canonical"));
  auto client = backend.client();
  const std::string txn = valid_transaction().dump();
  const std::string reordered = R"({"test": false, )" + txn.substr(1);  // "test" twice: last wins
  const auto post = [&](const std::string& transaction) {
    const std::string body =
        R"({"kiosk_id":"CG-RPR-0042","items":[{"idempotency_key":"k-1","transaction":)" +
        transaction + "}]}";
    auto res = client.Post(kBatch, body, "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["results"][0]["status"].get<std::string>();
  };
  CHECK(post(txn) == "accepted");
  CHECK(post(reordered) == "duplicate");
}

TEST_CASE("A key reused with a different transaction is rejected as key_reuse",
          "[backend][batch][idempotency]") {
  BackendProcess backend(scratch_dir("backend-key-reuse"));
  auto client = backend.client();
  json txn = valid_transaction();
  CHECK(only_result(post_batch(client, batch_of({item("k-1", txn)})))["status"] == "accepted");
  txn["amount_paise"] = 3001;
  const json reused = only_result(post_batch(client, batch_of({item("k-1", txn)})));
  CHECK(reused["status"] == "rejected");
  CHECK(reused["error"]["code"] == "key_reuse");
  CHECK(backend.stats()["stored"] == 1);
}

TEST_CASE("A transaction holding a full Aadhaar number is rejected and never stored",
          "[backend][batch][privacy]") {
  const auto dir = scratch_dir("backend-full-aadhaar");
  {
    BackendProcess backend(dir);
    auto client = backend.client();
    json txn = valid_transaction();
    txn["fields"]["guardian_uid"] = "2345 6789 0124";
    const json result = only_result(post_batch(client, batch_of({item("k-1", txn)})));
    CHECK(result["status"] == "rejected");
    CHECK(result["error"]["code"] == "full_aadhaar");
    CHECK(backend.stats()["stored"] == 0);
    CHECK(backend.log().find("6789") == std::string::npos);
  }
  for (const char* suffix : {"backend.db", "backend.db-wal"}) {
    std::ifstream in(dir / suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes.find("2345 6789 0124") == std::string::npos);
  }
}

TEST_CASE("Invalid items are rejected one by one while the valid ones are stored",
          "[backend][batch][validation]") {
  BackendProcess backend(scratch_dir("backend-mixed"));
  auto client = backend.client();
  json bad_time = valid_transaction("CG-RPR-0042-20261128-000002");
  bad_time["created_at"] = "yesterday";
  json bad_mode = valid_transaction("CG-RPR-0042-20261128-000003");
  bad_mode["payment"]["mode"] = "CHEQUE";
  const Answer answer =
      post_batch(client, batch_of({item("k-1", valid_transaction("CG-RPR-0042-20261128-000001")),
                                   item("k-2", bad_time), item("k-3", bad_mode),
                                   item("k-4", valid_transaction("CG-RPR-0042-20261128-000004"))}));
  REQUIRE(answer.status == 200);
  const json& results = answer.body["results"];
  REQUIRE(results.size() == 4);
  CHECK(results[0]["status"] == "accepted");
  CHECK(results[1]["status"] == "rejected");
  CHECK(results[1]["error"]["code"] == "invalid_field");
  CHECK(results[1]["error"]["message"].get<std::string>().starts_with("created_at"));
  CHECK(results[2]["status"] == "rejected");
  CHECK(results[3]["status"] == "accepted");
  CHECK(results[3]["idempotency_key"] == "k-4");  // results come in item order
  const json stats = backend.stats();
  CHECK(stats["stored"] == 2);
  CHECK(stats["rejected"] == 2);
}

TEST_CASE("Malformed batch requests are answered 400 as a whole", "[backend][batch][http]") {
  BackendProcess backend(scratch_dir("backend-400"));
  auto client = backend.client();
  const std::string bodies[] = {
      "{not json",
      R"({"items":[]})",
      R"({"kiosk_id":"K","items":"x"})",
      R"({"kiosk_id":"K","items":[]})",
      R"({"kiosk_id":"K","items":[{"transaction":{}}]})",
      R"({"kiosk_id":"K","items":[{"idempotency_key":"k","transaction":"{}"}]})",
      batch_of(items("k", 501)).dump(),
  };
  for (const std::string& body : bodies) {
    INFO(body.substr(0, 80));
    auto res = client.Post(kBatch, body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body)["error"]["code"] == "bad_request");
  }
  CHECK(backend.stats()["stored"] == 0);
}

TEST_CASE("A batch of 500 items is stored in one request", "[backend][batch][limits]") {
  BackendProcess backend(scratch_dir("backend-500"));
  auto client = backend.client();
  const Answer answer = post_batch(client, batch_of(items("k", 500)));
  REQUIRE(answer.status == 200);
  CHECK(answer.body["results"].size() == 500);
  for (const json& r : answer.body["results"]) CHECK(r["status"] == "accepted");
  CHECK(backend.stats()["stored"] == 500);
}

TEST_CASE("A body over 1 MiB is answered 413 and the connection stays usable",
          "[backend][batch][limits]") {
  BackendProcess backend(scratch_dir("backend-413"));
  auto client = backend.client();
  json txn = valid_transaction();
  txn["fields"]["padding"] = std::string(1 << 20, 'a');
  auto res = client.Post(kBatch, batch_of({item("k-1", txn)}).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(json::parse(res->body)["error"]["code"] == "too_large");
  // httplib read and discarded the body, so the same keep-alive connection goes on.
  const Answer small = post_batch(client, batch_of({item("k-2", valid_transaction())}));
  CHECK(small.status == 200);
  CHECK(backend.stats()["stored"] == 1);
}

TEST_CASE("Test items are stored apart from real ones", "[backend][batch][commissioning]") {
  BackendProcess backend(scratch_dir("backend-test-items"));
  auto client = backend.client();
  json test_txn = valid_transaction("CG-RPR-0042-20261128-900001");
  test_txn["test"] = true;
  const Answer answer =
      post_batch(client, batch_of({item("t-1", test_txn), item("r-1", valid_transaction())}));
  REQUIRE(answer.status == 200);
  CHECK(answer.body["results"][0]["status"] == "accepted");
  CHECK(answer.body["results"][1]["status"] == "accepted");
  CHECK(answer.body["results"][0]["backend_ref"] != answer.body["results"][1]["backend_ref"]);
  const json stats = backend.stats(true);
  CHECK(stats["stored"] == 1);
  CHECK(stats["test_stored"] == 1);
  CHECK(stats["keys"].size() == 2);
  // A test receipt is not a citizen's application.
  auto status = client.Get("/v1/transactions/CG-RPR-0042-20261128-900001");
  REQUIRE(status);
  CHECK(status->status == 404);
}

TEST_CASE("Requests without a known bearer token are answered 401", "[backend][auth][http]") {
  BackendProcess backend(scratch_dir("backend-401"));
  const std::string body = batch_of({item("k-1", valid_transaction())}).dump();
  httplib::Client anonymous("127.0.0.1", backend.port());
  auto none = anonymous.Post(kBatch, body, "application/json");
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate") == "Bearer");
  anonymous.set_bearer_token_auth("some-other-kiosk");
  auto wrong = anonymous.Post(kBatch, body, "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(json::parse(wrong->body)["error"]["code"] == "unauthorized");
  CHECK(backend.stats()["stored"] == 0);
}

TEST_CASE("Without --token any non-empty bearer token is accepted", "[backend][auth][http]") {
  BackendProcess backend(scratch_dir("backend-any-token"), {}, BackendProcess::Token::AnyAccepted);
  httplib::Client client("127.0.0.1", backend.port());
  const std::string bills = "/v1/bills?biller_id=CSPDCL&consumer_no=1000234567";
  client.set_bearer_token_auth("whatever-kiosk");
  auto res = client.Get(bills);
  REQUIRE(res);
  CHECK(res->status == 200);
  httplib::Client bare("127.0.0.1", backend.port());
  auto empty = bare.Get(bills, {{"Authorization", "Bearer "}});
  REQUIRE(empty);
  CHECK(empty->status == 401);
}

TEST_CASE("Every answer carries an IMF-fixdate Date header shifted by --date-offset-s",
          "[backend][http][clock]") {
  const std::regex imf(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)");
  BackendProcess plain(scratch_dir("backend-date"));
  BackendProcess shifted(scratch_dir("backend-date-shifted"), {"--date-offset-s", "86400000"});
  auto now = plain.client().Get("/no/such/path");  // httplib's own 404 too
  auto later = shifted.client().Get("/_control/stats");
  REQUIRE(now);
  REQUIRE(later);
  CHECK(now->status == 404);
  const std::string a = now->get_header_value("Date"), b = later->get_header_value("Date");
  CHECK(std::regex_match(a, imf));
  CHECK(std::regex_match(b, imf));
  // 86,400,000 s is 1000 days: the year moves forward by two or three.
  const int year_a = std::stoi(a.substr(12, 4)), year_b = std::stoi(b.substr(12, 4));
  CHECK(year_b - year_a >= 2);
  CHECK(year_b - year_a <= 3);
  shifted.set_faults({{"date_offset_s", 0}});
  auto back = shifted.client().Get("/_control/stats");
  REQUIRE(back);
  CHECK(std::stoi(back->get_header_value("Date").substr(12, 4)) == year_a);
}

TEST_CASE("Stored items survive a kill and a restart: a resend is still a duplicate",
          "[backend][batch][durability]") {
  const auto dir = scratch_dir("backend-restart");
  const json batch = batch_of(items("k", 3));
  std::string first_ref;
  {
    BackendProcess backend(dir);
    auto client = backend.client();
    const Answer answer = post_batch(client, batch);
    REQUIRE(answer.status == 200);
    first_ref = answer.body["results"][0]["backend_ref"];
    CHECK(backend.stop(SIGKILL) == -1);  // no clean shutdown: only the commit protects it
  }
  BackendProcess again(dir);
  auto client = again.client();
  const Answer answer = post_batch(client, batch);
  REQUIRE(answer.status == 200);
  for (const json& r : answer.body["results"]) CHECK(r["status"] == "duplicate");
  CHECK(answer.body["results"][0]["backend_ref"] == first_ref);
  CHECK(again.stats()["stored"] == 3);
}

TEST_CASE("SIGTERM stops the backend cleanly with exit code 0", "[backend][process]") {
  BackendProcess backend(scratch_dir("backend-sigterm"));
  auto client = backend.client();
  REQUIRE(client.Get("/_control/stats"));  // a keep-alive connection is open
  CHECK(backend.stop(SIGTERM) == 0);
  CHECK(backend.log().find("stopping") != std::string::npos);
}

TEST_CASE("The access log has one line per request and never a body", "[backend][privacy][log]") {
  BackendProcess backend(scratch_dir("backend-log"));
  auto client = backend.client();
  post_batch(client, batch_of(items("k", 2)));
  client.Get("/v1/bills?biller_id=CSPDCL&consumer_no=1000234567");
  backend.stop();
  const std::string log = backend.log();
  CHECK(log.find("POST /v1/transactions:batch 200 items=2") != std::string::npos);
  CHECK(log.find("GET /v1/bills 200") != std::string::npos);
  CHECK(log.find("रमेश") == std::string::npos);
  CHECK(log.find("1000234567") == std::string::npos);
  CHECK(log.find("CG-RPR-0042-20261128-000001") == std::string::npos);
}

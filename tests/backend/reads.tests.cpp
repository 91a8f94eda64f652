// Status, bills, configuration, heartbeat and the auth relay against the real process
// (contract §2–5).
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/backend/backend_process.h"
#include "tests/backend/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk::testing;
using nlohmann::json;

namespace {

void write_file(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("Application status is 404 until stored, received once stored, seeded otherwise",
          "[backend][status]") {
  BackendProcess backend(scratch_dir("backend-status"));
  auto client = backend.client();
  const std::string receipt = "CG-RPR-0042-20261128-000123";
  auto before = client.Get("/v1/transactions/" + receipt);
  REQUIRE(before);
  CHECK(before->status == 404);

  REQUIRE(client.Post("/v1/transactions:batch",
                      batch_of({item("k-1", valid_transaction(receipt))}).dump(),
                      "application/json"));
  auto after = client.Get("/v1/transactions/" + receipt);
  REQUIRE(after);
  REQUIRE(after->status == 200);
  const json record = json::parse(after->body);
  CHECK(record["receipt_no"] == receipt);
  CHECK(record["status"] == "received");
  CHECK(record["updated_at"].get<std::string>().ends_with("+05:30"));

  auto seeded = client.Get("/v1/transactions/CG-RPR-0042-20261115-000003");  // seed.json
  REQUIRE(seeded);
  REQUIRE(seeded->status == 200);
  CHECK(json::parse(seeded->body)["status"] == "approved");
}

TEST_CASE("Bills come from the seed file and unknown consumers are 404", "[backend][bills]") {
  const auto dir = scratch_dir("backend-bills");
  write_file(dir / "seed.json", R"({"bills":[{"biller_id":"B1","consumer_no":"C-7",
    "bill_no":"N-1","consumer_name":"गीता देवी","amount_paise":24000,"due_date":"2026-12-31",
    "biller_ref":"R-1"}]})");
  BackendProcess backend(dir, {"--seed", (dir / "seed.json").string()});
  auto client = backend.client();
  auto found = client.Get("/v1/bills?biller_id=B1&consumer_no=C-7");
  REQUIRE(found);
  REQUIRE(found->status == 200);
  const json bill = json::parse(found->body);
  CHECK(bill["bill_no"] == "N-1");
  CHECK(bill["consumer_name"] == "गीता देवी");
  CHECK(bill["amount_paise"] == 24000);
  CHECK(bill["biller_ref"] == "R-1");
  auto unknown = client.Get("/v1/bills?biller_id=B1&consumer_no=C-8");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  auto incomplete = client.Get("/v1/bills?biller_id=B1");
  REQUIRE(incomplete);
  CHECK(incomplete->status == 400);
}

TEST_CASE("The config bundle is served with a strong ETag and 304 when unchanged",
          "[backend][config]") {
  const auto dir = scratch_dir("backend-config");
  const std::string bundle = R"({"payload":"eyJzY2hlbWEiOjF9","signatures":[]})";
  write_file(dir / "bundle.json", bundle);
  write_file(dir / "root.json", R"({"payload":"cm9vdA==","signatures":[]})");
  BackendProcess backend(dir, {"--config-bundle", (dir / "bundle.json").string(), "--root-doc",
                               (dir / "root.json").string()});
  auto client = backend.client();
  auto first = client.Get("/v1/config?kiosk_id=CG-RPR-0042");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  CHECK(first->body == bundle);  // exactly as signed
  CHECK(first->get_header_value("Content-Type") == "application/octet-stream");
  const std::string etag = first->get_header_value("ETag");
  CHECK(etag.starts_with("\""));
  CHECK_FALSE(etag.starts_with("W/"));

  auto same = client.Get("/v1/config?kiosk_id=CG-RPR-0042", {{"If-None-Match", etag}});
  REQUIRE(same);
  CHECK(same->status == 304);
  CHECK(same->body.empty());

  write_file(dir / "bundle.json", bundle + " ");
  auto changed = client.Get("/v1/config?kiosk_id=CG-RPR-0042", {{"If-None-Match", etag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(changed->get_header_value("ETag") != etag);

  auto root = client.Get("/v1/config/root.json");
  REQUIRE(root);
  CHECK(root->status == 200);
  CHECK(root->body == R"({"payload":"cm9vdA==","signatures":[]})");
}

TEST_CASE("Without a published bundle the config endpoints answer 404", "[backend][config]") {
  BackendProcess backend(scratch_dir("backend-no-config"));
  auto client = backend.client();
  auto config = client.Get("/v1/config?kiosk_id=CG-RPR-0042");
  auto root = client.Get("/v1/config/root.json");
  REQUIRE(config);
  REQUIRE(root);
  CHECK(config->status == 404);
  CHECK(root->status == 404);
}

TEST_CASE("A heartbeat is answered 204 and kept in memory as the kiosk's last",
          "[backend][heartbeat]") {
  BackendProcess backend(scratch_dir("backend-heartbeat"));
  auto client = backend.client();
  for (int uptime : {60, 120}) {
    const json beat = {{"kiosk_id", "CG-RPR-0042"},
                       {"at", "2026-11-28T17:05:09+05:30"},
                       {"uptime_s", uptime},
                       {"queue", {{"pending", 3}, {"dead", 0}, {"oldest_pending_age_s", 120}}}};
    auto res = client.Post("/v1/heartbeat", beat.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 204);
  }
  auto bad = client.Post("/v1/heartbeat", "[]", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  auto kept = client.Get("/_control/heartbeats");
  REQUIRE(kept);
  CHECK(json::parse(kept->body)["CG-RPR-0042"]["uptime_s"] == 120);
  CHECK(backend.stats()["stored"] == 0);  // never stored durably
}

TEST_CASE("The auth relay answers y for a valid number with a PID block and keeps nothing",
          "[backend][auth][privacy]") {
  const auto dir = scratch_dir("backend-auth-relay");
  BackendProcess backend(dir);
  auto client = backend.client();
  const std::string uid = "234567890124";  // Verhoeff-valid
  const auto relay = [&](const std::string& number, const std::string& pid) {
    const json req = {{"kiosk_id", "CG-RPR-0042"},
                      {"txn_id", "T-1"},
                      {"uid", number},
                      {"pid_data", pid},
                      {"consent", {{"given", true}}}};
    auto res = client.Post("/v1/auth", req.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  };
  const json yes = relay(uid, "<PidData>secret-biometric</PidData>");
  CHECK(yes["result"] == "y");
  CHECK(yes["auth_ref"].get<std::string>().find(uid) == std::string::npos);
  const json bad_checksum = relay("234567890123", "<PidData/>");
  CHECK(bad_checksum["result"] == "n");
  CHECK(bad_checksum["error"]["code"] == "invalid_uid");
  const json no_pid = relay(uid, "");
  CHECK(no_pid["result"] == "n");
  auto malformed = client.Post("/v1/auth", R"({"uid":"234567890124"})", "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);

  backend.stop();
  for (const char* file : {"backend.log", "backend.db", "backend.db-wal"}) {
    std::ifstream in(dir / file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes.find(uid) == std::string::npos);
    CHECK(bytes.find("secret-biometric") == std::string::npos);
  }
}

#include "kiosk/sync/wire.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kiosk;
using namespace kiosk::sync;
using nlohmann::json;

namespace {

const std::vector<OutgoingItem> kItems = {
    {"2f1c9a3e-0c1b-4c7e-9d0e-5a1b2c3d4e5f",
     R"({"txn_id":"T1","receipt_no":"CG-RPR-0042-20261128-000123","amount_paise":3000})"},
    // Unicode and odd whitespace: the stored bytes go out unchanged, never re-serialised.
    {"7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
     "{ \"applicant\" :\t{\"name\": \"राम कुमार\", \"note\": \"₹30 \\u20b9\"} ,\n  "
     "\"fields\":{}\r\n}"},
    {"k\"ey\\with\x01odd\tbytes", "[1, 2.50, true, null]"},
};

std::string answer_for(const std::vector<std::pair<std::string, std::string>>& key_status) {
  json results = json::array();
  for (const auto& [key, status] : key_status) {
    results.push_back({{"idempotency_key", key}, {"status", status}, {"backend_ref", "B-" + key}});
  }
  return json{{"results", results}}.dump();
}

Result<std::vector<ItemResult>> parse_first_two(std::string_view body) {
  return parse_batch_response(body, std::span(kItems).first(2));
}

void check_corrupt(std::string_view body) {
  CAPTURE(body);
  const auto parsed = parse_first_two(body);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == Errc::Corrupt);
}

}  // namespace

TEST_CASE("A batch body is exactly the contract's shape", "[sync][wire][build]") {
  const std::vector<OutgoingItem> one = {{"k1", R"({"a":1})"}};
  CHECK(build_batch_body("CG-RPR-0042", one) ==
        R"({"kiosk_id":"CG-RPR-0042","items":[{"idempotency_key":"k1","transaction":{"a":1}}]})");
  CHECK(build_batch_body("CG-RPR-0042", {}) == R"({"kiosk_id":"CG-RPR-0042","items":[]})");
}

TEST_CASE("A batch body is valid JSON that carries every transaction byte for byte",
          "[sync][wire][build]") {
  const std::string body = build_batch_body("CG-RPR-\"0042\"", kItems);
  const json parsed = json::parse(body);
  CHECK(parsed.at("kiosk_id") == "CG-RPR-\"0042\"");
  REQUIRE(parsed.at("items").size() == kItems.size());
  for (std::size_t i = 0; i < kItems.size(); ++i) {
    CAPTURE(i);
    const auto& item = parsed.at("items").at(i);
    CHECK(item.at("idempotency_key") == kItems[i].idempotency_key);
    CHECK(item.at("transaction") == json::parse(kItems[i].transaction_json));
    CHECK(item.size() == 2);
    // Verbatim: the exact stored bytes sit between "transaction": and the closing brace.
    CHECK_THAT(body, Catch::Contains("\"transaction\":" + kItems[i].transaction_json + "}"));
  }
}

TEST_CASE("Keys with quotes, backslashes and control characters are escaped",
          "[sync][wire][build]") {
  const std::vector<OutgoingItem> items = {{std::string("a\"b\\c\x01\x1f\n\r\t\b\f"), "0"}};
  const std::string body = build_batch_body("id", items);
  CHECK_THAT(body, Catch::Contains(R"("a\"b\\c\u0001\u001f\n\r\t\b\f")"));
  CHECK(json::parse(body).at("items").at(0).at("idempotency_key") == items[0].idempotency_key);
}

TEST_CASE("The predicted body size equals the built body's size", "[sync][wire][size]") {
  CHECK(batch_body_size("CG-RPR-0042", {}) == build_batch_body("CG-RPR-0042", {}).size());
  CHECK(batch_body_size("x\"\x02", kItems) == build_batch_body("x\"\x02", kItems).size());
  std::vector<OutgoingItem> full;
  for (std::size_t i = 0; i < kMaxBatchItems; ++i) {
    full.push_back({"key-" + std::to_string(i) + "\t", std::string(i % 37, ' ') + "{}"});
  }
  const std::size_t size = batch_body_size("CG-RPR-0042", full);
  CHECK(size == build_batch_body("CG-RPR-0042", full).size());
  CHECK(size < kMaxBatchBytes);
}

TEST_CASE("A complete answer gives one result per item in the order sent", "[sync][wire][parse]") {
  const json answer = {{"results",
                        {{{"idempotency_key", kItems[2].idempotency_key},
                          {"status", "rejected"},
                          {"error", {{"code", "key_reuse"}, {"message", "different body"}}}},
                         {{"idempotency_key", kItems[0].idempotency_key},
                          {"status", "accepted"},
                          {"backend_ref", "B-1"}},
                         {{"idempotency_key", kItems[1].idempotency_key},
                          {"status", "duplicate"},
                          {"backend_ref", "B-0"},
                          {"error", nullptr},
                          {"added_in_v2", {1, 2}}}}},
                       {"server_version", "2"}};
  const auto parsed = parse_batch_response(answer.dump(), kItems);
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 3);
  CHECK((*parsed)[0].idempotency_key == kItems[0].idempotency_key);
  CHECK((*parsed)[0].status == ItemStatus::Accepted);
  CHECK((*parsed)[0].backend_ref == "B-1");
  CHECK((*parsed)[1].status == ItemStatus::Duplicate);
  CHECK((*parsed)[1].backend_ref == "B-0");
  CHECK((*parsed)[2].status == ItemStatus::Rejected);
  CHECK((*parsed)[2].error_code == "key_reuse");
  CHECK((*parsed)[2].error_message == "different body");
  CHECK((*parsed)[2].backend_ref.empty());
}

TEST_CASE("An answer missing a sent key is refused", "[sync][wire][parse]") {
  check_corrupt(answer_for({{kItems[0].idempotency_key, "accepted"}}));
}

TEST_CASE("An answer for a key that was never sent is refused", "[sync][wire][parse]") {
  check_corrupt(answer_for({{kItems[0].idempotency_key, "accepted"},
                            {kItems[1].idempotency_key, "accepted"},
                            {"not-sent", "accepted"}}));
  check_corrupt(answer_for({{kItems[0].idempotency_key, "accepted"}, {"not-sent", "accepted"}}));
}

TEST_CASE("An answer naming a key twice is refused", "[sync][wire][parse]") {
  check_corrupt(answer_for({{kItems[0].idempotency_key, "accepted"},
                            {kItems[1].idempotency_key, "accepted"},
                            {kItems[1].idempotency_key, "duplicate"}}));
}

TEST_CASE("An unknown or missing status is refused", "[sync][wire][parse]") {
  check_corrupt(
      answer_for({{kItems[0].idempotency_key, "accepted"}, {kItems[1].idempotency_key, "ok"}}));
  check_corrupt(answer_for(
      {{kItems[0].idempotency_key, "ACCEPTED"}, {kItems[1].idempotency_key, "accepted"}}));
  const json no_status = {
      {"results",
       {{{"idempotency_key", kItems[0].idempotency_key}, {"status", "accepted"}},
        {{"idempotency_key", kItems[1].idempotency_key}}}}};
  check_corrupt(no_status.dump());
}

TEST_CASE("Anything but a JSON object with a results array is refused", "[sync][wire][parse]") {
  for (const char* body :
       {"", "<html>502 Bad Gateway</html>", "null", "[]", R"({"results":{}})", R"({"result":[]})",
        R"({"results":[1,2]})", R"({"results":"accepted"})", R"({"results":[)",
        "{\"results\":[]} x",
        "{\"results\":[{\"idempotency_key\":\"\xff\xfe\",\"status\":\"accepted\"}]}"}) {
    check_corrupt(body);
  }
}

TEST_CASE("Fields of the wrong type are refused", "[sync][wire][parse]") {
  const std::string key0 = kItems[0].idempotency_key;
  const std::string key1 = kItems[1].idempotency_key;
  const json second = {{"idempotency_key", key1}, {"status", "accepted"}};
  for (const json& first :
       {json{{"idempotency_key", 17}, {"status", "accepted"}},
        json{{"idempotency_key", key0}, {"status", true}},
        json{{"idempotency_key", key0}, {"status", "accepted"}, {"backend_ref", 5}},
        json{{"idempotency_key", key0}, {"status", "rejected"}, {"error", "bad"}},
        json{{"idempotency_key", key0}, {"status", "rejected"}, {"error", {{"code", 1}}}}}) {
    check_corrupt(json{{"results", {first, second}}}.dump());
  }
}

TEST_CASE("Oversized strings in an answer are refused", "[sync][wire][parse]") {
  const std::string huge(kMaxAnswerString + 1, 'x');
  const std::string key0 = kItems[0].idempotency_key;
  const json second = {{"idempotency_key", kItems[1].idempotency_key}, {"status", "accepted"}};
  for (const json& first :
       {json{{"idempotency_key", key0}, {"status", "accepted"}, {"backend_ref", huge}},
        json{{"idempotency_key", huge}, {"status", "accepted"}},
        json{{"idempotency_key", key0},
             {"status", "rejected"},
             {"error", {{"code", "x"}, {"message", huge}}}}}) {
    check_corrupt(json{{"results", {first, second}}}.dump());
  }
  // At the limit is fine.
  const json at_limit = {{"idempotency_key", key0},
                         {"status", "accepted"},
                         {"backend_ref", std::string(kMaxAnswerString, 'y')}};
  CHECK(parse_first_two(json{{"results", {at_limit, second}}}.dump()));
}

TEST_CASE("A batch that repeats a key is a caller error, not a corrupt answer",
          "[sync][wire][parse]") {
  const std::vector<OutgoingItem> twice = {{"same", "{}"}, {"same", "{}"}};
  const auto parsed = parse_batch_response(answer_for({{"same", "accepted"}}), twice);
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == Errc::InvalidInput);
}

TEST_CASE("An empty batch accepts an empty results array", "[sync][wire][parse]") {
  const auto parsed = parse_batch_response(R"({"results":[]})", {});
  REQUIRE(parsed);
  CHECK(parsed->empty());
}

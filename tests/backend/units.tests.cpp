// The backend's pure pieces, without a process: validation, the Aadhaar-run search, time
// formats and fault switches.
#include <catch2/catch.hpp>

#include "tests/backend/fixtures.h"
#include "tools/backend/batch.h"
#include "tools/backend/faults.h"
#include "tools/backend/http_date.h"

using namespace kiosk;
using namespace kiosk::backend;
using nlohmann::json;

TEST_CASE("Twelve digits in a row or in three groups of four count as an Aadhaar-like run",
          "[backend][privacy][aadhaar]") {
  CHECK(has_aadhaar_like_run("uid 234567890124 here"));
  CHECK(has_aadhaar_like_run("2345 6789 0124"));
  CHECK(has_aadhaar_like_run("x2345-6789-0124x"));
  CHECK(has_aadhaar_like_run("1234567890123456"));  // a Virtual ID too
  CHECK(has_aadhaar_like_run("२३४५६७८९०१२४"));      // Devanagari digits
  CHECK_FALSE(has_aadhaar_like_run("XXXX XXXX 1234"));
  CHECK_FALSE(has_aadhaar_like_run("CG-RPR-0042-20261128-000123"));
  CHECK_FALSE(has_aadhaar_like_run("+91 98765 43210"));
  CHECK_FALSE(has_aadhaar_like_run("12345678901"));
  CHECK_FALSE(has_aadhaar_like_run("2345  6789 0124"));  // two spaces break the chain
  CHECK_FALSE(has_aadhaar_like_run("2026-11-28T17:05:09+05:30"));
}

TEST_CASE("A complete transaction passes validation and each broken field is named",
          "[backend][batch][validation]") {
  CHECK_FALSE(validate_transaction(testing::valid_transaction()).has_value());

  struct Breakage {
    const char* what;
    json patch;  // merge_patch applied to a valid transaction
    const char* code;
  };
  const Breakage cases[] = {
      {"no txn_id", {{"txn_id", nullptr}}, "missing_field"},
      {"empty receipt", {{"receipt_no", ""}}, "invalid_field"},
      {"created_at without offset", {{"created_at", "2026-11-28T17:05:09"}}, "invalid_field"},
      {"created_at on Feb 30", {{"created_at", "2026-02-30T10:00:00Z"}}, "invalid_field"},
      {"unknown status", {{"status", "done"}}, "invalid_field"},
      {"failed without reason", {{"status", "failed"}}, "invalid_field"},
      {"reason on completed", {{"failure_reason", "x"}}, "invalid_field"},
      {"negative amount", {{"amount_paise", -1}}, "invalid_field"},
      {"fractional fee", {{"fee_paise", 10.5}}, "invalid_field"},
      {"amount as text", {{"amount_paise", "3000"}}, "invalid_field"},
      {"test as text", {{"test", "false"}}, "invalid_field"},
      {"no payment", {{"payment", nullptr}}, "missing_field"},
      {"payment mode card", {{"payment", {{"mode", "CARD"}}}}, "invalid_field"},
      {"unmasked tail", {{"applicant", {{"aadhaar_masked", "XXXX XXXX 12"}}}}, "invalid_field"},
      {"full number in a field", {{"fields", {{"note", "234567890124"}}}}, "full_aadhaar"},
      {"full number in the name", {{"applicant", {{"name", "2345 6789 0124"}}}}, "full_aadhaar"},
      {"full number as an amount", {{"amount_paise", 234567890124}}, "full_aadhaar"},
      {"full number in a payment note", {{"payment", {{"note", "234567890124"}}}}, "full_aadhaar"},
  };
  for (const Breakage& c : cases) {
    INFO(c.what);
    json txn = testing::valid_transaction();
    txn.merge_patch(c.patch);
    const auto error = validate_transaction(txn);
    REQUIRE(error.has_value());
    CHECK(error->code == c.code);
  }
}

TEST_CASE("A UUID txn_id is not mistaken for an Aadhaar number, but the same text elsewhere is",
          "[backend][batch][privacy]") {
  const std::string uuid = "0190a3b4-9500-7500-9711-5f6e7d8c9b0a";  // 9500-7500-9711
  json txn = testing::valid_transaction();
  txn["txn_id"] = uuid;
  CHECK_FALSE(validate_transaction(txn).has_value());
  txn["fields"]["upstream_id"] = uuid;
  const auto error = validate_transaction(txn);
  REQUIRE(error.has_value());
  CHECK(error->code == "full_aadhaar");
}

TEST_CASE("A failed transaction with a reason and a 12-digit UPI UTR is valid",
          "[backend][batch][validation]") {
  json txn = testing::valid_transaction();
  txn["status"] = "failed";
  txn["failure_reason"] = "payment not received";
  txn["payment"]["ref"] = "433412345678";
  CHECK_FALSE(validate_transaction(txn).has_value());
  txn["applicant"]["aadhaar_masked"] = "";
  CHECK_FALSE(validate_transaction(txn).has_value());
}

TEST_CASE("Canonical bytes ignore key order and whitespace but not values",
          "[backend][batch][idempotency]") {
  const json a = json::parse(R"({"b": 1, "a": {"y": 2, "x": 3}})");
  const json b = json::parse(R"({"a":{"x":3,"y":2},"b":1})");
  const json c = json::parse(R"({"a":{"x":3,"y":2},"b":2})");
  CHECK(canonical_bytes(a) == canonical_bytes(b));
  CHECK(sha256_hex(canonical_bytes(a)) == sha256_hex(canonical_bytes(b)));
  CHECK(sha256_hex(canonical_bytes(a)) != sha256_hex(canonical_bytes(c)));
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Batch envelopes outside the contract are refused as a whole",
          "[backend][batch][validation]") {
  const auto refused = [](const std::string& body) { return !parse_batch(body).has_value(); };
  CHECK(refused("not json"));
  CHECK(refused("[]"));
  CHECK(refused(R"({"items":[]})"));
  CHECK(refused(R"({"kiosk_id":"K","items":{}})"));
  CHECK(refused(R"({"kiosk_id":"K","items":[]})"));
  CHECK(refused(R"({"kiosk_id":"K","items":[{"transaction":{}}]})"));
  CHECK(refused(R"({"kiosk_id":"K","items":[{"idempotency_key":"k","transaction":[]}]})"));
  CHECK(refused(testing::batch_of(testing::items("k", 501)).dump()));
  const auto ok = parse_batch(testing::batch_of(testing::items("k", 500)).dump());
  REQUIRE(ok);
  CHECK(ok->items.size() == 500);
  CHECK(ok->kiosk_id == "CG-RPR-0042");
}

TEST_CASE("HTTP dates are IMF-fixdate and JSON times RFC 3339 in IST", "[backend][time]") {
  using namespace std::chrono;
  const sys_seconds at = sys_days{2026y / November / 28} + 11h + 35min + 9s;
  CHECK(imf_fixdate(at) == "Sat, 28 Nov 2026 11:35:09 GMT");
  CHECK(imf_fixdate(sys_days{1994y / November / 6} + 8h + 49min + 37s) ==
        "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's own example
  CHECK(rfc3339_ist(at) == "2026-11-28T17:05:09+05:30");
  CHECK(is_rfc3339("2026-11-28T17:05:09+05:30"));
  CHECK(is_rfc3339("2026-11-28T11:35:09.123Z"));
  CHECK_FALSE(is_rfc3339("2026-11-28 17:05:09+05:30"));
  CHECK_FALSE(is_rfc3339("2026-11-28T17:05:09+5:30"));
  CHECK_FALSE(is_rfc3339("2026-13-28T17:05:09Z"));
}

TEST_CASE("Fault patches are all-or-nothing and the dice repeat for a seed", "[backend][faults]") {
  FaultSettings settings;
  REQUIRE(apply_fault_patch(settings, {{"rate_429", 0.25}, {"retry_after_s", 3}}));
  CHECK(settings.rate_429 == 0.25);
  CHECK_FALSE(apply_fault_patch(settings, {{"error_rate", 0.5}, {"eror_rate", 1}}));
  CHECK(settings.error_rate == 0);  // nothing applied from the refused patch
  CHECK_FALSE(apply_fault_patch(settings, {{"drop_rate", 1.5}}));
  CHECK_FALSE(apply_fault_patch(settings, {{"status_override", 42}}));

  FaultState a(FaultSettings{.error_rate = 0.5, .seed = 7});
  FaultState b(FaultSettings{.error_rate = 0.5, .seed = 7});
  int errors = 0;
  for (int i = 0; i < 200; ++i) {
    const BatchFault fa = a.roll_batch();
    CHECK(fa == b.roll_batch());
    errors += fa == BatchFault::ServerError ? 1 : 0;
  }
  CHECK(errors > 50);
  CHECK(errors < 150);
}

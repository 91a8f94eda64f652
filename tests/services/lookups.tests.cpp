// The backend's bill and status answers (contract §2), parsed strictly: each seed of the
// fuzz corpora is accepted or refused as its name says, and a refusal says why.
#include "kiosk/services/lookups.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/paths.h"

using namespace kiosk::services;

namespace {

std::string corpus_file(const std::string& target, const std::string& seed) {
  std::ifstream in(kiosk::testing::source_dir() / "tests" / "fuzz" / "corpus" / target / seed,
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("A bill answer is taken only when every key is there and sane", "[services][bill]") {
  const auto ok = parse_bill_answer(corpus_file("bill_answer", "seed-ok"));
  REQUIRE(ok);
  CHECK(*ok == Bill{"CSPDCL-B-2026-11-88231", "Ramesh Kumar Sahu", 124500, "2026-12-15",
                    "CSPDCL-REF-77120"});
  CHECK(parse_bill_answer(corpus_file("bill_answer", "seed-devanagari-name")));
  CHECK(parse_bill_answer(corpus_file("bill_answer", "seed-zero"))->amount_paise == 0);
  const std::pair<const char*, const char*> refused[] = {
      {"seed-negative", "amount_paise"},    {"seed-float-amount", "amount_paise"},
      {"seed-bad-date", "due_date"},        {"seed-aadhaar-like-bill-no", "12-digit"},
      {"seed-missing-ref", "biller_ref"},   {"seed-array", "not a JSON object"},
      {"seed-garbled", "not a JSON object"}};
  for (const auto& [seed, why] : refused) {
    INFO(seed);
    const auto parsed = parse_bill_answer(corpus_file("bill_answer", seed));
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find(why) != std::string::npos);
  }
  CHECK_FALSE(parse_bill_answer(std::string(kMaxLookupAnswerBytes + 1, ' ')));
}

TEST_CASE("A status answer is taken only for the receipt asked about, with a known status",
          "[services][status]") {
  const std::string asked = "CG-RPR-0042-20261120-000007";
  for (const char* s : {"received", "in_process", "approved", "rejected", "delivered"}) {
    INFO(s);
    const auto parsed =
        parse_status_answer(corpus_file("status_answer", std::string("seed-") + s), asked);
    REQUIRE(parsed);
    CHECK(parsed->status == s);
    CHECK(parsed->note == "With the tehsildar for signature.");
  }
  CHECK_FALSE(parse_status_answer(corpus_file("status_answer", "seed-in_process"),
                                  "CG-RPR-0042-20261120-000008"));
  for (const char* seed : {"seed-wrong-receipt", "seed-unknown-status", "seed-bad-time",
                           "seed-long-note", "seed-garbled"}) {
    INFO(seed);
    CHECK_FALSE(parse_status_answer(corpus_file("status_answer", seed), asked));
  }
}

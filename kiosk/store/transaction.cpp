#include "kiosk/store/transaction.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <regex>

#include "kiosk/qr/aadhaar_number.h"

namespace kiosk::store {
namespace {

constexpr auto kIst = std::chrono::minutes(5 * 60 + 30);

std::chrono::sys_seconds ist_seconds(Clock::WallTime at) {
  return std::chrono::floor<std::chrono::seconds>(at) + kIst;
}

Status check(const NewTransaction& t) {
  static const std::regex service(R"([a-z0-9_]+(\.[a-z0-9_]+){1,5})");
  static const std::regex mobile(R"((|X{6}[0-9]{4}))");
  static const std::regex aadhaar(R"((|XXXX XXXX [0-9]{4}))");
  if (!std::regex_match(t.service_id, service))
    return fail(Errc::InvalidInput,
                "service_id must look like \"cg.edistrict.income_certificate\"");
  if (t.amount_paise < 0 || t.fee_paise < 0)
    return fail(Errc::InvalidInput, "amount and fee must not be negative");
  if (t.payment_mode != "UPI" && t.payment_mode != "CASH" && t.payment_mode != "NONE")
    return fail(Errc::InvalidInput, "payment mode must be UPI, CASH or NONE");
  if (!std::regex_match(t.applicant.mobile_masked, mobile))
    return fail(Errc::InvalidInput, "mobile must be masked as XXXXXX3210");
  if (!std::regex_match(t.applicant.aadhaar_masked, aadhaar))
    return fail(Errc::InvalidInput, "Aadhaar must be masked as XXXX XXXX 1234");
  if (!t.completed && t.failure_reason.empty())
    return fail(Errc::InvalidInput, "a failed transaction needs a failure reason");
  // Its receipt says why in both languages: a citizen who reads only Hindi is told too.
  if (!t.completed && t.receipt && t.failure_reason_hi.empty())
    return fail(Errc::InvalidInput, "a failed transaction's receipt needs the reason in Hindi");
  if (!t.fields.is_object()) return fail(Errc::InvalidInput, "fields must be an object");
  return {};
}

}  // namespace

std::string rfc3339_ist(Clock::WallTime at) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}+05:30", ist_seconds(at));
}

std::string ist_date(Clock::WallTime at) {
  return fmt::format("{:%Y%m%d}", ist_seconds(at));
}

std::int64_t unix_ms(Clock::WallTime at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

std::string uuid_v7(Clock::WallTime at) {
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  const auto ms = static_cast<std::uint64_t>(unix_ms(at));
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0F));  // version 7
  b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F));  // variant 10
  std::string hex(32, '0');
  sodium_bin2hex(hex.data(), hex.size() + 1, b.data(), b.size());
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

// Searched without txn_id (a UUID: "…-9500-7500-9711-…" can look like three groups of four)
// and payment.ref (a UPI UTR is itself 12 digits), exactly as the backend searches.
bool has_aadhaar_like_number(const nlohmann::ordered_json& transaction) {
  auto searched = transaction;
  searched.erase("txn_id");
  if (searched.contains("payment")) searched["payment"].erase("ref");
  return qr::contains_aadhaar_like_number(
      searched.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Result<std::string> serialise(const NewTransaction& t, const Committed& c) {
  if (auto ok = check(t); !ok) return std::unexpected(ok.error());
  nlohmann::ordered_json j{
      {"txn_id", c.txn_id},
      {"receipt_no", c.receipt_no},
      {"service_id", t.service_id},
      {"created_at", c.created_at},
      {"status", t.completed ? "completed" : "failed"},
  };
  if (!t.completed) j["failure_reason"] = t.failure_reason;
  j["amount_paise"] = t.amount_paise;
  j["fee_paise"] = t.fee_paise;
  j["test"] = t.test;
  j["payment"] = {{"mode", t.payment_mode}, {"ref", t.payment_ref}};
  j["applicant"] = {{"name", t.applicant.name},
                    {"mobile_masked", t.applicant.mobile_masked},
                    {"aadhaar_masked", t.applicant.aadhaar_masked}};
  j["consent"] = {{"text_version", t.consent.text_version},
                  {"language", t.consent.language},
                  {"given_at", t.consent.given_at}};
  j["fields"] = t.fields;
  // Replace, not throw, on invalid UTF-8: a garbled scan must not take the writer down.
  std::string body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (has_aadhaar_like_number(j))
    return fail(
        Errc::InvalidInput,
        "the transaction contains a 12-digit number; a full Aadhaar number is never stored");
  if (body.size() > kMaxTransactionBytes)
    return fail(Errc::InvalidInput,
                fmt::format("the transaction is {} bytes; the limit is 1 MiB", body.size()));
  return body;
}

}  // namespace kiosk::store

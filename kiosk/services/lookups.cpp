#include "kiosk/services/lookups.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "kiosk/config/envelope.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/rules.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/text/utf8.h"

namespace kiosk::services {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxBillPaise = 1'000'000'000;
constexpr std::size_t kMaxRefChars = 64;
constexpr std::size_t kMaxNameCodepoints = 120;
constexpr std::size_t kMaxNoteCodepoints = 500;
constexpr std::array<std::string_view, 5> kStatuses{"received", "in_process", "approved",
                                                    "rejected", "delivered"};

std::unexpected<Error> bad(std::string_view what, std::string_view why) {
  return fail(Errc::InvalidInput, fmt::format("{}: {}", what, why));
}

Result<json> object_of(std::string_view text, std::string_view what) {
  if (text.size() > kMaxLookupAnswerBytes) return bad(what, "the answer is over 64 KiB");
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return bad(what, "the answer is not a JSON object");
  return doc;
}

Result<std::string> string_at(const json& doc, const char* key, std::string_view what) {
  if (!doc.contains(key) || !doc[key].is_string())
    return bad(what, fmt::format("\"{}\" is missing or not text", key));
  return doc[key].get<std::string>();
}

// A reference the kiosk will store and print: printable ASCII, bounded, and nothing that
// could be an Aadhaar number.
Status reference_ok(const std::string& value, const char* key, std::string_view what) {
  const bool printable = std::ranges::all_of(value, [](char c) { return c >= 0x20 && c <= 0x7E; });
  if (value.empty() || value.size() > kMaxRefChars || !printable)
    return bad(what, fmt::format("\"{}\" must be 1 to 64 printable ASCII characters", key));
  if (qr::contains_aadhaar_like_number(value))
    return bad(what, fmt::format("\"{}\" holds a 12-digit number", key));
  return {};
}

Status text_ok(const std::string& value, std::size_t max_codepoints, const char* key,
               std::string_view what) {
  const auto cps = text::decode_utf8(value);
  if (!cps || cps->size() > max_codepoints)
    return bad(what, fmt::format("\"{}\" must be UTF-8 text of at most {} characters", key,
                                 max_codepoints));
  return {};
}

}  // namespace

Result<Bill> parse_bill_answer(std::string_view text) {
  constexpr std::string_view what = "bill";
  auto doc = object_of(text, what);
  if (!doc) return std::unexpected(doc.error());
  Bill bill;
  for (auto [key, out] :
       {std::pair{"bill_no", &bill.bill_no}, std::pair{"consumer_name", &bill.consumer_name},
        std::pair{"due_date", &bill.due_date}, std::pair{"biller_ref", &bill.biller_ref}}) {
    auto value = string_at(*doc, key, what);
    if (!value) return std::unexpected(value.error());
    *out = std::move(*value);
  }
  const json& amount = (*doc)["amount_paise"];
  if (!amount.is_number_integer() || amount.get<std::int64_t>() < 0 ||
      amount.get<std::int64_t>() > kMaxBillPaise)
    return bad(what, "\"amount_paise\" must be whole paise, 0 to 1000000000");
  bill.amount_paise = amount.get<std::int64_t>();
  for (auto [key, value] :
       {std::pair{"bill_no", &bill.bill_no}, std::pair{"biller_ref", &bill.biller_ref}}) {
    if (auto ok = reference_ok(*value, key, what); !ok) return std::unexpected(ok.error());
  }
  if (bill.consumer_name.empty()) return bad(what, "\"consumer_name\" is empty");
  if (auto ok = text_ok(bill.consumer_name, kMaxNameCodepoints, "consumer_name", what); !ok)
    return std::unexpected(ok.error());
  if (!forms::valid_iso_date(bill.due_date))
    return bad(what, "\"due_date\" must be a real date, YYYY-MM-DD");
  return bill;
}

Result<ApplicationStatus> parse_status_answer(std::string_view text, std::string_view asked) {
  constexpr std::string_view what = "status";
  auto doc = object_of(text, what);
  if (!doc) return std::unexpected(doc.error());
  ApplicationStatus status;
  for (auto [key, out] :
       {std::pair{"receipt_no", &status.receipt_no}, std::pair{"status", &status.status},
        std::pair{"updated_at", &status.updated_at}}) {
    auto value = string_at(*doc, key, what);
    if (!value) return std::unexpected(value.error());
    *out = std::move(*value);
  }
  if (status.receipt_no != asked) return bad(what, "the answer is about another receipt");
  if (std::ranges::find(kStatuses, status.status) == kStatuses.end())
    return bad(what, "\"status\" is not one the contract names");
  if (!config::parse_rfc3339(status.updated_at))
    return bad(what, "\"updated_at\" is not an RFC 3339 time");
  if (doc->contains("note") && !(*doc)["note"].is_null()) {
    auto note = string_at(*doc, "note", what);
    if (!note) return std::unexpected(note.error());
    status.note = std::move(*note);
    if (auto ok = text_ok(status.note, kMaxNoteCodepoints, "note", what); !ok)
      return std::unexpected(ok.error());
  }
  return status;
}

std::string_view to_string(LookupFailure failure) {
  switch (failure) {
    case LookupFailure::NotFound:
      return "not-found";
    case LookupFailure::Unreachable:
      return "unreachable";
    case LookupFailure::BadAnswer:
      break;
  }
  return "bad-answer";
}

LookupClient::LookupClient(net::HttpOptions options, std::string base_url)
    : http_(std::move(options)), base_url_(std::move(base_url)) {}

std::expected<std::string, LookupFailure> LookupClient::get(const std::string& url,
                                                            const std::string& token,
                                                            std::string_view what) {
  auto response = http_.perform({"GET", url, {{"Authorization", "Bearer " + token}}, {}});
  if (!response) {
    log::warn("lookup", "{}: backend not reached: {}", what, response.error().message);
    return std::unexpected(LookupFailure::Unreachable);
  }
  if (response->status == 404) return std::unexpected(LookupFailure::NotFound);
  if (response->status != 200) {
    log::warn("lookup", "{}: backend answered HTTP {}", what, response->status);
    return std::unexpected(LookupFailure::Unreachable);
  }
  return std::move(response->body);
}

std::expected<Bill, LookupFailure> LookupClient::fetch_bill(std::string_view biller_id,
                                                            std::string_view consumer_no,
                                                            const std::string& token) {
  const std::string url = fmt::format("{}/v1/bills?biller_id={}&consumer_no={}", base_url_,
                                      net::url_escape(biller_id), net::url_escape(consumer_no));
  // The consumer number is the citizen's: the log has its length only.
  const std::string what = fmt::format("bill of {} ({} characters)", biller_id, consumer_no.size());
  auto body = get(url, token, what);
  if (!body) return std::unexpected(body.error());
  auto bill = parse_bill_answer(*body);
  if (!bill) {
    log::warn("lookup", "{}: {}", what, bill.error().message);
    return std::unexpected(LookupFailure::BadAnswer);
  }
  return std::move(*bill);
}

std::expected<ApplicationStatus, LookupFailure> LookupClient::look_up_status(
    std::string_view receipt_no, const std::string& token) {
  const std::string url =
      fmt::format("{}/v1/transactions/{}", base_url_, net::url_escape(receipt_no));
  auto body = get(url, token, "status");
  if (!body) return std::unexpected(body.error());
  auto status = parse_status_answer(*body, receipt_no);
  if (!status) {
    log::warn("lookup", "status: {}", status.error().message);
    return std::unexpected(LookupFailure::BadAnswer);
  }
  return std::move(*status);
}

}  // namespace kiosk::services

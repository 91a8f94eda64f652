#include "tools/backend/batch.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

#include "kiosk/qr/aadhaar_number.h"
#include "tools/backend/http_date.h"

namespace kiosk::backend {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxKeyBytes = 200;

// Takes the transaction out of `item` (moved, not copied: a 500-item batch is ~300 KB of
// JSON tree).
Result<BatchItem> parse_item(json& item, std::size_t index) {
  const auto bad = [index](std::string_view what) {
    return fail(Errc::InvalidInput, fmt::format("items[{}]{}", index, what));
  };
  if (!item.is_object()) return bad(" is not an object");
  const auto key = item.find("idempotency_key");
  if (key == item.end() || !key->is_string() || key->get_ref<const std::string&>().empty() ||
      key->get_ref<const std::string&>().size() > kMaxKeyBytes) {
    return bad(".idempotency_key is missing or not a string");
  }
  const auto txn = item.find("transaction");
  if (txn == item.end() || !txn->is_object()) {
    return bad(".transaction is missing or not an object");
  }
  return BatchItem{std::move(key->get_ref<std::string&>()), std::move(*txn)};
}

ItemError missing(std::string_view field) {
  return {"missing_field", fmt::format("{} is required", field)};
}
ItemError invalid(std::string_view field, std::string_view why) {
  return {"invalid_field", fmt::format("{} {}", field, why)};
}

std::optional<ItemError> require_text(const json& txn, const char* field) {
  const auto it = txn.find(field);
  if (it == txn.end() || it->is_null()) return missing(field);
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return invalid(field, "must be a non-empty string");
  }
  return std::nullopt;
}

std::optional<ItemError> require_paise(const json& txn, const char* field) {
  const auto it = txn.find(field);
  if (it == txn.end() || it->is_null()) return missing(field);
  // Money is integer paise (contract): 30.5 or "3000" are refused, as is a negative amount.
  if (!it->is_number_integer() || (!it->is_number_unsigned() && it->get<std::int64_t>() < 0)) {
    return invalid(field, "must be a non-negative integer (paise)");
  }
  return std::nullopt;
}

std::optional<ItemError> check_status(const json& txn) {
  if (auto err = require_text(txn, "status")) return err;
  const auto& status = txn["status"].get_ref<const std::string&>();
  const auto reason = txn.find("failure_reason");
  const bool has_reason = reason != txn.end() && !reason->is_null() &&
                          !(reason->is_string() && reason->get_ref<const std::string&>().empty());
  if (status == "failed") {
    if (!has_reason || !reason->is_string()) {
      return invalid("failure_reason", "must be a non-empty string when status is failed");
    }
  } else if (status == "completed") {
    if (has_reason) return invalid("failure_reason", "is only allowed when status is failed");
  } else {
    return invalid("status", "must be completed or failed");
  }
  return std::nullopt;
}

std::optional<ItemError> check_payment(const json& txn) {
  const auto payment = txn.find("payment");
  if (payment == txn.end() || payment->is_null()) return missing("payment");
  if (!payment->is_object()) return invalid("payment", "must be an object");
  const auto mode = payment->find("mode");
  if (mode == payment->end()) return missing("payment.mode");
  if (!mode->is_string() || (*mode != "UPI" && *mode != "CASH" && *mode != "NONE")) {
    return invalid("payment.mode", "must be UPI, CASH or NONE");
  }
  const auto ref = payment->find("ref");
  if (ref != payment->end() && !ref->is_null() && !ref->is_string()) {
    return invalid("payment.ref", "must be a string");
  }
  return std::nullopt;
}

bool is_masked_aadhaar(std::string_view text) {
  if (text.empty()) return true;
  if (text.size() != 14 || !text.starts_with("XXXX XXXX ")) return false;
  for (char c : text.substr(10)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<ItemError> check_applicant(const json& txn) {
  const auto applicant = txn.find("applicant");
  if (applicant == txn.end() || applicant->is_null()) return std::nullopt;
  if (!applicant->is_object()) return invalid("applicant", "must be an object");
  const auto masked = applicant->find("aadhaar_masked");
  if (masked == applicant->end() || masked->is_null()) return std::nullopt;
  if (!masked->is_string() || !is_masked_aadhaar(masked->get_ref<const std::string&>())) {
    return invalid("applicant.aadhaar_masked", "must be empty or XXXX XXXX dddd");
  }
  return std::nullopt;
}

std::optional<ItemError> check_optional_objects(const json& txn) {
  for (const char* field : {"consent", "fields"}) {
    const auto it = txn.find(field);
    if (it != txn.end() && !it->is_null() && !it->is_object()) {
      return invalid(field, "must be an object");
    }
  }
  return std::nullopt;
}

// Every key, string and number of `value`, each on its own: in JSON text they are always
// separated by quotes, colons or commas, so searching them one by one finds what searching
// the dump() finds, without copying the tree or writing it out again.
bool holds_aadhaar_like_run(const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      for (const auto& [key, member] : value.items()) {
        if (has_aadhaar_like_run(key) || holds_aadhaar_like_run(member)) return true;
      }
      return false;
    case json::value_t::array:
      for (const json& element : value) {
        if (holds_aadhaar_like_run(element)) return true;
      }
      return false;
    case json::value_t::string:
      return has_aadhaar_like_run(value.get_ref<const std::string&>());
    case json::value_t::number_unsigned:  // fewer than 12 digits cannot hold a run
      return value.get<std::uint64_t>() >= 100'000'000'000ULL && has_aadhaar_like_run(value.dump());
    case json::value_t::number_integer:
    case json::value_t::number_float:
      return has_aadhaar_like_run(value.dump());
    default:
      return false;
  }
}

// A UPI UTR is itself 12 digits (payment.ref, "UTR or operator note") and txn_id is a UUID
// ("…-9500-7500-9711-…" has the shape of 4+4+4 digits), so those two values are not
// searched; everything else is. The kiosk refuses to store exactly what this refuses
// (kiosk/store/transaction.cpp, same rule).
bool holds_full_aadhaar(const json& txn) {
  for (const auto& [key, member] : txn.items()) {
    if (has_aadhaar_like_run(key)) return true;
    if (key == "txn_id") continue;
    if (key != "payment" || !member.is_object()) {
      if (holds_aadhaar_like_run(member)) return true;
      continue;
    }
    for (const auto& [name, field] : member.items()) {
      if (has_aadhaar_like_run(name) || (name != "ref" && holds_aadhaar_like_run(field))) {
        return true;
      }
    }
  }
  return false;
}

std::optional<ItemError> check_no_full_aadhaar(const json& txn) {
  if (!holds_full_aadhaar(txn)) return std::nullopt;
  return ItemError{"full_aadhaar",
                   "the transaction holds a 12-digit number; a full Aadhaar number must never "
                   "be sent (use aadhaar_masked)"};
}

}  // namespace

Result<BatchRequest> parse_batch(std::string_view body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail(Errc::InvalidInput, "the body is not valid JSON");
  if (!doc.is_object()) return fail(Errc::InvalidInput, "the body is not a JSON object");
  const auto kiosk = doc.find("kiosk_id");
  if (kiosk == doc.end() || !kiosk->is_string() || kiosk->get_ref<const std::string&>().empty()) {
    return fail(Errc::InvalidInput, "kiosk_id is missing or not a string");
  }
  const auto items = doc.find("items");  // not const: the transactions are moved out
  if (items == doc.end() || !items->is_array()) {
    return fail(Errc::InvalidInput, "items is missing or not an array");
  }
  if (items->empty() || items->size() > kMaxBatchItems) {
    return fail(Errc::InvalidInput,
                fmt::format("a batch holds 1 to {} items, not {}", kMaxBatchItems, items->size()));
  }
  BatchRequest request{kiosk->get<std::string>(), {}};
  request.items.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto item = parse_item((*items)[i], i);
    if (!item) return std::unexpected(item.error());
    request.items.push_back(std::move(*item));
  }
  return request;
}

std::optional<ItemError> validate_transaction(const json& txn) {
  for (const char* field : {"txn_id", "receipt_no", "service_id", "created_at"}) {
    if (auto err = require_text(txn, field)) return err;
  }
  if (!is_rfc3339(txn["created_at"].get_ref<const std::string&>())) {
    return invalid("created_at", "must be an RFC 3339 time with offset");
  }
  if (auto err = check_status(txn)) return err;
  for (const char* field : {"amount_paise", "fee_paise"}) {
    if (auto err = require_paise(txn, field)) return err;
  }
  const auto test = txn.find("test");
  if (test == txn.end()) return missing("test");
  if (!test->is_boolean()) return invalid("test", "must be true or false");
  if (auto err = check_payment(txn)) return err;
  if (auto err = check_applicant(txn)) return err;
  if (auto err = check_optional_objects(txn)) return err;
  return check_no_full_aadhaar(txn);
}

bool has_aadhaar_like_run(std::string_view text) {
  return qr::contains_aadhaar_like_number(text);  // the kiosk's own rule, one implementation
}

std::string canonical_bytes(const json& transaction) {
  return transaction.dump();
}

std::string sha256_hex(std::string_view bytes) {
  constexpr char kHex[] = "0123456789abcdef";
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  std::string hex(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace kiosk::backend

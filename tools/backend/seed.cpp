#include "tools/backend/seed.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/core/file.h"

namespace kiosk::backend {
namespace {

using nlohmann::json;

bool is_text(const json& entry, const char* field) {
  return entry.contains(field) && entry[field].is_string();
}

Status add_bills(const json& bills, std::map<std::pair<std::string, std::string>, json>& out) {
  for (const json& bill : bills) {
    for (const char* field :
         {"biller_id", "consumer_no", "bill_no", "consumer_name", "due_date", "biller_ref"}) {
      if (!is_text(bill, field)) {
        return fail(Errc::Config, fmt::format("seed: a bill has no text field '{}'", field));
      }
    }
    if (!bill.contains("amount_paise") || !bill["amount_paise"].is_number_unsigned()) {
      return fail(Errc::Config, "seed: a bill has no non-negative amount_paise");
    }
    json answer = {{"bill_no", bill["bill_no"]},
                   {"consumer_name", bill["consumer_name"]},
                   {"amount_paise", bill["amount_paise"]},
                   {"due_date", bill["due_date"]},
                   {"biller_ref", bill["biller_ref"]}};
    out[{bill["biller_id"].get<std::string>(), bill["consumer_no"].get<std::string>()}] =
        std::move(answer);
  }
  return {};
}

Status add_statuses(const json& statuses, std::map<std::string, SeedStatus>& out) {
  static const std::string_view kKnown[] = {"received", "in_process", "approved", "rejected",
                                            "delivered"};
  for (const json& entry : statuses) {
    for (const char* field : {"receipt_no", "status", "updated_at"}) {
      if (!is_text(entry, field)) {
        return fail(Errc::Config, fmt::format("seed: a status has no text field '{}'", field));
      }
    }
    const auto status = entry["status"].get<std::string>();
    if (std::find(std::begin(kKnown), std::end(kKnown), status) == std::end(kKnown)) {
      return fail(Errc::Config, fmt::format("seed: unknown application status '{}'", status));
    }
    out[entry["receipt_no"].get<std::string>()] =
        SeedStatus{status, entry["updated_at"].get<std::string>(), entry.value("note", "")};
  }
  return {};
}

}  // namespace

Result<Seed> Seed::load(const std::filesystem::path& file) {
  auto text = read_text_file(file);
  if (!text) return std::unexpected(text.error());
  auto seed = parse(*text);
  if (!seed) {
    return fail(seed.error().code, fmt::format("{}: {}", file.string(), seed.error().message));
  }
  return seed;
}

Result<Seed> Seed::parse(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return fail(Errc::Config, "seed: not a JSON object");
  Seed seed;
  const json bills = doc.value("bills", json::array());
  const json statuses = doc.value("statuses", json::array());
  if (!bills.is_array() || !statuses.is_array()) {
    return fail(Errc::Config, "seed: bills and statuses must be arrays");
  }
  if (auto added = add_bills(bills, seed.bills_); !added) return std::unexpected(added.error());
  if (auto added = add_statuses(statuses, seed.statuses_); !added) {
    return std::unexpected(added.error());
  }
  return seed;
}

std::optional<json> Seed::bill(const std::string& biller_id, const std::string& consumer_no) const {
  const auto it = bills_.find({biller_id, consumer_no});
  if (it == bills_.end()) return std::nullopt;
  return it->second;
}

std::optional<SeedStatus> Seed::status(const std::string& receipt_no) const {
  const auto it = statuses_.find(receipt_no);
  if (it == statuses_.end()) return std::nullopt;
  return it->second;
}

}  // namespace kiosk::backend

// The reference backend's demo data (contract §2): bills by biller and consumer number,
// and application statuses by receipt number, read once from a JSON seed file.
//
// File shape (tools/backend/seed.json):
//   { "bills": [ { "biller_id", "consumer_no", "bill_no", "consumer_name", "amount_paise",
//                  "due_date", "biller_ref" } ],
//     "statuses": [ { "receipt_no", "status", "updated_at", "note" } ] }
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "kiosk/core/result.h"

namespace kiosk::backend {

struct SeedStatus {
  std::string status;  // received | in_process | approved | rejected | delivered
  std::string updated_at;
  std::string note;
};

class Seed {
 public:
  static Result<Seed> load(const std::filesystem::path& file);
  static Result<Seed> parse(std::string_view text);

  // The bill answer of contract §2, or nullopt for an unknown consumer.
  std::optional<nlohmann::json> bill(const std::string& biller_id,
                                     const std::string& consumer_no) const;
  std::optional<SeedStatus> status(const std::string& receipt_no) const;

 private:
  std::map<std::pair<std::string, std::string>, nlohmann::json> bills_;
  std::map<std::string, SeedStatus> statuses_;
};

}  // namespace kiosk::backend

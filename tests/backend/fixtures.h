// Well-formed contract payloads for the backend tests (contract §1).
#pragma once

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/samples.h"

namespace kiosk::testing {

// The shared sample (tests/support/samples.h) as the contract's JSON, under this receipt.
inline nlohmann::json valid_transaction(
    const std::string& receipt_no = "CG-RPR-0042-20261128-000123") {
  return sample_contract_transaction(receipt_no);
}

// A vector, not a json: `batch_of({item(…)})` with a json parameter would bind the single
// item itself (copy-list-initialisation), not an array holding it.
inline nlohmann::json batch_of(const std::vector<nlohmann::json>& items) {
  return {{"kiosk_id", "CG-RPR-0042"}, {"items", items}};
}

inline nlohmann::json item(const std::string& key, const nlohmann::json& transaction) {
  return {{"idempotency_key", key}, {"transaction", transaction}};
}

// `count` distinct valid items, keys "<prefix>-<n>".
inline std::vector<nlohmann::json> items(const std::string& prefix, std::size_t count) {
  std::vector<nlohmann::json> out;
  for (std::size_t n = 0; n < count; ++n) {
    out.push_back(item(fmt::format("{}-{}", prefix, n),
                       valid_transaction(fmt::format("CG-RPR-0042-20261128-{:06}", n))));
  }
  return out;
}

}  // namespace kiosk::testing

#include "tools/backend/faults.h"

#include <fmt/format.h>

#include <string_view>

namespace kiosk::backend {
namespace {

using nlohmann::json;

Status read_rate(const json& value, std::string_view name, double& out) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
    return fail(Errc::InvalidInput, fmt::format("{} must be a number from 0 to 1", name));
  }
  out = value.get<double>();
  return {};
}

template <class Int>
Status read_int(const json& value, std::string_view name, Int low, Int high, Int& out) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < static_cast<std::int64_t>(low) ||
      value.get<std::int64_t>() > static_cast<std::int64_t>(high)) {
    return fail(Errc::InvalidInput,
                fmt::format("{} must be an integer from {} to {}", name, low, high));
  }
  out = value.get<Int>();
  return {};
}

Status read_bool(const json& value, std::string_view name, bool& out) {
  if (!value.is_boolean())
    return fail(Errc::InvalidInput, fmt::format("{} must be true or false", name));
  out = value.get<bool>();
  return {};
}

Status read_status_override(const json& value, int& out) {
  if (auto read = read_int(value, "status_override", 0, 599, out); !read) return read;
  if (out != 0 && out < 100) {
    return fail(Errc::InvalidInput, "status_override must be 0 (off) or an HTTP status 100..599");
  }
  return {};
}

Status apply_one(FaultSettings& s, const std::string& name, const json& v) {
  if (name == "drop_rate") return read_rate(v, name, s.drop_rate);
  if (name == "commit_then_drop_rate") return read_rate(v, name, s.commit_then_drop_rate);
  if (name == "rate_429") return read_rate(v, name, s.rate_429);
  if (name == "rate_503") return read_rate(v, name, s.rate_503);
  if (name == "error_rate") return read_rate(v, name, s.error_rate);
  if (name == "retry_after_s") return read_int(v, name, -1, 86'400, s.retry_after_s);
  if (name == "slow_ms") return read_int(v, name, 0, 600'000, s.slow_ms);
  if (name == "unauthorized") return read_bool(v, name, s.unauthorized);
  if (name == "deny") return read_bool(v, name, s.deny);
  if (name == "status_override") return read_status_override(v, s.status_override);
  if (name == "seed") {
    if (!v.is_number_unsigned())
      return fail(Errc::InvalidInput, "seed must be a non-negative integer");
    s.seed = v.get<std::uint64_t>();
    return {};
  }
  if (name == "date_offset_s") {
    return read_int<std::int64_t>(v, name, -100LL * 365 * 86'400, 100LL * 365 * 86'400,
                                  s.date_offset_s);
  }
  return fail(Errc::InvalidInput, fmt::format("unknown fault '{}'", name));
}

}  // namespace

Status apply_fault_patch(FaultSettings& settings, const json& patch) {
  if (!patch.is_object()) return fail(Errc::InvalidInput, "faults must be a JSON object");
  FaultSettings next = settings;
  for (const auto& [name, value] : patch.items()) {
    if (auto applied = apply_one(next, name, value); !applied) return applied;
  }
  settings = next;
  return {};
}

json to_json(const FaultSettings& s) {
  return json{{"drop_rate", s.drop_rate},
              {"commit_then_drop_rate", s.commit_then_drop_rate},
              {"rate_429", s.rate_429},
              {"rate_503", s.rate_503},
              {"error_rate", s.error_rate},
              {"retry_after_s", s.retry_after_s},
              {"slow_ms", s.slow_ms},
              {"unauthorized", s.unauthorized},
              {"deny", s.deny},
              {"status_override", s.status_override},
              {"seed", s.seed},
              {"date_offset_s", s.date_offset_s}};
}

FaultState::FaultState(FaultSettings settings) : settings_(settings), dice_(settings.seed) {}

FaultSettings FaultState::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

Status FaultState::update(const json& patch) {
  std::lock_guard lock(mutex_);
  if (auto applied = apply_fault_patch(settings_, patch); !applied) return applied;
  if (patch.contains("seed")) dice_.seed(settings_.seed);
  return {};
}

BatchFault FaultState::roll_batch() {
  std::lock_guard lock(mutex_);
  const double roll = std::uniform_real_distribution<double>(0.0, 1.0)(dice_);
  const std::pair<double, BatchFault> bands[] = {
      {settings_.drop_rate, BatchFault::Drop},
      {settings_.commit_then_drop_rate, BatchFault::CommitThenDrop},
      {settings_.rate_429, BatchFault::TooManyRequests},
      {settings_.rate_503, BatchFault::Unavailable},
      {settings_.error_rate, BatchFault::ServerError},
  };
  double edge = 0;
  for (const auto& [rate, fault] : bands) {
    edge += rate;
    if (roll < edge) return fault;
  }
  return BatchFault::None;
}

}  // namespace kiosk::backend

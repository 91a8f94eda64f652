#include "kiosk/operator/operator_verbs.h"

#include <fmt/format.h>

#include "kiosk/config/envelope.h"

namespace kiosk::op {

namespace {

using nlohmann::json;

struct SetPinRequest {
  std::string hash;
};

Result<SetPinRequest> parse_set_pin(const control::Request& request) {
  if (auto only = request.only_fields({"hash"}); !only) return std::unexpected(only.error());
  auto hash = request.text("hash");
  if (!hash) return std::unexpected(hash.error());
  return SetPinRequest{std::move(*hash)};
}

struct AuditRequest {
  std::optional<Clock::WallTime> since;
  std::size_t limit = 1000;
};

Result<AuditRequest> parse_audit(const control::Request& request) {
  if (auto only = request.only_fields({"since", "limit"}); !only)
    return std::unexpected(only.error());
  AuditRequest out;
  auto since = request.optional_text("since");
  if (!since) return std::unexpected(since.error());
  if (*since) {
    out.since = config::parse_rfc3339(**since);
    if (!out.since) return fail(Errc::InvalidInput, "\"since\" must be an RFC 3339 time");
  }
  if (request.has("limit")) {
    auto limit = request.integer("limit", 1, 10000);
    if (!limit) return std::unexpected(limit.error());
    out.limit = static_cast<std::size_t>(*limit);
  }
  return out;
}

struct PinSet {};
json to_json(const PinSet&) {
  return {{"pin_set", true}};
}

struct AuditReply {
  std::vector<AuditEntry> entries;
};
json to_json(const AuditReply& reply) {
  json rows = json::array();
  for (const auto& e : reply.entries) rows.push_back(to_json(e));
  return {{"audit", rows}};
}

}  // namespace

std::string actor_of(const control::Peer& peer) {
  return fmt::format("uid:{}", peer.uid);
}

void register_operator_verbs(control::VerbRegistry& verbs, SharedStore& shared,
                             const Clock& clock) {
  verbs.add({"operator.set-pin", control::Access::Change, std::chrono::milliseconds(2000),
             "set the operator PIN (its Argon2id hash, made by kioskctl)"},
            parse_set_pin,
            [&shared, &clock](const SetPinRequest& r, const control::Peer& peer) -> Result<PinSet> {
              std::lock_guard lock(shared.mutex);
              if (auto set = shared.store.set_pin_hash(r.hash, clock.wall_now(), actor_of(peer));
                  !set)
                return std::unexpected(set.error());
              return PinSet{};
            });
  verbs.add({"audit.list", control::Access::Change, std::chrono::milliseconds(2000),
             "the audit trail: who did what, when (no citizen data)"},
            parse_audit,
            [&shared](const AuditRequest& r, const control::Peer&) -> Result<AuditReply> {
              std::lock_guard lock(shared.mutex);
              auto entries = shared.store.audit_since(r.since, r.limit);
              if (!entries) return std::unexpected(entries.error());
              return AuditReply{std::move(*entries)};
            });
}

}  // namespace kiosk::op

#include "kiosk/config/config_verbs.h"

#include <fmt/format.h>

#include "kiosk/config/envelope.h"
#include "kiosk/core/file_ops.h"

namespace kiosk::config {

using nlohmann::json;

namespace {

struct ApplyRequest {
  std::string bundle;
};

Result<ApplyRequest> parse_apply(const control::Request& request) {
  if (auto only = request.only_fields({"bundle", "file"}); !only)
    return std::unexpected(only.error());
  auto inline_text = request.optional_text("bundle");
  if (!inline_text) return std::unexpected(inline_text.error());
  if (*inline_text) return ApplyRequest{std::move(**inline_text)};
  auto file = request.text("file");
  if (!file) return fail(Errc::InvalidInput, "config.apply needs \"bundle\" or \"file\"");
  if (!std::filesystem::path(*file).is_absolute())
    return fail(Errc::InvalidInput, "\"file\" must be an absolute path");
  auto bytes = posix_file_ops().read(*file);
  if (!bytes) return std::unexpected(bytes.error());
  if (!*bytes)
    return fail(
        Errc::NotFound,
        fmt::format("{}: the kiosk cannot read it (copy it where the kiosk user can)", *file));
  if ((*bytes)->size() > kMaxEnvelopeBytes)
    return fail(Errc::InvalidInput,
                fmt::format("{}: larger than {} bytes", *file, kMaxEnvelopeBytes));
  return ApplyRequest{std::move(**bytes)};
}

struct StatusReply {
  json body;
};
json to_json(const StatusReply& reply) {
  return reply.body;
}

struct ApplyReply {
  ConfigService::Applied applied;
};
json to_json(const ApplyReply& reply) {
  return apply_reply(reply.applied);
}

}  // namespace

json apply_reply(const ConfigService::Applied& a) {
  if (a.root) {
    return {{"outcome", a.root_outcome.already_had ? "root-current" : "root-rotated"},
            {"version", a.root_outcome.version}};
  }
  switch (a.bundle.kind) {
    case ApplyKind::Applied:
      return {{"outcome", "applied"}, {"version", a.bundle.version}};
    case ApplyKind::AlreadyApplied:
      return {{"outcome", "already-applied"}, {"version", a.bundle.version}};
    case ApplyKind::Refused:
      break;
  }
  const BundleRefusal refusal = a.bundle.refusal.value_or(BundleRefusal{});
  return {{"outcome", "refused"}, {"check", to_string(refusal.check)}, {"why", refusal.why}};
}

void register_config_verbs(control::VerbRegistry& verbs, ConfigService& service,
                           std::function<std::vector<std::string>()> restart_needed) {
  verbs.add({"config.apply", control::Access::Change, kApplyBudget,
             "apply a signed configuration bundle or root document (its trial runs here)"},
            parse_apply,
            [&service](const ApplyRequest& r, const control::Peer&) -> Result<ApplyReply> {
              auto applied = service.apply(r.bundle, "kioskctl");
              if (!applied) return std::unexpected(applied.error());
              return ApplyReply{*applied};
            });
  verbs.add({"config.status", control::Access::Read, std::chrono::milliseconds(2000),
             "the signed configuration in force, its trial and the last refusal"},
            control::parse_no_fields,
            [&service, restart_needed](const control::NoFields&,
                                       const control::Peer&) -> Result<StatusReply> {
              json body = service.status();
              body["restart_needed"] =
                  restart_needed ? restart_needed() : std::vector<std::string>{};
              body["running"] = true;
              return StatusReply{std::move(body)};
            });
}

}  // namespace kiosk::config

#include "kiosk/ctl/config_bundle.h"

#include <fmt/format.h>

#include "kiosk/config/applier.h"
#include "kiosk/config/config_schema.h"
#include "kiosk/core/file.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/settings.h"

namespace kiosk::ctl {

using nlohmann::json;

Clock::WallTime trusted_now(const config::Config& c, const Clock& clock) {
  auto now = clock.wall_now();
  if (auto outbox = store::Outbox::open(sync::outbox_options(c), clock)) {
    if (auto floor = outbox->clock_floor().floor(); floor && *floor && **floor > now) now = **floor;
  }
  return now;
}

std::set<std::string> known_string_keys(const config::Config& c) {
  const std::vector<std::string> languages{"en"};
  auto strings = i18n::Strings::load(c.assets_dir / "i18n", languages);
  return strings ? strings->keys("en") : std::set<std::string>{};
}

namespace {

// settings {"ui": {"idle_timeout_s": 120}} → {"ui.idle_timeout_s": 120}
void flatten(const json& node, const std::string& prefix, std::map<std::string, json>& out) {
  for (const auto& [name, value] : node.items()) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (value.is_object() && config::find_key(key) == nullptr)
      flatten(value, key, out);
    else
      out[key] = value;
  }
}

}  // namespace

Result<std::unique_ptr<BundleCheckInputs>> bundle_inputs(const config::Config& c,
                                                         const config::Layers& local,
                                                         const Clock& clock) {
  auto text = read_text_file(c.root_keys_file);
  if (!text) {
    return fail(Errc::Config, fmt::format("trust.root_keys_file {}: {}", c.root_keys_file.string(),
                                          text.error().message));
  }
  auto root = config::shipped_root(*text);
  if (!root) return fail(Errc::Config, "trust root: " + root.error().message);
  auto inputs = std::make_unique<BundleCheckInputs>();
  inputs->root = std::move(*root);
  // What this kiosk has accepted: its rotated roots and its version floor.
  if (auto walked =
          config::walk_stored_roots(inputs->root, c.state_dir / "config", posix_file_ops());
      !walked)
    return std::unexpected(walked.error());
  std::error_code ec;
  if (std::filesystem::exists(c.state_dir / "config.db", ec)) {
    auto store = config::ConfigRecordStore::open(c.state_dir / "config.db");
    if (!store) return std::unexpected(store.error());
    auto record = store->load();
    if (!record) return std::unexpected(record.error());
    inputs->context.floor = {record->highest_version, record->applied.sha256,
                             record->highest_sha256};
  }
  inputs->context.root = &inputs->root;
  inputs->context.kiosk_id = c.kiosk_id;
  inputs->context.now = trusted_now(c, clock);
  inputs->context.local = local;
  inputs->context.string_keys = known_string_keys(c);
  return inputs;
}

json verify_report(const std::expected<config::VerifiedBundle, config::BundleRefusal>& r) {
  if (!r)
    return {{"ok", false}, {"check", config::to_string(r.error().check)}, {"why", r.error().why}};
  return {{"ok", true},
          {"version", r->version},
          {"already_applied", r->already_applied},
          {"signers", r->signers},
          {"protected", r->touches_protected},
          {"sha256", r->payload_sha256}};
}

std::string verify_text(const json& r) {
  if (!r["ok"].get<bool>())
    return fmt::format("refused at the {} check: {}\n", r["check"].get<std::string>(),
                       r["why"].get<std::string>());
  return fmt::format("valid: version {}{}, signed by {}{}\n", r["version"].dump(),
                     r["already_applied"].get<bool>() ? " (already applied)" : "",
                     r["signers"].dump(),
                     r["protected"].get<bool>() ? ", sets protected settings" : "");
}

json inspect_report(const config::VerifiedBundle& bundle, const config::Config& current) {
  std::map<std::string, json> settings;
  flatten(bundle.settings, "", settings);
  json changes = json::object();
  for (const auto& [key, value] : settings) {
    const auto now = current.values.find(key);
    const json in_force = now == current.values.end() ? json(nullptr) : now->second;
    changes[key] = {{"in_force", in_force}, {"bundle", value}, {"changes", in_force != value}};
  }
  return {{"payload", bundle.document},
          {"settings", changes},
          {"catalogue", bundle.catalogue ? json(bundle.catalogue->services.size()) : json(nullptr)},
          {"strings", bundle.strings}};
}

std::string inspect_text(const json& r) {
  std::string out = "payload:\n" + r["payload"].dump(2) + "\n\nsettings:\n";
  for (const auto& [key, change] : r["settings"].items()) {
    out +=
        fmt::format("  {}: {} -> {}{}\n", key, change["in_force"].dump(), change["bundle"].dump(),
                    change["changes"].get<bool>() ? "" : " (unchanged)");
  }
  if (!r["catalogue"].is_null())
    out += fmt::format("catalogue: replaced by {} services\n", r["catalogue"].dump());
  for (const auto& [language, table] : r["strings"].items())
    out += fmt::format("strings ({}): {} overridden\n", language, table.size());
  return out;
}

}  // namespace kiosk::ctl

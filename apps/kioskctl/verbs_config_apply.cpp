// `kioskctl config apply FILE` and `kioskctl config status` (docs/remote-config.md).
// Through the running kiosk's control socket when it runs (the trial runs inside the
// kiosk); otherwise kioskctl applies with exactly the same checks and files, holding the
// kiosk's instance lock so that no kiosk starts half-way through, and the trial starts with
// the kiosk. Exit 0 when applied (or already in force), 1 with the refused check.
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/config/config_verbs.h"
#include "kiosk/core/file.h"
#include "kiosk/ctl/config_apply.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;
namespace cfg = kiosk::config;

// A bundle this small goes inline; a larger one by path (the kiosk reads it).
constexpr std::size_t kInlineBytes = 48 * 1024;

std::string& file_arg() {
  static std::string file;  // CLI11 binds to storage that outlives parse()
  return file;
}

struct Offline {
  kiosk::devices::InstanceLock lock;
  std::unique_ptr<cfg::ConfigApplier> applier;
};

// No kiosk answers: hold its instance lock and open the applier as it would.
kiosk::Result<Offline> offline(const Globals& g, const cfg::Config& c) {
  auto lock = kiosk::devices::InstanceLock::acquire(kiosk::devices::lock_file(c));
  if (!lock) return kiosk::fail(kiosk::Errc::Busy, "csc-kiosk is running but does not answer");
  auto layers =
      cfg::read_layers(g.config ? std::optional<std::filesystem::path>(*g.config) : std::nullopt);
  if (!layers) return std::unexpected(layers.error());
  static const kiosk::SystemClock clock;
  auto applier = kiosk::ctl::open_applier(c, *layers, clock);
  if (!applier) return std::unexpected(applier.error());
  return Offline{std::move(*lock), std::move(*applier)};
}

std::string apply_text(const json& r) {
  const std::string outcome = r.value("outcome", "");
  if (outcome == "refused")
    return "refused at the " + r.value("check", "") + " check: " + r.value("why", "") + "\n";
  if (outcome == "applied")
    return "version " + r["version"].dump() + " applied; its trial has started\n";
  if (outcome == "already-applied")
    return "version " + r["version"].dump() + " is already in force\n";
  if (outcome == "root-rotated")
    return "trust root rotated to version " + r["version"].dump() + "\n";
  return "trust root version " + r["version"].dump() + " is already in force\n";
}

kiosk::Result<json> apply_offline(const Globals& g, const cfg::Config& c,
                                  const std::string& bytes) {
  auto o = offline(g, c);
  if (!o) return std::unexpected(o.error());
  cfg::ConfigService::Applied applied;
  if (cfg::is_root_document(bytes)) {
    auto root = o->applier->apply_root(bytes);
    if (!root) return std::unexpected(root.error());
    applied.root = true;
    applied.root_outcome = *root;
  } else {
    // No kiosk runs: no health baseline; the crash-loop rule still guards the trial.
    auto outcome = o->applier->apply(bytes, "kioskctl");
    if (!outcome) return std::unexpected(outcome.error());
    applied.bundle = *outcome;
  }
  return cfg::apply_reply(applied);
}

void apply(const Globals& g, int& exit_code) {
  auto c = load_config(g, exit_code);
  if (!c) return;
  auto bytes = kiosk::read_text_file(file_arg());
  if (!bytes) return print_error(g, bytes.error(), exit_code);
  json request{{"verb", "config.apply"}};
  if (bytes->size() <= kInlineBytes)
    request["bundle"] = *bytes;
  else
    request["file"] = std::filesystem::absolute(file_arg()).string();
  std::optional<kiosk::Error> error;
  auto reply = ask_kiosk(*c, request, cfg::kApplyBudget, error);
  std::string where = "kiosk";
  if (error) return print_error(g, *error, exit_code);
  if (!reply) {
    auto local = apply_offline(g, *c, *bytes);
    if (!local) return print_error(g, local.error(), exit_code);
    reply = std::move(*local);
    where = "offline";
  }
  (*reply)["via"] = where;
  print(g.json ? reply->dump(2) + "\n" : apply_text(*reply));
  exit_code =
      static_cast<int>(reply->value("outcome", "") == "refused" ? ExitCode::Failed : ExitCode::Ok);
}

std::string status_text(const json& s) {
  const json& r = s["record"];
  std::string out;
  const json& in_force = s["in_force"];
  if (in_force.is_null()) {
    out += "in force: no bundle (the local file and defaults)\n";
  } else {
    out += "in force: version " + in_force["version"].dump() + " from " +
           r["applied"].value("source", "") + ", sha256 " + in_force.value("sha256", "") + "\n";
    out +=
        "  expires " + in_force.value("expires_at", "") +
        (in_force.value("expired", false) ? " (EXPIRED: stays in force until a newer one)" : "") +
        "\n";
  }
  out += "version floor: " + r["highest_version"].dump() + ", trust root version " +
         s["root_version"].dump() + "\n";
  const json& t = r["trial"];
  if (t.value("phase", "none") != "none")
    out += "trial: version " + t["version"].dump() + ", " + t["elapsed_s"].dump() + " s served, " +
           t["starts"].dump() + " start(s)\n";
  else
    out += "trial: none\n";
  if (r["last_refusal"].is_object())
    out += "last refusal: the " + r["last_refusal"].value("check", "") +
           " check: " + r["last_refusal"].value("why", "") + "\n";
  if (r["last_rollback"].is_object())
    out += "last rollback: version " + r["last_rollback"]["version"].dump() + ": " +
           r["last_rollback"].value("why", "") + "\n";
  if (s.contains("restart_needed") && !s["restart_needed"].empty())
    out += "waiting for a restart: " + s["restart_needed"].dump() + "\n";
  if (!s.value("running", false)) out += "(the kiosk is not running: read from disk)\n";
  return out;
}

void status(const Globals& g, int& exit_code) {
  auto c = load_config(g, exit_code);
  if (!c) return;
  std::optional<kiosk::Error> error;
  auto reply = ask_kiosk(*c, {{"verb", "config.status"}}, std::chrono::milliseconds(2000), error);
  if (error) return print_error(g, *error, exit_code);
  if (!reply) {
    auto o = offline(g, *c);
    if (!o) return print_error(g, o.error(), exit_code);
    reply = o->applier->status();
    (*reply)["running"] = false;
    (*reply)["restart_needed"] = json::array();
  }
  print(g.json ? reply->dump(2) + "\n" : status_text(*reply));
  exit_code = static_cast<int>(ExitCode::Ok);
}

}  // namespace

void register_config_apply_verbs(CLI::App& config, const Globals& g, int& exit_code) {
  CLI::App* apply_cmd = config.add_subcommand(
      "apply", "Apply a signed bundle or root document (a USB stick's); exit 1 when refused");
  apply_cmd->add_option("FILE", file_arg(), "The envelope")->required();
  apply_cmd->callback([&g, &exit_code] { apply(g, exit_code); });
  CLI::App* status_cmd = config.add_subcommand(
      "status", "The signed configuration in force, its trial, the last refusal and rollback");
  status_cmd->callback([&g, &exit_code] { status(g, exit_code); });
}

}  // namespace kioskctl

// `kioskctl enroll` and `kioskctl sync --once` (docs/cli.md).
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "apps/kioskctl/verbs.h"
#include "kiosk/core/file.h"
#include "kiosk/core/log.h"
#include "kiosk/sync/settings.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

constexpr const char* kServiceUser = "csc-kiosk";

// The token must belong to the service user when enrolment runs as root.
void hand_to_service_user(const std::filesystem::path& file) {
  if (::geteuid() != 0) return;
  if (const passwd* pw = ::getpwnam(kServiceUser); pw != nullptr) {
    if (::chown(file.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      kiosk::log::warn("kioskctl", "{}: cannot hand to {}", file.string(), kServiceUser);
  }
}

kiosk::Status check_enrolment(const std::string& kiosk_id, const std::string& token) {
  if (!std::regex_match(kiosk_id, std::regex("[A-Z0-9]+(-[A-Z0-9]+){0,4}")))
    return kiosk::fail(kiosk::Errc::InvalidInput,
                       fmt::format("kiosk id \"{}\" must look like CG-RPR-0042", kiosk_id));
  if (token.size() < 16 || token.size() > 4096 ||
      token.find_first_of(" \t\r\n") != std::string::npos)
    return kiosk::fail(kiosk::Errc::InvalidInput,
                       "the token must be 16 to 4096 characters with no spaces");
  return {};
}

// Sets kiosk.id in the local config file, keeping every other key.
kiosk::Status write_kiosk_id(const std::filesystem::path& file, const std::string& kiosk_id) {
  auto text = kiosk::read_text_file(file);
  if (!text) return std::unexpected(text.error());
  json local = json::parse(*text, nullptr, false);
  if (local.is_discarded() || !local.is_object())
    return kiosk::fail(kiosk::Errc::Config, file.string() + ": is not a JSON object");
  local["kiosk"]["id"] = kiosk_id;
  return kiosk::write_file_atomic(file, local.dump(2) + "\n", 0644);
}

void enroll(const Globals& g, const std::string& kiosk_id, const std::string& token_file,
            int& code) {
  auto config = load_config(g, code);
  if (!config) return;
  if (!config->source_file)
    return print_error(g, {kiosk::Errc::Config, "no local config file to enroll; pass --config"},
                       code);
  auto token = kiosk::sync::read_token(token_file);
  if (!token) return print_error(g, {kiosk::Errc::InvalidInput, token.error().message}, code);
  if (auto ok = check_enrolment(kiosk_id, *token); !ok) return print_error(g, ok.error(), code);
  std::error_code ec;
  std::filesystem::create_directories(config->token_file.parent_path(), ec);
  if (auto saved = kiosk::write_file_atomic(config->token_file, *token + "\n", 0600); !saved)
    return print_error(g, saved.error(), code);
  hand_to_service_user(config->token_file);
  if (auto saved = write_kiosk_id(*config->source_file, kiosk_id); !saved)
    return print_error(g, saved.error(), code);
  const json j{{"kiosk_id", kiosk_id},
               {"token_file", config->token_file.string()},
               {"config_file", config->source_file->string()}};
  print(g.json ? j.dump(2) + "\n"
               : fmt::format("enrolled as {}; token stored in {} (mode 0600)\n", kiosk_id,
                             config->token_file.string()));
  code = static_cast<int>(ExitCode::Ok);
}

json report_json(const kiosk::sync::PassReport& r, std::int64_t pending) {
  json j{{"requests", r.requests},
         {"delivered", r.delivered},
         {"dead", r.dead},
         {"rescheduled", r.rescheduled},
         {"pending", pending}};
  j["paused"] = r.paused ? json(r.paused->reason) : json(nullptr);
  j["last_failure"] = r.backoff ? json(r.backoff->reason) : json(nullptr);
  return j;
}

void sync_once(const Globals& g, int& code) {
  auto config = load_config(g, code);
  if (!config) return;
  if (config->backend_url.empty() || config->kiosk_id.empty())
    return print_error(g, {kiosk::Errc::Config, "not enrolled: backend.url or kiosk.id is empty"},
                       code);
  auto token = kiosk::sync::read_token(config->token_file);
  if (!token) return print_error(g, {kiosk::Errc::Config, token.error().message}, code);
  kiosk::SystemClock clock;
  kiosk::SystemRng rng;
  auto outbox = kiosk::store::Outbox::open(kiosk::sync::outbox_options(*config), clock);
  if (!outbox) return print_error(g, outbox.error(), code);
  auto settings = kiosk::sync::sync_settings(*config);
  settings.token = *token;
  kiosk::sync::Syncer syncer(*outbox, settings, clock, rng);
  auto report = syncer.run_pass(/*forced=*/true);
  if (!report) return print_error(g, report.error(), code);
  auto stats = outbox->views().stats();
  if (!stats) return print_error(g, stats.error(), code);
  const json j = report_json(*report, stats->pending);
  print(g.json ? j.dump(2) + "\n"
               : fmt::format("{} requests: {} delivered, {} dead-lettered, {} to retry; {} "
                             "pending{}\n",
                             report->requests, report->delivered, report->dead, report->rescheduled,
                             stats->pending,
                             report->paused ? "; PAUSED: " + report->paused->reason : ""));
  code = static_cast<int>(stats->pending == 0 ? ExitCode::Ok : ExitCode::TryLater);
}

}  // namespace

void register_sync_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  static std::string kiosk_id;
  static std::string token_file;
  static bool once = false;
  auto* enroll_verb = app.add_subcommand("enroll", "Store this kiosk's id and backend token");
  enroll_verb->add_option("--kiosk-id", kiosk_id, "Kiosk id, e.g. CG-RPR-0042")->required();
  enroll_verb->add_option("--token-file", token_file, "File holding the bearer token")->required();
  enroll_verb->callback([&] { enroll(g, kiosk_id, token_file, exit_code); });
  auto* sync = app.add_subcommand("sync", "Deliver pending transactions now");
  sync->add_flag("--once", once, "One forced pass, ignoring backoff (required)")->required();
  sync->callback([&] { sync_once(g, exit_code); });
}

}  // namespace kioskctl

// `kioskctl receipt status|reprint RECEIPT_NO`: a receipt's print job, and printing it again
// on request. The reprint is a new queued job in the outbox; the running kiosk's print
// worker picks it up within seconds (docs/cli.md). A refill never reprints by itself.
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/log.h"
#include "kiosk/operator/operator_store.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/settings.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

json job_json(const kiosk::store::PrintJob& job) {
  return {{"receipt_no", job.receipt_no},
          {"job", job.id},
          {"printer", job.printer},
          {"state", kiosk::store::to_string(job.state)},
          {"reason", job.reason.empty() ? json(nullptr) : json(job.reason)}};
}

// A reprint is audited in operator.db beside the kiosk's own rows (SQLite takes both
// writers); an audit that cannot be written is said, and the reprint still stands.
void audit_reprint(const kiosk::config::Config& c, const kiosk::Clock& clock,
                   const std::string& receipt_no, std::string outcome) {
  const auto level = kiosk::log::level();  // its schema note is not this verb's output
  kiosk::log::set_level(std::max(level, kiosk::log::Level::Warn));
  auto store = kiosk::op::OperatorStore::open(c.state_dir / "operator.db");
  kiosk::log::set_level(level);
  kiosk::Status written =
      store ? store->audit({0, clock.wall_now(), "uid:" + std::to_string(::getuid()),
                            "receipt.reprint", receipt_no, std::move(outcome)})
            : kiosk::Status(std::unexpected(store.error()));
  if (!written)
    std::fprintf(stderr, "warning: the reprint was not audited: %s\n",
                 written.error().message.c_str());
}

void receipt_verb(const Globals& g, const std::string& receipt_no, bool reprint, int& code) {
  auto config = load_config(g, code);
  if (!config) return;
  kiosk::SystemClock clock;
  auto outbox = kiosk::store::Outbox::open(kiosk::sync::outbox_options(*config), clock);
  if (!outbox) return print_error(g, outbox.error(), code);
  auto jobs = outbox->print_jobs();
  if (reprint) {
    auto again = jobs.reprint(receipt_no);
    audit_reprint(*config, clock, receipt_no, again ? "ok" : "failed: " + again.error().message);
    if (!again) return print_error(g, again.error(), code);
  }
  auto latest = jobs.latest(receipt_no);
  if (!latest) return print_error(g, latest.error(), code);
  if (!*latest)
    return print_error(g, {kiosk::Errc::NotFound, "no print job for " + receipt_no}, code);
  const json j = job_json(**latest);
  print(g.json ? j.dump(2) + "\n"
               : receipt_no + ": " + j["state"].get<std::string>() +
                     (j["reason"].is_string() ? " (" + j["reason"].get<std::string>() + ")" : "") +
                     "\n");
  code = static_cast<int>(ExitCode::Ok);
}

}  // namespace

void register_receipt_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  static std::string receipt_no;  // CLI11 binds to storage that outlives parse()
  CLI::App* receipt = app.add_subcommand("receipt", "A receipt's printing");
  receipt->require_subcommand(1);
  CLI::App* status = receipt->add_subcommand("status", "The newest print job of a receipt");
  status->add_option("RECEIPT_NO", receipt_no, "Receipt number")->required();
  status->callback([&g, &exit_code] { receipt_verb(g, receipt_no, false, exit_code); });
  CLI::App* reprint =
      receipt->add_subcommand("reprint", "Queue a receipt again (after a failed or unknown print)");
  reprint->add_option("RECEIPT_NO", receipt_no, "Receipt number")->required();
  reprint->callback([&g, &exit_code] { receipt_verb(g, receipt_no, true, exit_code); });
}

}  // namespace kioskctl

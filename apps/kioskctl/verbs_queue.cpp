// Outbox verbs (docs/cli.md): enroll, queue status|list|show|redrive|enqueue-test,
// sync --once. They open the same SQLite file as a running csc-kiosk; every write is a
// BEGIN IMMEDIATE transaction, so both can work at once.
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "apps/kioskctl/verbs.h"
#include "kiosk/core/file.h"
#include "kiosk/core/log.h"
#include "kiosk/store/disk.h"
#include "kiosk/store/outbox_writer.h"
#include "kiosk/sync/settings.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

struct Context {
  kiosk::config::Config config;
  kiosk::SystemClock clock;
};

void set(int& exit_code, ExitCode code) {
  exit_code = static_cast<int>(code);
}

std::optional<kiosk::store::Outbox> open_outbox(const Globals& g, const Context& c, int& code) {
  auto outbox = kiosk::store::Outbox::open(kiosk::sync::outbox_options(c.config), c.clock);
  if (outbox) return std::move(*outbox);
  print_error(g, outbox.error(), code);
  return std::nullopt;
}

json summary_json(const kiosk::store::ItemSummary& s) {
  json j{{"id", s.id},
         {"receipt_no", s.receipt_no},
         {"service_id", s.service_id},
         {"amount_paise", s.amount_paise},
         {"fee_paise", s.fee_paise},
         {"test", s.test},
         {"state", kiosk::store::to_string(s.state)},
         {"attempts", s.attempts},
         {"created_at", s.created_at},
         {"purged", s.purged}};
  j["last_error"] = s.last_error.empty() ? json(nullptr) : json(s.last_error);
  j["last_error_code"] =
      s.last_error_code ? json(kiosk::store::to_string(*s.last_error_code)) : json(nullptr);
  j["backend_ref"] = s.backend_ref.empty() ? json(nullptr) : json(s.backend_ref);
  return j;
}

json status_json(kiosk::store::Outbox& outbox, const Context& c,
                 const kiosk::store::QueueStats& s) {
  json j{{"pending", s.pending},
         {"inflight", s.inflight},
         {"delivered", s.delivered},
         {"dead", s.dead},
         {"purged", s.purged}};
  j["oldest_pending_age_s"] =
      s.oldest_pending_age ? json(s.oldest_pending_age->count()) : json(nullptr);
  // Only what was read: a floor that cannot be read says so, never "the clock is fine".
  auto floor = outbox.clock_floor().floor();
  j["clock_floor"] = floor && *floor ? json(kiosk::store::rfc3339_ist(**floor)) : json(nullptr);
  j["clock_ok"] = floor && !(*floor && c.clock.wall_now() < **floor);
  j["clock_error"] = floor ? json(nullptr) : json(floor.error().message);
  auto space = kiosk::store::free_bytes(c.config.state_dir);
  j["free_disk_mb"] = space ? json(*space >> 20) : json(nullptr);
  j["low_disk"] = space && (*space >> 20) < static_cast<std::uint64_t>(c.config.outbox_low_disk_mb);
  auto failure = outbox.views().last_failure();
  j["last_failure"] = failure && *failure ? json((*failure)->text) : json(nullptr);
  j["last_failure_code"] =
      failure && *failure ? json(kiosk::store::to_string((*failure)->code)) : json(nullptr);
  j["enrolled"] =
      !c.config.kiosk_id.empty() && kiosk::sync::read_token(c.config.token_file).has_value();
  return j;
}

// Delivery is paused on these answers until someone acts (backend-api.md §1). The action
// follows the stored code, never the wording of the text.
std::string delivery_action(const json& j) {
  std::string out = "last delivery failure: " + j["last_failure"].get<std::string>() + "\n";
  const auto code = kiosk::store::failure_code_from(j.value("last_failure_code", ""));
  if (code == kiosk::store::FailureCode::Credentials)
    out += "ACTION: the backend refuses this kiosk's token; enroll again with a new token\n";
  else if (code == kiosk::store::FailureCode::Endpoint)
    out += "ACTION: backend.url is wrong; check the configuration\n";
  return out;
}

std::string status_text(const json& j) {
  std::string out =
      fmt::format("pending {} (in flight {}), delivered {}, dead letters {}, purged {}\n",
                  j["pending"].get<long>(), j["inflight"].get<long>(), j["delivered"].get<long>(),
                  j["dead"].get<long>(), j["purged"].get<long>());
  if (!j["oldest_pending_age_s"].is_null())
    out += fmt::format("oldest pending: {} s\n", j["oldest_pending_age_s"].get<long>());
  if (!j["clock_error"].is_null())
    out += fmt::format("ACTION: the clock could not be checked ({}); run `kioskctl status`\n",
                       j["clock_error"].get<std::string>());
  else if (!j["clock_ok"].get<bool>())
    out += fmt::format("ACTION: set the clock; it is behind the backend's {}\n",
                       j["clock_floor"].get<std::string>());
  if (j["low_disk"].get<bool>())
    out +=
        fmt::format("ACTION: free disk space; only {} MiB left\n", j["free_disk_mb"].get<long>());
  if (j["dead"].get<long>() > 0)
    out += "ACTION: inspect dead letters with `kioskctl queue list --dead`\n";
  if (!j["enrolled"].get<bool>()) out += "ACTION: enroll this kiosk with `kioskctl enroll`\n";
  if (!j["last_failure"].is_null()) out += delivery_action(j);
  return out;
}

void queue_status(const Globals& g, const Context& c, int& code) {
  auto outbox = open_outbox(g, c, code);
  if (!outbox) return;
  auto stats = outbox->views().stats();
  if (!stats) return print_error(g, stats.error(), code);
  const json j = status_json(*outbox, c, *stats);
  print(g.json ? j.dump(2) + "\n" : status_text(j));
  set(code, ExitCode::Ok);
}

void queue_list(const Globals& g, const Context& c, bool dead_only, std::size_t limit, int& code) {
  auto outbox = open_outbox(g, c, code);
  if (!outbox) return;
  auto items = outbox->views().list(dead_only, limit);
  if (!items) return print_error(g, items.error(), code);
  json j = json::array();
  std::string text;
  for (const auto& s : *items) {
    j.push_back(summary_json(s));
    text += fmt::format("{:>6}  {}  {:<9}  {:>3}  {}{}\n", s.id, s.receipt_no,
                        kiosk::store::to_string(s.state), s.attempts, s.service_id,
                        s.last_error.empty() ? "" : "  (" + s.last_error + ")");
  }
  print(g.json ? json{{"items", j}}.dump(2) + "\n" : text);
  set(code, ExitCode::Ok);
}

void queue_show(const Globals& g, const Context& c, const std::string& id, int& code) {
  auto outbox = open_outbox(g, c, code);
  if (!outbox) return;
  auto shown = outbox->views().show(id);
  if (!shown) return print_error(g, shown.error(), code);
  json j = summary_json(shown->first);
  j["transaction"] = shown->second.empty() ? json(nullptr) : json::parse(shown->second);
  print(g.json ? j.dump(2) + "\n"
               : fmt::format("{}\n{}\n", j.dump(2),
                             shown->first.purged ? "(body dropped by retention)" : ""));
  set(code, ExitCode::Ok);
}

void queue_redrive(const Globals& g, const Context& c, const std::string& id, int& code) {
  auto outbox = open_outbox(g, c, code);
  if (!outbox) return;
  if (auto done = outbox->queue().redrive(id); !done) return print_error(g, done.error(), code);
  print(g.json ? json{{"redriven", id}}.dump(2) + "\n"
               : fmt::format("{} is pending again (same key, same bytes)\n", id));
  set(code, ExitCode::Ok);
}

kiosk::store::NewTransaction test_item(int n) {
  kiosk::store::NewTransaction t;
  t.service_id = "kiosk.commissioning_test";
  t.test = true;
  t.applicant.name = "TEST";
  t.consent = {"test", "en", ""};
  t.fields = {{"sequence", n}};
  return t;
}

void queue_enqueue_test(const Globals& g, const Context& c, int count, int& code) {
  auto writer =
      kiosk::store::OutboxWriter::start(kiosk::sync::outbox_options(c.config), c.clock, {});
  if (!writer) return print_error(g, writer.error(), code);
  json receipts = json::array();
  for (int i = 0; i < count; ++i) {
    auto committed = (*writer)->commit(test_item(i + 1));
    if (!committed) return print_error(g, committed.error(), code);
    receipts.push_back(committed->receipt_no);
  }
  print(g.json ? json{{"enqueued", count}, {"receipts", receipts}}.dump(2) + "\n"
               : fmt::format("enqueued {} test items\n", count));
  set(code, ExitCode::Ok);
}

}  // namespace

// Defined in verbs_sync.cpp.
void register_sync_verbs(CLI::App& app, const Globals& g, int& exit_code);

void register_queue_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  static std::string id;
  static bool dead_only = false;
  static std::size_t limit = 50;
  static int count = 1;
  CLI::App* queue = app.add_subcommand("queue", "The transaction outbox");
  queue->require_subcommand(1);
  auto with_context = [&](auto body) {
    return [&g, &exit_code, body] {
      auto config = load_config(g, exit_code);
      if (!config) return;
      const Context c{std::move(*config), {}};
      body(c);
    };
  };
  queue->add_subcommand("status", "Counts, oldest pending age, operator actions")
      ->callback(with_context([&](const Context& c) { queue_status(g, c, exit_code); }));
  auto* list = queue->add_subcommand("list", "Newest items first");
  list->add_flag("--dead", dead_only, "Dead letters only");
  list->add_option("--limit", limit, "At most this many (default 50)");
  list->callback(
      with_context([&](const Context& c) { queue_list(g, c, dead_only, limit, exit_code); }));
  auto* show = queue->add_subcommand("show", "One item, personal fields masked");
  show->add_option("ID", id, "Row id or receipt number")->required();
  show->callback(with_context([&](const Context& c) { queue_show(g, c, id, exit_code); }));
  auto* redrive = queue->add_subcommand("redrive", "Send a dead letter again (same key, bytes)");
  redrive->add_option("ID", id, "Row id or receipt number")->required();
  redrive->callback(with_context([&](const Context& c) { queue_redrive(g, c, id, exit_code); }));
  auto* test = queue->add_subcommand("enqueue-test", "Commit N test items for commissioning");
  test->add_option("N", count, "How many")->required()->check(CLI::Range(1, 100000));
  test->callback(
      with_context([&](const Context& c) { queue_enqueue_test(g, c, count, exit_code); }));
  register_sync_verbs(app, g, exit_code);
}

}  // namespace kioskctl

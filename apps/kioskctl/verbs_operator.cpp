// `kioskctl operator set-pin` and `kioskctl audit list` (docs/operator.md).
// set-pin reads the PIN from the terminal without echo (or one line of stdin when it is not
// a terminal), twice on a terminal, checks its rules and hashes it with Argon2id HERE: only
// the hash goes to the kiosk (control verb operator.set-pin) or, with no kiosk running, into
// its operator.db. The PIN lives in locked memory and is zeroed.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/config/envelope.h"
#include "kiosk/devices/instance_lock.h"
#include "kiosk/operator/operator_store.h"
#include "kiosk/store/transaction.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

constexpr std::chrono::milliseconds kVerbBudget{2000};  // operator.set-pin and audit.list

struct OperatorArgs {
  std::string since;
  int limit = 1000;
};

OperatorArgs& operator_args() {
  static OperatorArgs a;  // CLI11 binds to storage that outlives parse()
  return a;
}

// Echo off while the PIN is typed, restored whatever happens.
class NoEcho {
 public:
  NoEcho() : active_(::isatty(STDIN_FILENO) == 1 && ::tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_;
};

// One line of stdin into locked memory, byte by byte (no std::string ever holds it).
kiosk::Result<kiosk::Secret> read_pin(const char* prompt) {
  auto pin = kiosk::Secret::with_capacity(32);
  if (!pin) return std::unexpected(pin.error());
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  if (terminal) std::fprintf(stderr, "%s", prompt);
  NoEcho quiet;
  char c = 0;
  while (::read(STDIN_FILENO, &c, 1) == 1 && c != '\n') {
    if (c != '\r' && !pin->push_back(c))
      return kiosk::fail(kiosk::Errc::InvalidInput, "the PIN is too long");
  }
  c = 0;
  if (terminal) std::fprintf(stderr, "\n");
  return pin;
}

kiosk::Result<std::string> pin_hash_from_stdin() {
  auto pin = read_pin("New operator PIN (6 to 8 digits): ");
  if (!pin) return std::unexpected(pin.error());
  if (auto rules = kiosk::op::check_pin_rules(pin->view()); !rules)
    return std::unexpected(rules.error());
  if (::isatty(STDIN_FILENO) == 1) {
    auto again = read_pin("The same PIN again: ");
    if (!again) return std::unexpected(again.error());
    if (again->view() != pin->view())
      return kiosk::fail(kiosk::Errc::InvalidInput, "the two PINs differ");
  }
  return kiosk::op::hash_pin(*pin, kiosk::op::PinCost::interactive());
}

std::string actor() {
  return "uid:" + std::to_string(::getuid());
}

// No kiosk answers: its operator.db directly, never beside a kiosk that does not answer.
kiosk::Result<kiosk::op::OperatorStore> open_offline(const kiosk::config::Config& c) {
  if (kiosk::devices::InstanceLock::held(kiosk::devices::lock_file(c)))
    return kiosk::fail(kiosk::Errc::Busy, "csc-kiosk is running but does not answer");
  std::error_code ec;
  std::filesystem::create_directories(c.state_dir, ec);
  return kiosk::op::OperatorStore::open(c.state_dir / "operator.db");
}

void set_pin(const Globals& g, int& exit_code) {
  auto c = load_config(g, exit_code);
  if (!c) return;
  auto hash = pin_hash_from_stdin();
  if (!hash) return print_error(g, hash.error(), exit_code);
  std::optional<kiosk::Error> error;
  std::string via = "kiosk";
  if (!ask_kiosk(*c, {{"verb", "operator.set-pin"}, {"hash", *hash}}, kVerbBudget, error)) {
    if (error) return print_error(g, *error, exit_code);
    auto store = open_offline(*c);
    if (!store) return print_error(g, store.error(), exit_code);
    const kiosk::SystemClock clock;
    if (auto set = store->set_pin_hash(*hash, clock.wall_now(), actor()); !set)
      return print_error(g, set.error(), exit_code);
    via = "offline";
  } else if (error) {
    return print_error(g, *error, exit_code);
  }
  print(g.json ? json{{"pin_set", true}, {"via", via}}.dump(2) + "\n"
               : "operator PIN set; operator mode can now be entered\n");
  exit_code = static_cast<int>(ExitCode::Ok);
}

std::string audit_text(const json& rows) {
  std::string out;
  for (const auto& r : rows) {
    out += r.value("at", "") + "  " + r.value("actor", "") + "  " + r.value("action", "");
    if (!r.value("subject", "").empty()) out += " " + r.value("subject", "");
    if (!r.value("outcome", "").empty()) out += "  (" + r.value("outcome", "") + ")";
    out += "\n";
  }
  return out.empty() ? "no audit entries\n" : out;
}

void audit_list(const Globals& g, int& exit_code) {
  auto c = load_config(g, exit_code);
  if (!c) return;
  std::optional<kiosk::Clock::WallTime> since;
  if (!operator_args().since.empty()) {
    since = kiosk::config::parse_rfc3339(operator_args().since);
    if (!since)
      return print_error(g, {kiosk::Errc::InvalidInput, "--since must be an RFC 3339 time"},
                         exit_code);
  }
  json request{{"verb", "audit.list"}, {"limit", operator_args().limit}};
  if (!operator_args().since.empty()) request["since"] = operator_args().since;
  std::optional<kiosk::Error> error;
  auto reply = ask_kiosk(*c, request, kVerbBudget, error);
  if (error) return print_error(g, *error, exit_code);
  json rows = json::array();
  if (reply) {
    rows = (*reply)["audit"];
  } else {
    auto store = open_offline(*c);
    if (!store) return print_error(g, store.error(), exit_code);
    auto entries = store->audit_since(since, static_cast<std::size_t>(operator_args().limit));
    if (!entries) return print_error(g, entries.error(), exit_code);
    for (const auto& e : *entries) rows.push_back(kiosk::op::to_json(e));
  }
  print(g.json ? json{{"audit", rows}}.dump(2) + "\n" : audit_text(rows));
  exit_code = static_cast<int>(ExitCode::Ok);
}

}  // namespace

void register_operator_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  CLI::App* op = app.add_subcommand("operator", "Operator mode");
  op->require_subcommand(1);
  CLI::App* pin = op->add_subcommand(
      "set-pin", "Set the operator PIN (read from the terminal, hashed here; none by default)");
  pin->callback([&g, &exit_code] { set_pin(g, exit_code); });

  CLI::App* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  CLI::App* list = audit->add_subcommand("list", "Who did what, when (no citizen data)");
  list->add_option("--since", operator_args().since, "From this time (RFC 3339)");
  list->add_option("--limit", operator_args().limit, "At most this many entries (default 1000)")
      ->check(CLI::Range(1, 10000));
  list->callback([&g, &exit_code] { audit_list(g, exit_code); });
}

}  // namespace kioskctl

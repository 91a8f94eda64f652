// `kioskctl payment list | confirm TXN --utr N | confirm TXN --cash | reject TXN --reason …`
// (docs/operator.md): through the running kiosk's control socket only, because a payment
// for a citizen still at the screen must reach its core. Audited there with our uid.
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/receipt/receipt.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

constexpr std::chrono::milliseconds kListBudget{2000};
constexpr std::chrono::milliseconds kConfirmBudget{9000};  // the verb waits up to 5 s for COMMIT

struct PaymentArgs {
  std::string txn;
  std::string utr;
  bool cash = false;
  std::string reason;
  int hours = 48;
};

PaymentArgs& payment_args() {
  static PaymentArgs a;  // CLI11 binds to storage that outlives parse()
  return a;
}

void ask(const Globals& g, const json& request, std::chrono::milliseconds budget,
         std::string (*text)(const json&), int& exit_code) {
  auto c = load_config(g, exit_code);
  if (!c) return;
  std::optional<kiosk::Error> error;
  auto reply = ask_kiosk(*c, request, budget, error);
  if (error) return print_error(g, *error, exit_code);
  if (!reply)
    return print_error(g,
                       {kiosk::Errc::Unavailable,
                        "csc-kiosk is not running: payments are confirmed through the kiosk"},
                       exit_code);
  print(g.json ? reply->dump(2) + "\n" : text(*reply));
  exit_code = static_cast<int>(ExitCode::Ok);
}

std::string list_text(const json& reply) {
  std::string out;
  for (const auto& i : reply["intents"]) {
    const auto total =
        i.value("amount_paise", std::int64_t{0}) + i.value("fee_paise", std::int64_t{0});
    out += i.value("txn_id", "") + "  " + i.value("state", "") + "  " +
           kiosk::receipt::rupees(total) + "  " + i.value("service_id", "") + "  " +
           i.value("created_at", "") + (i.value("on_screen", false) ? "  (on screen now)" : "") +
           "\n";
  }
  return out.empty() ? "no payment intents\n" : out;
}

std::string confirm_text(const json& reply) {
  if (reply.value("outcome", "") == "completed")
    return "payment confirmed; the citizen's receipt: " + reply.value("receipt_no", "") + "\n";
  return "payment recorded for a citizen who left: failed transaction, receipt " +
         reply.value("receipt_no", "") + " (for the refund)\n";
}

std::string reject_text(const json& reply) {
  return "payment intent " + reply.value("txn_id", "") + " rejected\n";
}

}  // namespace

void register_payment_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  CLI::App* payment = app.add_subcommand("payment", "Confirm or reject citizens' payments");
  payment->require_subcommand(1);
  CLI::App* list = payment->add_subcommand("list", "Payment intents of the last hours");
  list->add_option("--hours", payment_args().hours, "How far back (default 48)")
      ->check(CLI::Range(1, 720));
  list->callback([&g, &exit_code] {
    ask(g, {{"verb", "payment.list"}, {"hours", payment_args().hours}}, kListBudget, list_text,
        exit_code);
  });
  CLI::App* confirm = payment->add_subcommand("confirm", "A payment arrived");
  confirm->add_option("txn", payment_args().txn, "The payment's txn id (the UPI reference)")
      ->required();
  auto* utr = confirm->add_option("--utr", payment_args().utr, "The bank's 12-digit UTR (UPI)");
  auto* cash = confirm->add_flag("--cash", payment_args().cash, "Paid in cash at the counter");
  utr->excludes(cash);
  confirm->callback([&g, &exit_code] {
    if (payment_args().utr.empty() && !payment_args().cash)
      return print_error(g, {kiosk::Errc::InvalidInput, "give --utr N or --cash"}, exit_code);
    json request{{"verb", "payment.confirm"},
                 {"txn_id", payment_args().txn},
                 {"mode", payment_args().cash ? "CASH" : "UPI"}};
    if (!payment_args().cash) request["utr"] = payment_args().utr;
    ask(g, request, kConfirmBudget, confirm_text, exit_code);
  });
  CLI::App* reject = payment->add_subcommand("reject", "No payment came: cancel the intent");
  reject->add_option("txn", payment_args().txn, "The payment's txn id")->required();
  reject->add_option("--reason", payment_args().reason, "Why (for the audit trail)")->required();
  reject->callback([&g, &exit_code] {
    ask(g,
        {{"verb", "payment.reject"},
         {"txn_id", payment_args().txn},
         {"reason", payment_args().reason}},
        kListBudget, reject_text, exit_code);
  });
}

}  // namespace kioskctl

#include "kiosk/operator/payment_verbs.h"

#include <fmt/format.h>

#include <mutex>
#include <thread>

#include "kiosk/core/log.h"

namespace kiosk::op {

namespace {

using nlohmann::json;

// How long a confirmation for the intent on screen waits for the core to commit it.
constexpr std::chrono::milliseconds kOnScreenWait{5000};

struct ListRequest {
  std::int64_t hours = 48;
};
Result<ListRequest> parse_list(const control::Request& r) {
  if (auto only = r.only_fields({"hours"}); !only) return std::unexpected(only.error());
  ListRequest out;
  if (r.has("hours")) {
    auto hours = r.integer("hours", 1, 720);
    if (!hours) return std::unexpected(hours.error());
    out.hours = *hours;
  }
  return out;
}

struct ConfirmRequest {
  std::string txn_id;
  std::string mode;
  std::string ref;
};
Result<ConfirmRequest> parse_confirm(const control::Request& r) {
  if (auto only = r.only_fields({"txn_id", "mode", "utr"}); !only)
    return std::unexpected(only.error());
  auto txn = r.text("txn_id");
  auto mode = r.text("mode");
  auto utr = r.optional_text("utr");
  if (!txn) return std::unexpected(txn.error());
  if (!mode) return std::unexpected(mode.error());
  if (!utr) return std::unexpected(utr.error());
  if (*mode != "UPI" && *mode != "CASH")
    return fail(Errc::InvalidInput, "mode must be UPI or CASH");
  if (*mode == "UPI" && (!*utr || !app::valid_utr(**utr)))
    return fail(Errc::InvalidInput, "a UPI confirmation needs the 12-digit UTR (--utr)");
  if (*mode == "CASH" && *utr) return fail(Errc::InvalidInput, "a cash confirmation takes no UTR");
  std::string ref = *mode == "UPI" ? **utr : "CASH-" + txn->substr(0, 8);
  return ConfirmRequest{std::move(*txn), std::move(*mode), std::move(ref)};
}

struct RejectRequest {
  std::string txn_id;
  std::string reason;
};
Result<RejectRequest> parse_reject(const control::Request& r) {
  if (auto only = r.only_fields({"txn_id", "reason"}); !only) return std::unexpected(only.error());
  auto txn = r.text("txn_id");
  auto reason = r.text("reason");
  if (!txn) return std::unexpected(txn.error());
  if (!reason) return std::unexpected(reason.error());
  if (reason->empty() || reason->size() > 200)
    return fail(Errc::InvalidInput, "the reason must be 1 to 200 characters");
  return RejectRequest{std::move(*txn), std::move(*reason)};
}

// A reply already in its JSON form (the verb registry asks every reply for to_json).
struct Answer {
  json body;
};
json to_json(const Answer& a) {
  return a.body;
}
Result<Answer> answer(Result<json> reply) {
  if (!reply) return std::unexpected(reply.error());
  return Answer{std::move(*reply)};
}

json intent_json(const store::PaymentIntent& i, bool on_screen) {
  return {{"txn_id", i.txn_id},
          {"service_id", i.service_id},
          {"amount_paise", i.amount_paise},
          {"fee_paise", i.fee_paise},
          {"state", store::to_string(i.state)},
          {"created_at", i.created_at},
          {"on_screen", on_screen}};
}

class PaymentVerbs {
 public:
  explicit PaymentVerbs(PaymentVerbContext& c) : c_(c) {}

  Result<json> list(const ListRequest& r);
  Result<json> confirm(const ConfirmRequest& r, const control::Peer& peer);
  Result<json> reject(const RejectRequest& r, const control::Peer& peer);

 private:
  bool on_screen(const std::string& txn_id) const;
  Status open();  // the read connection, on first use
  Result<std::optional<store::PaymentIntent>> intent(const std::string& txn_id);
  Result<json> settle(const ConfirmRequest& r);
  Result<json> confirm_on_screen(const ConfirmRequest& r);
  Result<json> confirm_late(const store::PaymentIntent& intent, const ConfirmRequest& r);
  void audit(const control::Peer& peer, std::string action, std::string subject,
             std::string outcome);

  PaymentVerbContext& c_;
  std::mutex mutex_;  // the read connection, and one confirmation at a time
  std::optional<store::Outbox> outbox_;
};

bool PaymentVerbs::on_screen(const std::string& txn_id) const {
  const auto s = c_.snapshot();
  return s && s->screen == app::Screen::Payment && s->payment && s->payment->txn_id == txn_id;
}

Status PaymentVerbs::open() {
  if (outbox_) return {};
  auto opened = store::Outbox::open(c_.outbox, *c_.clock);
  if (!opened) return std::unexpected(opened.error());
  outbox_.emplace(std::move(*opened));
  return {};
}

Result<std::optional<store::PaymentIntent>> PaymentVerbs::intent(const std::string& txn_id) {
  if (auto s = open(); !s) return std::unexpected(s.error());
  return outbox_->intake().intent(txn_id);
}

Result<json> PaymentVerbs::list(const ListRequest& r) {
  std::lock_guard lock(mutex_);
  if (auto s = open(); !s) return std::unexpected(s.error());
  const auto since = c_.clock->wall_now() - std::chrono::hours(r.hours);
  auto intents = outbox_->intake().intents(store::unix_ms(since));
  if (!intents) return std::unexpected(intents.error());
  json rows = json::array();
  for (const auto& i : *intents) rows.push_back(intent_json(i, on_screen(i.txn_id)));
  return json{{"intents", rows}};
}

// The core commits it as the demo button would; the answer waits for that COMMIT, read
// back from the intent's state, so "completed" is said only of what is on disk.
Result<json> PaymentVerbs::confirm_on_screen(const ConfirmRequest& r) {
  c_.core->post(app::RemotePaymentReceived{r.txn_id, r.mode, r.ref});
  const auto until = std::chrono::steady_clock::now() + kOnScreenWait;
  while (std::chrono::steady_clock::now() < until) {
    auto now = intent(r.txn_id);
    if (!now) return std::unexpected(now.error());
    if (*now && (*now)->state == store::IntentState::Confirmed) {
      const auto s = c_.snapshot();
      return json{{"outcome", "completed"},
                  {"txn_id", r.txn_id},
                  {"receipt_no", s ? s->receipt_no : std::string()}};
    }
    if (*now && (*now)->state != store::IntentState::Awaiting) return json();  // the citizen left
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fail(Errc::Timeout,
              "the kiosk did not commit the payment in time; run `kioskctl "
              "payment list` and confirm again");
}

Result<json> PaymentVerbs::confirm_late(const store::PaymentIntent& intent,
                                        const ConfirmRequest& r) {
  store::NewTransaction t;
  t.txn_id = intent.txn_id;
  t.service_id = intent.service_id;
  t.completed = false;
  t.failure_reason = std::string(kCitizenLeftEn);
  t.failure_reason_hi = std::string(kCitizenLeftHi);
  t.amount_paise = intent.amount_paise;
  t.fee_paise = intent.fee_paise;
  t.payment_mode = r.mode;
  t.payment_ref = r.ref;
  t.consent = {"", "", store::rfc3339_ist(c_.clock->wall_now())};
  if (c_.receipt_for) t.receipt = c_.receipt_for(intent.service_id);
  auto committed = c_.writer->settle_and_commit(intent.txn_id, t);
  if (!committed) return std::unexpected(committed.error());
  return json{{"outcome", "failed"},
              {"failure_reason", std::string(kCitizenLeftEn)},
              {"txn_id", intent.txn_id},
              {"receipt_no", committed->receipt_no}};
}

Result<json> PaymentVerbs::confirm(const ConfirmRequest& r, const control::Peer& peer) {
  std::lock_guard lock(mutex_);
  auto reply = settle(r);
  audit(peer, "payment.confirm", r.txn_id,
        reply ? fmt::format("ok: {} {}", r.mode, (*reply)["outcome"].get<std::string>())
              : "refused: " + reply.error().message);
  return reply;
}

Result<json> PaymentVerbs::settle(const ConfirmRequest& r) {
  auto found = intent(r.txn_id);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(Errc::NotFound, fmt::format("no payment intent {}", r.txn_id));
  if ((*found)->state == store::IntentState::Confirmed)
    return fail(Errc::InvalidInput, fmt::format("payment {} is already confirmed", r.txn_id));
  if (on_screen(r.txn_id)) {
    auto reply = confirm_on_screen(r);
    if (!reply || !reply->is_null()) return reply;
  }
  return confirm_late(**found, r);  // the citizen is gone
}

Result<json> PaymentVerbs::reject(const RejectRequest& r, const control::Peer& peer) {
  std::lock_guard lock(mutex_);
  if (on_screen(r.txn_id))
    return fail(Errc::Busy, "the citizen is at the payment screen: let them cancel, or wait");
  Status s = c_.writer->reject_intent(r.txn_id);
  audit(peer, "payment.reject", r.txn_id, s ? "ok: " + r.reason : "failed: " + s.error().message);
  if (!s) return std::unexpected(s.error());
  return json{{"outcome", "rejected"}, {"txn_id", r.txn_id}};
}

void PaymentVerbs::audit(const control::Peer& peer, std::string action, std::string subject,
                         std::string outcome) {
  if (c_.audit == nullptr) return;
  std::lock_guard lock(c_.audit->mutex);
  if (auto s = c_.audit->store.audit({0, c_.clock->wall_now(), actor_of(peer), std::move(action),
                                      std::move(subject), std::move(outcome)});
      !s)
    log::error("operator", "audit row not written: {}", s.error().message);
}

}  // namespace

void register_payment_verbs(control::VerbRegistry& verbs, PaymentVerbContext& context) {
  auto impl = std::make_shared<PaymentVerbs>(context);
  verbs.add({"payment.list", control::Access::Change, std::chrono::milliseconds(2000),
             "payment intents of the last hours, with their state"},
            parse_list,
            [impl](const ListRequest& r, const control::Peer&) { return answer(impl->list(r)); });
  verbs.add({"payment.confirm", control::Access::Change, std::chrono::milliseconds(8000),
             "a payment arrived: complete it on screen, or record it for a citizen who left"},
            parse_confirm, [impl](const ConfirmRequest& r, const control::Peer& p) {
              return answer(impl->confirm(r, p));
            });
  verbs.add({"payment.reject", control::Access::Change, std::chrono::milliseconds(2000),
             "no payment came: cancel the intent"},
            parse_reject, [impl](const RejectRequest& r, const control::Peer& p) {
              return answer(impl->reject(r, p));
            });
}

}  // namespace kiosk::op

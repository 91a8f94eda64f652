// The control socket's payment verbs (docs/cli.md, docs/operator.md), for
// `kioskctl payment list | confirm | reject`. All are change verbs (operators only) and
// every confirmation and rejection is audited with the peer's uid.
//
//   payment.list     {"hours"?: 1–720}: intents changed in the last hours (48), newest first
//   payment.confirm  {"txn_id", "mode": "UPI"|"CASH", "utr"?}: a payment arrived.
//                    The intent the citizen waits for on screen: the same as the demo's
//                    "I have paid" (a completed transaction, the receipt on screen).
//                    An intent whose citizen left (expired, cancelled, or a transaction
//                    that could not be saved): a *failed* transaction, "paid, citizen
//                    left", with a receipt, so that the refund can be traced.
//   payment.reject   {"txn_id", "reason"}: no payment came; the intent is cancelled
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/commands.h"
#include "kiosk/control/verbs.h"
#include "kiosk/operator/operator_verbs.h"
#include "kiosk/store/outbox_writer.h"

namespace kiosk::op {

// Why a late transaction failed, in both languages (the transaction and its receipt).
inline constexpr std::string_view kCitizenLeftEn = "paid, citizen left";
inline constexpr std::string_view kCitizenLeftHi = "भुगतान हुआ, नागरिक चले गए";

struct PaymentVerbContext {
  store::OutboxWriter* writer = nullptr;
  store::OutboxOptions outbox;  // the verbs' own read connection
  SharedStore* audit = nullptr;
  app::CommandSink* core = nullptr;
  std::function<std::shared_ptr<const app::Snapshot>()> snapshot;
  // The receipt for a late transaction of this service (nullopt: no printer).
  std::function<std::optional<store::ReceiptRequest>(const std::string& service_id)> receipt_for;
  const Clock* clock = nullptr;
};

void register_payment_verbs(control::VerbRegistry& verbs, PaymentVerbContext& context);

}  // namespace kiosk::op

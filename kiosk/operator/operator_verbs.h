// The control socket's operator verbs (docs/cli.md):
//   operator.set-pin  {"hash": "$argon2id$…"}: kioskctl checked the PIN's rules and hashed
//                     it; the PIN itself never crosses the socket or enters the kiosk
//   audit.list        {"since"?: RFC 3339, "limit"?: 1–10000}: the audit trail, oldest first
// Both are change verbs (operators only), and both are audited with the peer's uid.
#pragma once

#include <mutex>

#include "kiosk/control/verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/operator/operator_store.h"

namespace kiosk::op {

// The store shared by the control workers (and the operator screens): one connection, one
// lock.
struct SharedStore {
  explicit SharedStore(OperatorStore s) : store(std::move(s)) {}
  std::mutex mutex;
  OperatorStore store;
};

// "uid:1000"
std::string actor_of(const control::Peer& peer);

void register_operator_verbs(control::VerbRegistry& verbs, SharedStore& shared, const Clock& clock);

}  // namespace kiosk::op

// Verbs about the kiosk process itself:
//   health                    (read)    each thread's faults, forks seen, the build's options
//   fault {"thread": NAME}    (change)  makes that thread throw once (KIOSK_FAULT_INJECTION
//                                       builds only; elsewhere the verb does not exist)
#pragma once

#include <string>
#include <vector>

#include "kiosk/control/verbs.h"
#include "kiosk/core/thread_guard.h"

namespace kiosk::control {

struct HealthReply {
  std::vector<threads::ThreadHealth> threads;
  std::uint64_t forks = 0;
  bool fault_injection = false;
};
nlohmann::json to_json(const HealthReply& reply);

struct FaultRequest {
  std::string thread;
  std::chrono::milliseconds freeze{0};  // "freeze_s": hang instead of throwing
};
Result<FaultRequest> parse_fault(const Request& request);

struct FaultReply {
  std::string thread;
};
nlohmann::json to_json(const FaultReply& reply);

void register_system_verbs(VerbRegistry& verbs);

}  // namespace kiosk::control

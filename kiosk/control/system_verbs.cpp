#include "kiosk/control/system_verbs.h"

#include "kiosk/core/close_on_fork.h"

namespace kiosk::control {

using nlohmann::json;

json to_json(const HealthReply& reply) {
  json threads = json::array();
  for (const auto& t : reply.threads) {
    threads.push_back({{"name", t.name},
                       {"instances", t.instances},
                       {"faults", t.faults},
                       {"last_fault", t.last_fault},
                       {"stopped", t.stopped}});
  }
  return {{"threads", threads}, {"forks", reply.forks}, {"fault_injection", reply.fault_injection}};
}

Result<FaultRequest> parse_fault(const Request& request) {
  if (auto only = request.only_fields({"thread", "freeze_s"}); !only)
    return std::unexpected(only.error());
  auto thread = request.text("thread");
  if (!thread) return std::unexpected(thread.error());
  FaultRequest out{std::move(*thread)};
  if (request.has("freeze_s")) {
    auto seconds = request.integer("freeze_s", 1, 120);
    if (!seconds) return std::unexpected(seconds.error());
    out.freeze = std::chrono::seconds(*seconds);
  }
  return out;
}

json to_json(const FaultReply& reply) {
  return {{"armed", reply.thread}};
}

void register_system_verbs(VerbRegistry& verbs) {
  verbs.add({"health", Access::Read, std::chrono::milliseconds(1000),
             "threads and their faults, forks, build options"},
            parse_no_fields, [](const NoFields&, const Peer&) {
              return Result<HealthReply>(HealthReply{threads::health(), close_on_fork::forks_seen(),
                                                     threads::fault_injection_built()});
            });
  if (!threads::fault_injection_built()) return;
  verbs.add({"fault", Access::Change, std::chrono::milliseconds(1000),
             "make one thread throw once, or hang for freeze_s (tests and demo builds)"},
            parse_fault, [](const FaultRequest& request, const Peer&) -> Result<FaultReply> {
              if (auto armed = threads::arm(request.thread, request.freeze); !armed)
                return std::unexpected(armed.error());
              return FaultReply{request.thread};
            });
}

}  // namespace kiosk::control

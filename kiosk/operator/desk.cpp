#include "kiosk/operator/desk.h"

#include "kiosk/core/log.h"

namespace kiosk::op {

namespace {

app::PinVerdict verdict_of(PinOutcome outcome) {
  switch (outcome) {
    case PinOutcome::Accepted:
      return app::PinVerdict::Accepted;
    case PinOutcome::Wrong:
      return app::PinVerdict::Wrong;
    case PinOutcome::LockedOut:
      return app::PinVerdict::LockedOut;
    case PinOutcome::NoPin:
      return app::PinVerdict::NoPin;
  }
  return app::PinVerdict::Failed;
}

}  // namespace

Desk::Desk(DeskSources sources, const Clock& clock, app::CommandSink& core)
    : sources_(std::move(sources)),
      clock_(clock),
      core_(core),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

Desk::~Desk() {
  thread_.request_stop();
  wake_.notify_all();
}

void Desk::enqueue(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

// One job at a time, in order. A job that throws is logged and answered by nobody: the
// core's view then waits for the operator's next tap, and the kiosk goes on.
void Desk::loop(std::stop_token stop) {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [&] { return !jobs_.empty(); })) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& e) {
      log::error("operator", "an operator job failed: {}", e.what());
    } catch (...) {
      log::error("operator", "an operator job failed");
    }
  }
}

void Desk::ask_entry(std::uint64_t job) {
  enqueue([this, job] {
    bool pin_set = false;
    if (sources_.store != nullptr) {
      std::lock_guard lock(sources_.store->mutex);
      auto has = sources_.store->store.has_pin();
      if (!has) log::error("operator", "cannot read the PIN state: {}", has.error().message);
      pin_set = has && *has;
    }
    core_.post(app::OperatorEntryAnswer{job, pin_set});
  });
}

// The lockout and the hash live in the store (operator_store.h), which audits the entry
// or the wrong PIN itself. The PIN's Secret is zeroed when this job ends.
void Desk::check_pin(std::uint64_t job, Secret pin) {
  auto shared = std::make_shared<Secret>(std::move(pin));
  enqueue([this, job, shared] {
    app::OperatorPinChecked answer{job, app::PinVerdict::Failed, 0};
    if (sources_.store != nullptr) {
      std::lock_guard lock(sources_.store->mutex);
      const auto now = clock_.wall_now();
      auto attempt = sources_.store->store.try_pin(*shared, now, "operator");
      shared->clear();
      if (!attempt) {
        log::error("operator", "cannot check the PIN: {}", attempt.error().message);
      } else {
        answer.verdict = verdict_of(attempt->outcome);
        if (attempt->locked_until && *attempt->locked_until > now)
          answer.wait_s =
              std::chrono::ceil<std::chrono::seconds>(*attempt->locked_until - now).count();
      }
    }
    core_.post(answer);
  });
}

void Desk::load(std::uint64_t job, app::OperatorPage page) {
  enqueue([this, job, page] { core_.post(app::OperatorPageLoaded{job, page_rows(page)}); });
}

void Desk::act(std::uint64_t job, std::string action, std::string subject) {
  enqueue([this, job, action = std::move(action), subject = std::move(subject)] {
    auto answer = run_action(action, subject);
    answer.job = job;
    const bool ok = answer.ok;
    write_audit("operator", "operator." + action, subject, ok ? "ok" : "failed: " + answer.detail);
    core_.post(std::move(answer));
    if (action == "restart" && ok) sources_.restart();  // after the audit row is written
  });
}

void Desk::audit(std::string actor, std::string action, std::string subject, std::string outcome) {
  enqueue([this, actor = std::move(actor), action = std::move(action), subject = std::move(subject),
           outcome = std::move(outcome)] { write_audit(actor, action, subject, outcome); });
}

void Desk::write_audit(const std::string& actor, const std::string& action,
                       const std::string& subject, const std::string& outcome) {
  if (sources_.store == nullptr) return;
  std::lock_guard lock(sources_.store->mutex);
  if (auto s = sources_.store->store.audit({0, clock_.wall_now(), actor, action, subject, outcome});
      !s)
    log::error("operator", "audit row not written: {}", s.error().message);
}

Result<store::Outbox*> Desk::outbox() {
  if (outbox_) return &*outbox_;
  if (!sources_.outbox) return fail(Errc::NotFound, "no outbox is configured");
  auto opened = store::Outbox::open(*sources_.outbox, clock_);
  if (!opened) return std::unexpected(opened.error());
  outbox_.emplace(std::move(*opened));
  return &*outbox_;
}

app::OperatorActionDone Desk::run_action(const std::string& action, const std::string& subject) {
  const auto device = [&](const auto& test, const char* ok_key, const char* failed_key) {
    if (!test) return action_result(false, failed_key, "not available");
    auto answer = test(subject);
    return answer ? action_result(true, ok_key, *answer)
                  : action_result(false, failed_key, answer.error().message);
  };
  if (action == "test-print")
    return device(sources_.test_print, "operator.result.printed", "operator.result.print_failed");
  if (action == "test-scan")
    return device(sources_.test_scan, "operator.result.scanned", "operator.result.no_scan");
  if (action == "test-capture")
    return device(sources_.test_capture, "operator.result.captured",
                  "operator.result.capture_failed");
  if (action == "redrive" || action == "redrive-all") return redrive(subject);
  if (action == "print-report" || action == "export-report") return report_action(action);
  if (action == "restart")
    return sources_.restart
               ? action_result(true, "operator.result.restarting")
               : action_result(false, "operator.result.failed", "restart is not wired");
  return action_result(false, "operator.result.failed", "unknown action " + action);
}

// A dead letter back to pending (one, or every one), and delivery nudged to try now.
app::OperatorActionDone Desk::redrive(const std::string& subject) {
  auto box = outbox();
  if (!box) return action_result(false, "operator.result.failed", box.error().message);
  std::vector<std::string> ids;
  if (subject.empty()) {
    auto dead = (*box)->views().list(true, 1000);
    if (!dead) return action_result(false, "operator.result.failed", dead.error().message);
    for (const auto& item : *dead) ids.push_back(std::to_string(item.id));
  } else {
    ids.push_back(subject);
  }
  for (const auto& id : ids) {
    if (auto s = (*box)->queue().redrive(id); !s)
      return action_result(false, "operator.result.failed", s.error().message);
  }
  if (sources_.nudge_delivery) sources_.nudge_delivery();
  return action_result(true, "operator.result.redriven", std::to_string(ids.size()));
}

}  // namespace kiosk::op

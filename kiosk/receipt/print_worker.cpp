#include "kiosk/receipt/print_worker.h"

#include <pthread.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kiosk/core/log.h"
#include "kiosk/receipt/receipt.h"

namespace kiosk::receipt {

PrintWorker::PrintWorker(PrintWorkerOptions options, const Clock& clock, text::Engine& engine,
                         devices::DevicePort& port, Listener listener)
    : options_(std::move(options)),
      clock_(clock),
      engine_(engine),
      port_(port),
      listener_(std::move(listener)) {
  channel_->worker = this;
  port_.on_printed([channel = channel_](const devices::PrintReport& r) {
    std::lock_guard lock(channel->mutex);
    if (channel->worker != nullptr) channel->worker->on_report(r);
  });
}

PrintWorker::~PrintWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  registration_.reset();
  {
    std::lock_guard lock(channel_->mutex);  // waits for a report being delivered now
    channel_->worker = nullptr;
  }
  port_.on_printed({});
}

void PrintWorker::start() {
  if (options_.printer.empty()) return;  // no receipt printer configured
  registration_.emplace("print", [this] { nudge(); });
  started_ = clock_.steady_now();
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-print");
    threads::run_guarded("print", threads::OnFault::Restart, [this] { loop(); });
  });
}

void PrintWorker::nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

void PrintWorker::reprint(std::string receipt_no) {
  {
    std::lock_guard lock(mutex_);
    reprints_.push_back(std::move(receipt_no));
    nudged_ = true;
  }
  wake_.notify_all();
}

Status printer_connected(const std::vector<drivers::model::DeviceState>& states,
                         const std::string& printer) {
  if (printer.empty()) return fail(Errc::NoDevice, "no receipt printer is configured");
  for (const auto& state : states) {
    if (state.name != printer) continue;
    if (state.status == drivers::model::Status::NoDevice)
      return fail(Errc::NoDevice, "the receipt printer " + state.name + " is not connected" +
                                      (state.detail.empty() ? "" : ": " + state.detail));
    return {};
  }
  return fail(Errc::NoDevice, "no device entry named " + printer);
}

Result<std::optional<devices::PrintReport>> PrintWorker::print_test(
    const ReceiptData& receipt, std::chrono::milliseconds wait) {
  auto test = std::make_shared<TestPrint>();
  test->content = receipt;
  return print_between_jobs(std::move(test), wait);
}

Result<std::optional<devices::PrintReport>> PrintWorker::print_lines(
    std::vector<std::string> lines, std::chrono::milliseconds wait) {
  auto document = std::make_shared<TestPrint>();
  document->content = std::move(lines);
  return print_between_jobs(std::move(document), wait);
}

Result<std::optional<devices::PrintReport>> PrintWorker::print_between_jobs(
    std::shared_ptr<TestPrint> test, std::chrono::milliseconds wait) {
  if (auto connected = printer_connected(port_.states(), options_.printer); !connected)
    return std::unexpected(connected.error());
  auto outcome = test->outcome.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return fail(Errc::Unavailable, "the kiosk is stopping");
    test->job_id = next_test_id_--;
    tests_.push_back(test);
    nudged_ = true;
  }
  wake_.notify_all();
  if (outcome.wait_for(wait) == std::future_status::ready) return outcome.get();
  std::lock_guard lock(mutex_);  // not started yet: it never prints after the caller left
  if (auto it = std::find(tests_.begin(), tests_.end(), test); it != tests_.end()) {
    tests_.erase(it);
    return fail(Errc::Timeout, "the printer was busy with receipts; try again");
  }
  return std::optional<devices::PrintReport>{};  // sent, but no outcome within `wait`
}

void PrintWorker::on_report(const devices::PrintReport& report) {
  {
    std::lock_guard lock(mutex_);
    report_ = report;
  }
  wake_.notify_all();
}

void PrintWorker::loop() {
  auto outbox = store::Outbox::open(options_.outbox, clock_);
  if (!outbox) {
    log::error("print", "receipts cannot be printed: {}", outbox.error().message);
    return;
  }
  if (auto recovered = outbox->print_jobs().recover_interrupted(); recovered && *recovered > 0)
    log::warn("print", "{} receipt(s) were being printed when the kiosk stopped: unknown",
              *recovered);
  for (;;) {
    registration_->checkpoint();
    pass(*outbox);
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.recheck, [this] { return stopping_ || nudged_; });
    if (stopping_) return;
    nudged_ = false;
  }
}

// Test receipts, reprints asked for, then every queued job of the printer, oldest first.
void PrintWorker::pass(store::Outbox& outbox) {
  print_tests();
  auto jobs = outbox.print_jobs();
  for (;;) {
    std::optional<std::string> asked;
    {
      std::lock_guard lock(mutex_);
      if (!reprints_.empty()) {
        asked = std::move(reprints_.front());
        reprints_.pop_front();
      }
    }
    if (!asked) break;
    if (auto again = jobs.reprint(*asked); !again) {
      log::warn("print", "reprint of {} refused: {}", *asked, again.error().message);
      tell_stored(jobs, *asked);  // whoever asked sees the receipt as it really is
    } else {
      tell(*asked, store::JobState::Queued, "");
    }
  }
  if (!printer_known()) return;    // the first device pass has not found it yet
  for (int i = 0; i < 100; ++i) {  // bounded: the rest waits for the next pass
    auto next = jobs.next_queued(options_.printer);
    if (!next || !*next) return;
    print_one(outbox, **next);
  }
}

void PrintWorker::print_tests() {
  for (;;) {
    std::shared_ptr<TestPrint> test;
    {
      std::lock_guard lock(mutex_);
      if (tests_.empty()) return;
      test = std::move(tests_.front());
      tests_.pop_front();
    }
    if (const auto* receipt = std::get_if<ReceiptData>(&test->content)) {
      log::info("print", "test receipt {}", receipt->receipt_no);
      test->outcome.set_value(send(*receipt, test->job_id));
    } else {
      const auto& lines = std::get<std::vector<std::string>>(test->content);
      log::info("print", "a document of {} line(s)", lines.size());
      test->outcome.set_value(
          send_image(lines_image(engine_, lines, options_.width_dots, test->job_id), test->job_id));
    }
  }
}

// Lays one receipt out and hands it to the printer (send_image).
std::optional<devices::PrintReport> PrintWorker::send(Result<ReceiptData> receipt,
                                                      std::int64_t job_id) {
  return send_image(
      receipt ? receipt_image(engine_, *receipt, options_.width_dots, options_.native_qr, job_id)
              : Result<devices::PrintImage>(std::unexpected(receipt.error())),
      job_id);
}

// Hands one laid-out image to the printer: the driver's outcome, a failure of its own (a
// layout or port error), or nullopt when no outcome came within the job timeout.
std::optional<devices::PrintReport> PrintWorker::send_image(Result<devices::PrintImage> image,
                                                            std::int64_t job_id) {
  if (!image)
    return devices::PrintReport{job_id, devices::PrintOutcome::Failed, image.error().message};
  if (auto queued = port_.print(options_.printer, std::move(*image)); !queued)
    return devices::PrintReport{job_id, devices::PrintOutcome::Failed, queued.error().message};
  if (auto report = wait_outcome(job_id)) return report;
  // No outcome in time. One the printer never started is taken back, so it can never
  // print by itself later; one it started may have printed in part: unknown.
  if (port_.withdraw(options_.printer, job_id))
    return devices::PrintReport{job_id, devices::PrintOutcome::Failed,
                                "the printer did not start the receipt in time"};
  return std::nullopt;
}

void PrintWorker::print_one(store::Outbox& outbox, const store::PrintJob& job) {
  auto jobs = outbox.print_jobs();
  if (auto s = jobs.set_state(job.id, store::JobState::Sending); !s) return;
  tell(job.receipt_no, store::JobState::Sending, "");
  const auto report =
      send(receipt_from_json(nlohmann::json::parse(job.fields_json, nullptr, false)), job.id);
  const auto state = !report                                            ? store::JobState::Unknown
                     : report->outcome == devices::PrintOutcome::Done   ? store::JobState::Done
                     : report->outcome == devices::PrintOutcome::Failed ? store::JobState::Failed
                                                                        : store::JobState::Unknown;
  const std::string reason = report ? report->reason : "the printer did not answer in time";
  if (auto s = jobs.set_state(job.id, state, reason); !s)
    log::error("print", "receipt {}: outcome not stored: {}", job.receipt_no, s.error().message);
  tell(job.receipt_no, state, reason);
}

std::optional<devices::PrintReport> PrintWorker::wait_outcome(std::int64_t job_id) {
  std::unique_lock lock(mutex_);
  const bool got = wake_.wait_for(lock, options_.job_timeout, [&] {
    return stopping_ || (report_ && report_->job_id == job_id);
  });
  if (!got || stopping_ || !report_) return std::nullopt;
  auto report = std::exchange(report_, std::nullopt);
  return report;
}

// At start the device thread has not looked for the printer yet (status unknown): jobs wait
// for it, up to kStartGrace, instead of failing as "not connected" in the first second.
bool PrintWorker::printer_known() const {
  if (clock_.steady_now() - started_ >= kStartGrace) return true;
  const auto states = port_.states();
  return std::ranges::any_of(states, [this](const drivers::model::DeviceState& s) {
    return s.name == options_.printer && s.status != drivers::model::Status::Unknown;
  });
}

void PrintWorker::tell_stored(store::PrintJobs& jobs, const std::string& receipt_no) {
  auto latest = jobs.latest(receipt_no);
  if (latest && *latest) tell(receipt_no, (*latest)->state, (*latest)->reason);
}

void PrintWorker::tell(const std::string& receipt_no, store::JobState state, std::string reason) {
  log::info("print", "receipt {}: {}{}", receipt_no, store::to_string(state),
            reason.empty() ? "" : " (" + reason + ")");
  if (listener_) listener_({receipt_no, state, std::move(reason)});
}

}  // namespace kiosk::receipt

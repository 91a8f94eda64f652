#include "kiosk/biometric/auth_worker.h"

#include "kiosk/biometric/reader_monitor.h"
#include "kiosk/core/log.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/sync/syncer.h"

namespace kiosk::biometric {

AuthWorker::AuthWorker(AuthWorkerSettings settings, ReaderMonitor* monitor, Done done, Stage stage)
    : settings_(std::move(settings)),
      monitor_(monitor),
      done_(std::move(done)),
      stage_(std::move(stage)),
      rd_(settings_.rd),
      auth_(settings_.http, settings_.backend_url) {
  thread_ = std::thread(
      [this] { threads::run_guarded("auth", threads::OnFault::Restart, [this] { run(); }); });
}

AuthWorker::~AuthWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool AuthWorker::submit(AuthJob job) {
  {
    std::lock_guard lock(mutex_);
    if (busy_ || job_) return false;
    job_ = std::move(job);
  }
  wake_.notify_all();
  return true;
}

void AuthWorker::update_backend(std::string backend_url, net::HttpOptions http) {
  std::lock_guard lock(mutex_);
  new_backend_.emplace(std::move(backend_url), std::move(http));
}

void AuthWorker::run() {
  threads::Registration registration("auth", [this] { wake_.notify_all(); });
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    registration.checkpoint();
    wake_.wait(lock, [this] { return stopping_ || job_.has_value(); });
    if (stopping_) break;
    AuthJob job = std::move(*job_);
    job_.reset();
    busy_ = true;
    auto backend = std::exchange(new_backend_, std::nullopt);
    lock.unlock();
    if (backend) auth_ = AuthClient(backend->second, backend->first);
    const AuthOutcome outcome = perform(job);
    job.uid.clear();  // zeroed now; freed (and zeroed again) with the job
    lock.lock();
    busy_ = false;
    lock.unlock();
    done_(outcome);
    lock.lock();
  }
}

// Capture, then relay. Only codes and references are logged, never the number or the block.
AuthOutcome AuthWorker::perform(AuthJob& job) {
  AuthOutcome outcome;
  outcome.id = job.id;
  auto endpoint = monitor_ != nullptr ? monitor_->endpoint() : std::nullopt;
  if (!endpoint || endpoint->service.status != RdStatus::Ready) {
    auto found = rd_.discover();
    if (found) endpoint = *found;
  }
  if (!endpoint) {
    outcome.message_key = no_rd_service().citizen_key;
    return outcome;
  }
  auto capture = rd_.capture(*endpoint);
  if (!capture) {
    const auto& meaning = capture.error().meaning;
    log::info("auth", "capture failed: {} ({})", meaning.name, capture.error().detail);
    if (monitor_ != nullptr && meaning.code > 0) monitor_->capture_failed(meaning.code);
    outcome.message_key = meaning.citizen_key;
    outcome.retry = meaning.recovery == RdRecovery::RetryCapture;
    return outcome;
  }
  if (stage_) stage_(job.id, "sending");
  auto token = sync::read_token(settings_.token_file);
  if (!token) {
    log::warn("auth", "no token: {}", token.error().message);
    outcome.message_key = "fingerprint.auth.unavailable";
    return outcome;
  }
  const AuthParts parts{settings_.kiosk_id, job.txn_id, job.uid.view(), capture->pid_block.view(),
                        job.consent};
  auto answer = auth_.authenticate(parts, *token);
  if (!answer) {
    log::warn("auth", "authentication not done: {}", answer.error().message);
    outcome.message_key = "fingerprint.auth.unavailable";
    outcome.retry = true;
    return outcome;
  }
  log::info("auth", "authentication answered {}{}", answer->yes ? "y" : "n",
            answer->yes ? "" : " (" + answer->error_code + ")");
  outcome.verified = answer->yes;
  outcome.auth_ref = answer->auth_ref;
  if (!answer->yes) {
    outcome.message_key = auth_refusal_key(answer->error_code);
    outcome.retry = answer->error_code == "300";  // a mismatch may be a poor placement
  }
  return outcome;
}

}  // namespace kiosk::biometric

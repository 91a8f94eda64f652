#include "kiosk/app/lookup_worker.h"

#include "kiosk/core/log.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/forms/masks.h"
#include "kiosk/sync/syncer.h"

namespace kiosk::app {
namespace {

net::HttpOptions for_lookups(net::HttpOptions http) {
  http.total_timeout = std::min<std::chrono::milliseconds>(http.total_timeout, kLookupTimeout);
  http.connect_timeout = std::min(http.connect_timeout, http.total_timeout);
  return http;
}

}  // namespace

LookupWorker::LookupWorker(LookupWorkerSettings settings, const Clock& clock, Post post)
    : settings_(std::move(settings)), clock_(clock), post_(std::move(post)) {
  thread_ = std::thread(
      [this] { threads::run_guarded("lookup", threads::OnFault::Restart, [this] { run(); }); });
}

LookupWorker::~LookupWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool LookupWorker::fetch_bill(std::uint64_t job, std::string biller_id, std::string consumer_no) {
  return submit({job, true, std::move(biller_id), std::move(consumer_no), {}});
}

bool LookupWorker::look_up_status(std::uint64_t job, std::string receipt_no) {
  return submit({job, false, {}, {}, std::move(receipt_no)});
}

bool LookupWorker::submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    job_ = std::move(job);  // a queued job not yet started is replaced: the newer one wins
  }
  wake_.notify_all();
  return true;
}

void LookupWorker::update_backend(std::string backend_url, net::HttpOptions http) {
  std::lock_guard lock(mutex_);
  settings_.backend_url = std::move(backend_url);
  settings_.http = std::move(http);
  backend_changed_ = true;
}

void LookupWorker::run() {
  threads::Registration registration("lookup", [this] { wake_.notify_all(); });
  std::unique_lock lock(mutex_);
  services::LookupClient client(for_lookups(settings_.http), settings_.backend_url);
  while (!stopping_) {
    registration.checkpoint();
    wake_.wait(lock, [this] { return stopping_ || job_.has_value(); });
    if (stopping_) break;
    Job job = std::move(*job_);
    job_.reset();
    if (std::exchange(backend_changed_, false))
      client = services::LookupClient(for_lookups(settings_.http), settings_.backend_url);
    lock.unlock();
    Command answer = perform(job, client);
    post_(std::move(answer));
    lock.lock();
  }
}

Command LookupWorker::perform(const Job& job, services::LookupClient& client) {
  auto token = sync::read_token(settings_.token_file);
  if (!token) log::warn("lookup", "no token: {}", token.error().message);
  const std::string bearer = token ? *token : std::string();
  if (!job.bill) return status_answer(job, client, bearer);
  auto bill = token ? client.fetch_bill(job.biller_id, job.consumer_no, bearer)
                    : std::expected<services::Bill, services::LookupFailure>(
                          std::unexpect, services::LookupFailure::Unreachable);
  if (!bill) return BillAnswered{job.id, std::nullopt, std::string(to_string(bill.error()))};
  bill->consumer_name = forms::mask_name(bill->consumer_name);  // the full name stays here
  return BillAnswered{job.id, std::move(*bill), {}};
}

// The backend's answer when it has one; what this kiosk's own receipts say otherwise.
Command LookupWorker::status_answer(const Job& job, services::LookupClient& client,
                                    const std::string& token) {
  auto status = token.empty() ? std::expected<services::ApplicationStatus, services::LookupFailure>(
                                    std::unexpect, services::LookupFailure::Unreachable)
                              : client.look_up_status(job.receipt_no, token);
  if (status) return StatusAnswered{job.id, std::move(*status), std::nullopt, {}};
  return StatusAnswered{job.id, std::nullopt, local_receipt(job.receipt_no),
                        std::string(to_string(status.error()))};
}

std::optional<store::LocalReceipt> LookupWorker::local_receipt(const std::string& receipt_no) {
  if (settings_.outbox.database.empty()) return std::nullopt;
  if (!outbox_) {
    auto opened = store::Outbox::open(settings_.outbox, clock_);
    if (!opened) {
      log::warn("lookup", "receipt index unavailable: {}", opened.error().message);
      return std::nullopt;
    }
    outbox_.emplace(std::move(*opened));
  }
  auto found = outbox_->views().receipt(receipt_no);
  if (!found) {
    log::warn("lookup", "receipt index: {}", found.error().message);
    return std::nullopt;
  }
  return *found;
}

}  // namespace kiosk::app

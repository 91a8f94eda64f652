#include "drivers/printer/print_queue.h"

#include <algorithm>

namespace drivers::printer {

void PrintQueue::set_on_result(OnResult on_result) {
  std::lock_guard lock(mutex_);
  on_result_ = std::move(on_result);
}

void PrintQueue::set_on_submit(OnSubmit on_submit) {
  std::lock_guard lock(mutex_);
  on_submit_ = std::move(on_submit);
}

bool PrintQueue::submit(PrintRequest request) {
  OnSubmit wake;
  {
    std::lock_guard lock(mutex_);
    if (!attached_) return false;
    jobs_.push_back(std::move(request));
    wake = on_submit_;
  }
  if (wake) wake();
  return true;
}

std::optional<PrintRequest> PrintQueue::take() {
  std::lock_guard lock(mutex_);
  if (jobs_.empty()) return std::nullopt;
  auto job = std::move(jobs_.front());
  jobs_.pop_front();
  return job;
}

bool PrintQueue::empty() const {
  std::lock_guard lock(mutex_);
  return jobs_.empty();
}

bool PrintQueue::cancel(std::int64_t id) {
  std::lock_guard lock(mutex_);
  const auto it =
      std::find_if(jobs_.begin(), jobs_.end(), [id](const PrintRequest& r) { return r.id == id; });
  if (it == jobs_.end()) return false;
  jobs_.erase(it);
  return true;
}

void PrintQueue::attach() {
  std::lock_guard lock(mutex_);
  attached_ = true;
}

void PrintQueue::detach(const std::string& reason) {
  std::deque<PrintRequest> waiting;
  {
    std::lock_guard lock(mutex_);
    attached_ = false;
    waiting.swap(jobs_);
  }
  for (const auto& job : waiting) finish({job.id, PrintOutcome::Failed, reason});
}

void PrintQueue::finish(const PrintResult& result) {
  OnResult tell;
  {
    std::lock_guard lock(mutex_);
    tell = on_result_;
  }
  if (tell) tell(result);
}

}  // namespace drivers::printer

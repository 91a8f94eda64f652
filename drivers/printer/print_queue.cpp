#include "drivers/printer/print_queue.h"

namespace drivers::printer {

void PrintQueue::set_on_result(OnResult on_result) {
  std::lock_guard lock(mutex_);
  on_result_ = std::move(on_result);
}

void PrintQueue::set_on_submit(OnSubmit on_submit) {
  std::lock_guard lock(mutex_);
  on_submit_ = std::move(on_submit);
}

void PrintQueue::submit(PrintRequest request) {
  OnSubmit wake;
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(request));
    wake = on_submit_;
  }
  if (wake) wake();
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

void PrintQueue::finish(const PrintResult& result) {
  OnResult tell;
  {
    std::lock_guard lock(mutex_);
    tell = on_result_;
  }
  if (tell) tell(result);
}

}  // namespace drivers::printer

#include "kiosk/control/worker_pool.h"

#include <pthread.h>

namespace kiosk::control {

WorkerPool::WorkerPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (std::size_t i = 0; i < threads; ++i) {
    registrations_.push_back(
        std::make_unique<threads::Registration>("control-worker", [this] { wake_.notify_all(); }));
    threads_.emplace_back([this, self = registrations_.back().get()] {
      pthread_setname_np(pthread_self(), "kiosk-ctl-work");
      threads::run_guarded("control-worker", threads::OnFault::Restart, [&] { work(*self); });
    });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::work(const threads::Registration& self) {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      while (!stopping_ && queue_.empty()) {
        wake_.wait(lock);
        self.checkpoint();  // before taking a job, so an injected fault loses none
      }
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

}  // namespace kiosk::control

// A fixed set of threads that run the control socket's verbs, so a long verb (a USB reset
// takes up to 5 s) never holds up the socket or the other clients. The queue is bounded:
// when it is full, post() says so and the client is told the kiosk is busy.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kiosk/core/thread_guard.h"

namespace kiosk::control {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t max_queued);
  ~WorkerPool();  // waits for the jobs running now; drops the queued ones
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when max_queued jobs already wait.
  bool post(std::function<void()> job);

 private:
  void work(const threads::Registration& self);

  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<threads::Registration>> registrations_;
  std::vector<std::thread> threads_;
};

}  // namespace kiosk::control

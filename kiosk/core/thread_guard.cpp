#include "kiosk/core/thread_guard.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "kiosk/core/log.h"

namespace kiosk::threads {
namespace {

struct Entry {
  std::string name;
  std::function<void()> wake;
  bool armed = false;
  std::chrono::milliseconds freeze{
      0};  // the next checkpoint sleeps this long (the watchdog's test)
};

struct Table {
  std::mutex mutex;
  std::map<std::uint64_t, Entry> live;
  std::map<std::string, ThreadHealth, std::less<>> history;
  std::uint64_t next_id = 1;
};

Table& table() {
  static Table t;  // never destroyed before the threads that use it: function-local static
  return t;
}

std::string describe(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// Runs body once; returns what escaped it, if anything.
std::optional<std::string> run_once(const std::function<void()>& body) noexcept {
  try {
    body();
    return std::nullopt;
  } catch (...) {
    return describe(std::current_exception());
  }
}

void mark_stopped(std::string_view thread) {
  auto& t = table();
  std::lock_guard lock(t.mutex);
  auto [it, _] = t.history.try_emplace(std::string(thread));
  it->second.name = thread;
  it->second.stopped = true;
}

}  // namespace

void record_fault(std::string_view thread, std::string_view what) {
  log::error("threads", "{} thread: uncaught exception: {}", thread, what);
  auto& t = table();
  std::lock_guard lock(t.mutex);
  auto [it, _] = t.history.try_emplace(std::string(thread));
  it->second.name = thread;
  ++it->second.faults;
  it->second.last_fault = what;
}

void run_guarded(std::string_view thread, OnFault on_fault, const std::function<void()>& body) {
  auto pause = std::chrono::milliseconds(200);
  for (;;) {
    const auto escaped = run_once(body);
    if (!escaped) return;
    record_fault(thread, *escaped);
    if (on_fault == OnFault::Stop) {
      log::error("threads", "{} thread stopped; the kiosk goes on without it", thread);
      return mark_stopped(thread);
    }
    log::warn("threads", "{} thread restarts in {} ms", thread, pause.count());
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(5000));
  }
}

Registration::Registration(std::string name, std::function<void()> wake) {
  auto& t = table();
  std::lock_guard lock(t.mutex);
  id_ = t.next_id++;
  t.live.emplace(id_, Entry{std::move(name), std::move(wake)});
}

Registration::~Registration() {
  auto& t = table();
  std::lock_guard lock(t.mutex);
  t.live.erase(id_);
}

bool fault_injection_built() {
#ifdef KIOSK_FAULT_INJECTION
  return true;
#else
  return false;
#endif
}

void Registration::checkpoint() const {
#ifdef KIOSK_FAULT_INJECTION
  bool fire = false;
  std::chrono::milliseconds freeze{0};
  {
    auto& t = table();
    std::lock_guard lock(t.mutex);
    if (auto it = t.live.find(id_); it != t.live.end()) {
      fire = std::exchange(it->second.armed, false);
      freeze = std::exchange(it->second.freeze, std::chrono::milliseconds(0));
    }
  }
  if (freeze.count() > 0) {  // a hung thread, as the watchdog must notice it
    log::warn("threads", "thread frozen for {} ms by the fault verb", freeze.count());
    std::this_thread::sleep_for(freeze);
  }
  if (fire) throw std::runtime_error("fault injected by the control socket's fault verb");
#endif
}

Status arm(std::string_view thread, std::chrono::milliseconds freeze) {
  if (!fault_injection_built())
    return fail(Errc::NotFound, "this build has no fault injection (KIOSK_FAULT_INJECTION)");
  bool found = false;
  auto& t = table();
  // Wakes run under the table lock, so a Registration cannot go (and take what its wake
  // touches with it) while its wake runs. Wakes therefore never block or register.
  std::lock_guard lock(t.mutex);
  for (auto& [id, entry] : t.live) {
    if (entry.name != thread) continue;
    found = true;
    if (freeze.count() > 0)
      entry.freeze = freeze;
    else
      entry.armed = true;
    if (entry.wake) entry.wake();
  }
  if (!found) return fail(Errc::NotFound, fmt::format("no thread named \"{}\" runs", thread));
  return {};
}

std::vector<ThreadHealth> health() {
  auto& t = table();
  std::lock_guard lock(t.mutex);
  std::map<std::string, ThreadHealth, std::less<>> by_name = t.history;
  for (const auto& [id, entry] : t.live) {
    auto& h = by_name[entry.name];
    h.name = entry.name;
    ++h.instances;
  }
  std::vector<ThreadHealth> out;
  for (auto& [name, h] : by_name) out.push_back(std::move(h));
  return out;
}

}  // namespace kiosk::threads

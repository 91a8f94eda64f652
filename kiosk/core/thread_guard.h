// No exception ends the kiosk. Every thread the program starts runs its body through
// run_guarded(): an exception that escapes is logged in one line naming the thread,
// counted (the control socket's `health` verb and `kioskctl status` show the count, so a
// faulting thread is visible to the operator), and the body is started again after a pause
// that doubles up to 5 s — or, for a thread that cannot safely restart, ended visibly.
//
// Fault injection (builds with KIOSK_FAULT_INJECTION, the demo and the tests): arm(name)
// makes the next checkpoint(name) on that thread throw once, so the tests can prove the
// catch above for each thread of the running kiosk. Release packages are built without it;
// then arm() answers NotFound and checkpoint() does nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::threads {

enum class OnFault { Restart, Stop };

// Runs body on the calling thread until it returns normally.
void run_guarded(std::string_view thread, OnFault on_fault, const std::function<void()>& body);

// Counts a fault that a thread caught itself (drivers/ report theirs through a callback).
void record_fault(std::string_view thread, std::string_view what);

// Names a live thread for arm() and health(); `wake` makes it reach its next checkpoint
// soon (a thread blocked on a condition variable never would). It runs under the
// registry's lock: it must not block, and must not create or destroy a Registration.
// Unregisters on destruction; destroy it before whatever its wake touches.
class Registration {
 public:
  Registration(std::string name, std::function<void()> wake);
  ~Registration();
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

  // Throws once if arm() named this thread since its last checkpoint. Call it where an
  // exception is safe to take: at the top of the thread's loop, holding no job.
  void checkpoint() const;

 private:
  std::uint64_t id_;
};

// The next checkpoint of that thread throws once, or, with `freeze`, sleeps that long (a
// hung thread, for the watchdog's test). NotFound when no thread of that name is
// registered, or the build has no fault injection.
Status arm(std::string_view thread, std::chrono::milliseconds freeze = {});
bool fault_injection_built();

struct ThreadHealth {
  std::string name;
  int instances = 0;         // registered now
  std::uint64_t faults = 0;  // exceptions caught since start
  std::string last_fault;    // what() of the last one
  bool stopped = false;      // an OnFault::Stop thread that ended on a fault
};
// Registered threads and threads that ever faulted, by name.
std::vector<ThreadHealth> health();

}  // namespace kiosk::threads

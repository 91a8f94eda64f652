// No exception ends the kiosk (thread_guard), and no child keeps the kiosk's lock
// (close_on_fork).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "kiosk/core/close_on_fork.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/devices/instance_lock.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

const threads::ThreadHealth* find(const std::vector<threads::ThreadHealth>& all,
                                  const std::string& name) {
  for (const auto& h : all)
    if (h.name == name) return &h;
  return nullptr;
}

// A child takes the instance lock, forks a grandchild that never execs (as D-Bus's
// autolaunch helper did when it deadlocked), then exits. Answers whether the lock is
// still held while the grandchild lives.
bool lock_outlives_parent(const std::filesystem::path& lock_path, bool with_close_on_fork) {
  int ready[2];
  REQUIRE(::pipe(ready) == 0);  // not close-on-exec: the grandchild keeps its end on purpose
  const pid_t child = ::fork();
  if (child == 0) {
    if (with_close_on_fork) close_on_fork::install();
    auto lock = devices::InstanceLock::acquire(lock_path);
    if (!lock) ::_exit(2);
    const pid_t grandchild = ::fork();
    if (grandchild == 0) {
      (void)!::write(ready[1], "r", 1);
      ::pause();  // stuck before exec, forever
      ::_exit(0);
    }
    char byte;
    (void)!::read(ready[0], &byte, 1);
    (void)!::write(ready[1], &grandchild, sizeof grandchild);
    ::_exit(0);  // the lock's own fd closes with this process
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  pid_t grandchild = 0;
  REQUIRE(::read(ready[0], &grandchild, sizeof grandchild) == sizeof grandchild);
  ::close(ready[0]);
  ::close(ready[1]);
  REQUIRE(::kill(grandchild, 0) == 0);  // still alive
  const bool held = devices::InstanceLock::held(lock_path);
  ::kill(grandchild, SIGKILL);
  REQUIRE(testing::eventually([&] { return !devices::InstanceLock::held(lock_path); }, 3s));
  return held;
}

}  // namespace

TEST_CASE("A thread body that throws is logged, counted and restarted", "[threads][fault]") {
  std::atomic<int> runs{0};
  std::thread t([&] {
    threads::run_guarded("test-restart", threads::OnFault::Restart, [&] {
      if (++runs < 3) throw std::runtime_error("boom " + std::to_string(runs.load()));
    });
  });
  t.join();
  CHECK(runs == 3);
  const auto all = threads::health();
  const auto* h = find(all, "test-restart");
  REQUIRE(h);
  CHECK(h->faults == 2);
  CHECK(h->last_fault == "boom 2");
  CHECK_FALSE(h->stopped);
}

TEST_CASE("A thread that may not restart ends visibly", "[threads][fault]") {
  std::thread t(
      [] { threads::run_guarded("test-stop", threads::OnFault::Stop, [] { throw 42; }); });
  t.join();
  const auto all = threads::health();
  const auto* h = find(all, "test-stop");
  REQUIRE(h);
  CHECK(h->faults == 1);
  CHECK(h->stopped);
  CHECK(h->last_fault.find("not a std::exception") != std::string::npos);
}

TEST_CASE("An armed thread throws once at its next checkpoint, woken to reach it",
          "[threads][fault][injection]") {
  if (!threads::fault_injection_built()) {
    CHECK(threads::arm("anything").error().code == Errc::NotFound);
    return;
  }
  std::atomic<int> wakes{0};
  threads::Registration reg("test-armed", [&] { ++wakes; });
  CHECK(threads::arm("no-such-thread").error().code == Errc::NotFound);
  CHECK_NOTHROW(reg.checkpoint());
  REQUIRE(threads::arm("test-armed"));
  CHECK(wakes == 1);
  CHECK_THROWS_AS(reg.checkpoint(), std::runtime_error);
  CHECK_NOTHROW(reg.checkpoint());  // once only
  const auto all = threads::health();
  REQUIRE(find(all, "test-armed"));
  CHECK(find(all, "test-armed")->instances == 1);
}

TEST_CASE("A forked child that never execs does not keep the instance lock",
          "[threads][fork][lock]") {
  const auto dir = testing::scratch_dir("close-on-fork");
  // The positive control first: without the fork handlers the stuck grandchild holds it.
  CHECK(lock_outlives_parent(dir / "control.lock", /*with_close_on_fork=*/false));
  CHECK_FALSE(lock_outlives_parent(dir / "fixed.lock", /*with_close_on_fork=*/true));
}

TEST_CASE("The fork handlers count forks and leave inheritable descriptors alone",
          "[threads][fork]") {
  close_on_fork::install();
  const auto before = close_on_fork::forks_seen();
  const int cloexec = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int inherited = ::open("/dev/null", O_RDONLY);
  const pid_t child = ::fork();
  if (child == 0) {
    const bool closed = ::fcntl(cloexec, F_GETFD) < 0;
    const bool kept = ::fcntl(inherited, F_GETFD) >= 0;
    ::_exit(closed && kept ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(close_on_fork::forks_seen() == before + 1);
  ::close(cloexec);
  ::close(inherited);
}

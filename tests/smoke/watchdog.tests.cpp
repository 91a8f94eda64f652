// The systemd watchdog against the real csc-kiosk: with NOTIFY_SOCKET and WATCHDOG_USEC set
// as systemd sets them, the kiosk says READY=1 and pings while idle; freezing its UI loop
// (the fault verb's freeze) stops the pings, and so does freezing its core thread; each
// time they resume once the thread runs again.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "kiosk/control/client.h"
#include "tests/support/eventually.h"
#include "tests/support/kiosk_dir.h"
#include "tests/support/running_kiosk.h"

using namespace kiosk::testing;
using namespace std::chrono_literals;

namespace {

// The service manager's end of NOTIFY_SOCKET: a datagram socket that collects messages.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    timeval tv{0, 200'000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() {
    ::close(fd_);
    std::filesystem::remove(path_);
  }
  // Messages that arrive within `window`.
  std::vector<std::string> collect(std::chrono::milliseconds window) {
    std::vector<std::string> out;
    const auto until = std::chrono::steady_clock::now() + window;
    char buf[512];
    while (std::chrono::steady_clock::now() < until) {
      const auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) out.emplace_back(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

long count(const std::vector<std::string>& messages, std::string_view what) {
  return std::ranges::count_if(
      messages, [&](const std::string& m) { return m.find(what) != std::string::npos; });
}

void freeze(const KioskDir& k, const char* thread, int seconds) {
  auto answer = kiosk::control::request(
      k.socket(), {{"verb", "fault"}, {"thread", thread}, {"freeze_s", seconds}}, 2s);
  INFO((answer ? answer->dump() : answer.error().message));
  REQUIRE(answer);
}

}  // namespace

TEST_CASE(
    "The watchdog is pinged while the kiosk idles and not while its UI loop or core thread is "
    "frozen",
    "[smoke][watchdog][xvfb]") {
  KioskDir k("watchdog");
  // sun_path holds 108 bytes: the socket goes in a short path.
  NotifySocket notify(std::filesystem::path("/tmp") / fmt::format("kiosk-notify-{}", ::getpid()));
  const auto notify_path =
      (std::filesystem::path("/tmp") / fmt::format("kiosk-notify-{}", ::getpid()));
  // 6 s: the pinger looks every 2 s (a third), the shortest look the 1 s beats allow.
  RunningKiosk running(k.config(),
                       {"NOTIFY_SOCKET=" + notify_path.string(), "WATCHDOG_USEC=6000000"});
  INFO(running.log());
  std::vector<std::string> got;
  REQUIRE(eventually(
      [&] {
        auto more = notify.collect(200ms);
        got.insert(got.end(), more.begin(), more.end());
        return count(got, "READY=1") == 1;
      },
      20s));

  const auto idle = notify.collect(5s);
  CHECK(count(idle, "WATCHDOG=1") >= 2);  // idle: a ping every 2 s

  for (const char* thread : {"ui", "core"}) {
    INFO(thread);
    freeze(k, thread, 9);
    (void)notify.collect(2500ms);  // a look may still see the beats from before the freeze
    const auto frozen = notify.collect(4s);
    CHECK(count(frozen, "WATCHDOG=1") == 0);
    std::this_thread::sleep_for(3s);  // the thread wakes after its 9 s
    const auto thawed = notify.collect(5s);
    CHECK(count(thawed, "WATCHDOG=1") >= 1);
  }
}

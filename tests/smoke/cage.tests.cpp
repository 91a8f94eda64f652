// The kiosk session as the service unit starts it: csc-kiosk inside cage, Debian's Wayland
// kiosk compositor. This machine has no seat, no /dev/dri and no systemd as PID 1, so cage
// runs with its headless backend and pixman renderer, and csc-kiosk draws with Mesa's
// software GL through Wayland. cage refuses to run as root, so the session runs as
// `nobody`, as the unit runs it as csc-kiosk. It tells the (test's) service manager
// READY=1 through cage, and its screen is photographed through its own screenshot verb.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/control/client.h"
#include "kiosk/core/file.h"
#include "kiosk/core/image.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

bool runs_as_nobody(const std::string& file) {
  return run_process({"runuser", "-u", "nobody", "--", "test", "-x", file}).exit_code == 0;
}

}  // namespace

TEST_CASE("csc-kiosk runs full-screen inside cage and tells systemd it is ready",
          "[smoke][cage][session]") {
  if (::geteuid() != 0 || !runs_as_nobody(CSC_KIOSK_PATH)) {
    WARN("cage needs a non-root user that can run " << CSC_KIOSK_PATH << ": not tried here");
    return;
  }
  const auto dir = std::filesystem::path("/tmp") / fmt::format("cage-session-{}", ::getpid());
  std::filesystem::create_directories(dir / "xdg");
  std::filesystem::create_directories(dir / "state");
  const json config{{"paths",
                     {{"state_dir", (dir / "state").string()},
                      {"log_dir", (dir / "log").string()},
                      {"control_socket", (dir / "state" / "ctl.sock").string()},
                      {"assets_dir", assets_dir().string()}}},
                    {"devices", json::object()}};
  std::ofstream(dir / "config.json") << config.dump();
  // The service manager's notify socket, writable by the session's user.
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::snprintf(a.sun_path, sizeof a.sun_path, "%s", (dir / "notify").c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  timeval tv{0, 200'000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  REQUIRE(run_process({"chown", "-R", "nobody", dir.string()}).exit_code == 0);
  ::chmod((dir / "notify").c_str(), 0777);

  const std::string command = fmt::format(
      "runuser -u nobody -- env -i PATH=/usr/bin:/bin XDG_RUNTIME_DIR={} "
      "WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman "
      "SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy LIBGL_ALWAYS_SOFTWARE=1 "
      "NOTIFY_SOCKET={} cage -s -- {} --config {} --demo > {} 2>&1 &",
      (dir / "xdg").string(), (dir / "notify").string(), CSC_KIOSK_PATH,
      (dir / "config.json").string(), (dir / "session.log").string());
  REQUIRE(std::system(command.c_str()) == 0);
  struct Stop {
    std::filesystem::path dir;
    ~Stop() {
      (void)std::system(("pkill -TERM -u nobody -f 'cage -s -- .*" + dir.string() + "'").c_str());
    }
  } stop{dir};

  std::string ready;
  CHECK(eventually(
      [&] {
        char buf[256];
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) ready.append(buf, static_cast<std::size_t>(n));
        return ready.find("READY=1") != std::string::npos;
      },
      30s));
  const auto png = artifacts_dir() / "screens" / "cage-welcome.png";
  std::filesystem::create_directories(png.parent_path());
  auto shot =
      kiosk::control::request(dir / "state" / "ctl.sock",
                              {{"verb", "screenshot"}, {"path", (dir / "shot.png").string()}}, 10s);
  INFO(kiosk::read_text_file(dir / "session.log").value_or(""));
  REQUIRE(shot);
  auto image = kiosk::read_png(dir / "shot.png");
  REQUIRE(image);
  CHECK(image->width >= 640);
  std::filesystem::copy_file(dir / "shot.png", png,
                             std::filesystem::copy_options::overwrite_existing);
  ::close(fd);
}

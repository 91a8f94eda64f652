// The real csc-kiosk under Xvfb (xvfb-run) in the background, for tests that talk to a
// running kiosk. The shell records csc-kiosk's own pid (exec keeps it) so SIGTERM reaches
// the kiosk, which then stops cleanly; a run that hangs is killed with its process group.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::testing {

// How the kiosk's screen is set up: the Xvfb screen, windowed or fullscreen, more arguments.
struct KioskScreen {
  std::string screen = "1024x768x24";
  bool windowed = true;
  std::vector<std::string> args = {};  // e.g. --demo
};

class RunningKiosk {
 public:
  // `env` entries (NAME=value) are set for the kiosk only.
  explicit RunningKiosk(const std::filesystem::path& config, std::vector<std::string> env = {},
                        KioskScreen screen = {});
  ~RunningKiosk();  // SIGTERM, then waits up to 15 s; SIGKILL to the group after that
  RunningKiosk(const RunningKiosk&) = delete;
  RunningKiosk& operator=(const RunningKiosk&) = delete;

  pid_t kiosk_pid() const;  // 0 until the shell wrote it
  bool alive() const;       // the kiosk process exists and is not a zombie
  std::string log() const;  // its stdout+stderr so far
  // DISPLAY=… and XAUTHORITY=… of its Xvfb, for xdotool; empty until the shell wrote them.
  std::vector<std::string> x_environment() const;
  // Stops it now (as the destructor would); the exit status of xvfb-run, -1 if killed.
  int stop();

 private:
  std::filesystem::path pid_file_, log_, x_file_;
  pid_t xvfb_run_ = -1;
  int exit_status_ = -1;
};

}  // namespace kiosk::testing

#include "tests/support/running_kiosk.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/eventually.h"
#include "tests/support/xvfb.h"

extern char** environ;

namespace kiosk::testing {
namespace {

// xvfb-run's environment: the test's own, for Xvfb and the kiosk alike.
std::vector<std::string> xvfb_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  // Mesa's llvmpipe leaks on unload (tests/smoke); no audio device in CI.
  env.insert(env.end(), {"SDL_AUDIODRIVER=dummy", "LSAN_OPTIONS=detect_leaks=0"});
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

RunningKiosk::RunningKiosk(const std::filesystem::path& config, std::vector<std::string> env,
                           KioskScreen screen)
    : pid_file_(config.parent_path() / "kiosk.pid"),
      log_(config.parent_path() / "kiosk.log"),
      x_file_(config.parent_path() / "kiosk.x") {
  std::filesystem::remove(pid_file_);
  std::filesystem::remove(x_file_);
  // `env` goes on the kiosk's own command line (env NAME=value …), not to xvfb-run: Xvfb
  // would inherit it too, and Debian's Xvfb sends READY=1 to a NOTIFY_SOCKET of its own.
  std::string assignments;
  for (const auto& e : env) assignments += " '" + e + "'";
  std::string options = screen.windowed ? " --windowed" : "";
  for (const auto& a : screen.args) options += " '" + a + "'";
  const std::string script = "printf '%s\n%s\n' \"$DISPLAY\" \"$XAUTHORITY\" > '" +
                             x_file_.string() + "'; echo $$ > '" + pid_file_.string() +
                             "'; exec env" + assignments + " '" CSC_KIOSK_PATH "'" + options +
                             " --config '" + config.string() + "'";
  auto argv = under_xvfb(screen.screen, {"sh", "-c", script});
  auto environment = xvfb_environment();
  auto args = pointers(argv);
  auto envp = pointers(environment);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // so a hung run can be ended
  posix_spawnp(&xvfb_run_, "xvfb-run", &actions, &attr, args.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
}

RunningKiosk::~RunningKiosk() {
  stop();
}

int RunningKiosk::stop() {
  if (xvfb_run_ <= 0) return exit_status_;
  eventually([&] { return kiosk_pid() > 0; }, std::chrono::seconds(10));
  if (const pid_t pid = kiosk_pid(); pid > 0) ::kill(pid, SIGTERM);
  int status = 0;
  if (!eventually([&] { return ::waitpid(xvfb_run_, &status, WNOHANG) == xvfb_run_; },
                  std::chrono::seconds(15))) {
    // A kiosk that does not stop is a bug: keep every thread's stack in its log for whoever
    // reads the failure, then end the whole run.
    if (const pid_t pid = kiosk_pid(); pid > 0)
      (void)!std::system(("gdb -p " + std::to_string(pid) +
                          " -batch -ex 'thread apply all bt' >> '" + log_.string() + "' 2>&1")
                             .c_str());
    ::kill(-xvfb_run_, SIGKILL);
    ::waitpid(xvfb_run_, &status, 0);
  }
  // The kiosk is xvfb-run's grandchild: wait until it is really gone, not only its parent.
  eventually([&] { return !alive(); }, std::chrono::seconds(5));
  xvfb_run_ = -1;
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return exit_status_;
}

pid_t RunningKiosk::kiosk_pid() const {
  std::ifstream in(pid_file_);
  pid_t pid = 0;
  in >> pid;
  return pid;
}

bool RunningKiosk::alive() const {
  const pid_t pid = kiosk_pid();
  if (pid <= 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  stat >> pid_field >> comm >> state;
  return stat && state != "Z" && state != "X";
}

std::vector<std::string> RunningKiosk::x_environment() const {
  std::ifstream in(x_file_);
  std::string display, xauthority;
  if (!std::getline(in, display) || display.empty()) return {};
  std::getline(in, xauthority);
  return {"DISPLAY=" + display, "XAUTHORITY=" + xauthority};
}

std::string RunningKiosk::log() const {
  std::ifstream in(log_);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace kiosk::testing

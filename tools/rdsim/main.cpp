// csc-kiosk-rdsim: a simulated UIDAI RD Service (fingerprint reader) on 127.0.0.1 for the
// kiosk's client tests and the demo. Flags in README.md; the server itself is RdSim
// (rd_sim.h). Prints `listening 127.0.0.1:PORT https=0|1` once it serves, and stops on
// SIGTERM, SIGINT or the control FIFO's `quit`.
//
// Control FIFO (--control PATH), one command per line:
//   status READY|NOTREADY|USED | capture ok|700|710|720|730|740|no-data |
//   delay MS | capture-delay MS | quit
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include "kiosk/core/unique_fd.h"
#include "tools/rdsim/rd_sim.h"

namespace {

using namespace kiosk::rdsim;
using kiosk::UniqueFd;

struct Flags {
  RdSimOptions options = {.port = 11100};
  std::string status = "READY", paths = "mantra", capture = "ok";
  std::string control = {}, port_file = {};
};

template <typename Parse>
std::function<std::string(const std::string&)> one_of(Parse parse, std::string what) {
  return [parse, what](const std::string& text) {
    return parse(text) ? std::string() : fmt::format("must be {}", what);
  };
}

void add_flags(CLI::App& app, Flags& f) {
  auto& o = f.options;
  app.add_option("--port", o.port, "TCP port on 127.0.0.1 (0: any free port)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--status", f.status, "READY, NOTREADY or USED")
      ->check(one_of(parse_status, "READY, NOTREADY or USED"));
  app.add_option("--paths", f.paths, "mantra (/rd/info, /rd/capture) or morpho")
      ->check(one_of(parse_path_style, "mantra or morpho"));
  app.add_flag("--https", o.https, "TLS with a self-signed certificate made at start");
  app.add_option("--capture", f.capture, "ok, 700, 710, 720, 730, 740 or no-data")
      ->check(one_of(parse_capture_outcome, "ok, 700, 710, 720, 730, 740 or no-data"));
  app.add_option("--delay-ms", o.delay_ms, "wait before every answer");
  app.add_option("--capture-delay-ms", o.capture_delay_ms, "more wait for a capture");
  app.add_option("--cert-days", o.cert_days, "device certificate expires in N days (< 0: expired)");
  app.add_option("--serial", o.serial, "device serial (srno)");
  app.add_option("--data-marker", o.data_marker, "base64 text every PID Data begins with");
  app.add_option("--qscore", o.qscore, "quality score of a capture");
  app.add_option("--nmpoints", o.nmpoints, "minutiae count of a capture");
  app.add_option("--control", f.control, "FIFO to read commands from (created if missing)");
  app.add_option("--port-file", f.port_file, "write the bound port here once listening");
}

// Every thread started later inherits this mask, so the signals reach sigwait() in main.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

std::expected<void, std::string> make_fifo(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISFIFO(st.st_mode)) return {};
    return std::unexpected(fmt::format("{} exists and is not a FIFO", path));
  }
  if (::mkfifo(path.c_str(), 0600) != 0 && errno != EEXIST)
    return std::unexpected(fmt::format("mkfifo {}: {}", path, std::strerror(errno)));
  return {};
}

// Non-blocking, so that opening never waits for a writer and the reader can notice the
// stop flag; a fresh descriptor reports no hang-up until a writer has come and gone.
UniqueFd open_fifo(const std::string& path) {
  return UniqueFd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
}

void handle_control_line(RdSim& sim, std::string_view line) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  std::string shown(line.substr(0, 80));
  for (auto& c : shown) c = (c >= ' ' && c < 127) ? c : '?';
  const auto result = apply_control_line(sim, line);
  if (!result) {
    fmt::print(stderr, "rdsim: control: {}: {}\n", result.error(), shown);
    return;
  }
  fmt::print(stderr, "rdsim: control: {}\n", shown);
  // To the process, not this thread: main is the one waiting in sigwait().
  if (*result == ControlResult::Quit) ::kill(::getpid(), SIGTERM);
}

// Hands over the complete lines of `pending`; a line over 512 bytes is dropped whole.
void take_lines(RdSim& sim, std::string& pending, bool at_eof) {
  for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
    handle_control_line(sim, std::string_view(pending).substr(0, nl));
    pending.erase(0, nl + 1);
  }
  if (at_eof && !pending.empty()) handle_control_line(sim, pending);
  if (at_eof || pending.size() > 512) pending.clear();
}

void serve_control(const std::string& path, UniqueFd fd, RdSim& sim,
                   const std::atomic<bool>& done) {
  std::string pending;
  while (!done && fd) {
    pollfd p{fd.get(), POLLIN, 0};
    if (::poll(&p, 1, 200) <= 0) continue;
    char chunk[512];
    const auto n = ::read(fd.get(), chunk, sizeof chunk);
    if (n > 0) {
      pending.append(chunk, static_cast<std::size_t>(n));
      take_lines(sim, pending, false);
    } else if (n == 0) {  // the writer closed: reopen for the next one
      take_lines(sim, pending, true);
      fd = open_fifo(path);
    } else if (errno != EAGAIN && errno != EINTR) {
      fd = open_fifo(path);
    }
  }
}

bool write_port_file(const std::string& path, int port) {
  // Temp file + rename: a reader never sees a half-written number.
  const std::string temp = fmt::format("{}.tmp.{}", path, ::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "w");
  if (file == nullptr) return false;
  const bool written = std::fprintf(file, "%d\n", port) > 0;
  const bool closed = std::fclose(file) == 0;
  if (written && closed && std::rename(temp.c_str(), path.c_str()) == 0) return true;
  std::remove(temp.c_str());
  return false;
}

// The control FIFO, made and opened before the listening line, so that whoever waits for
// that line can write to it at once.
std::expected<UniqueFd, std::string> open_control(const std::string& path) {
  if (auto made = make_fifo(path); !made) return std::unexpected(made.error());
  UniqueFd fifo = open_fifo(path);
  if (!fifo) return std::unexpected(fmt::format("open {}: {}", path, std::strerror(errno)));
  return fifo;
}

int fail(std::string_view why) {
  fmt::print(stderr, "rdsim: {}\n", why);
  return 1;
}

int run(Flags& f) {
  f.options.status = *parse_status(f.status);  // the flags' checks made these parse
  f.options.paths = *parse_path_style(f.paths);
  f.options.capture = *parse_capture_outcome(f.capture);
  const sigset_t stop_signals = block_stop_signals();
  ::signal(SIGPIPE, SIG_IGN);
  UniqueFd fifo;
  if (!f.control.empty()) {
    auto opened = open_control(f.control);
    if (!opened) return fail(opened.error());
    fifo = std::move(*opened);
  }
  RdSim sim(f.options);
  const auto port = sim.start();
  if (!port) return fail(port.error());
  if (!f.port_file.empty() && !write_port_file(f.port_file, *port))
    return fail(fmt::format("cannot write {}: {}", f.port_file, std::strerror(errno)));
  fmt::print("listening 127.0.0.1:{} https={}\n", *port, f.options.https ? 1 : 0);
  std::fflush(stdout);
  std::atomic<bool> done = false;
  std::thread control;
  if (fifo)
    control =
        std::thread(serve_control, f.control, std::move(fifo), std::ref(sim), std::cref(done));
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  done = true;
  if (control.joinable()) control.join();
  sim.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csc-kiosk-rdsim: a simulated UIDAI RD Service on 127.0.0.1"};
  Flags flags;
  add_flags(app, flags);
  CLI11_PARSE(app, argc, argv);
  try {
    return run(flags);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rdsim: {}\n", e.what());
    return 1;
  }
}

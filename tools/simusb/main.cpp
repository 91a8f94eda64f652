// csc-kiosk-simusb: runs a command with simulated USB devices plugged in.
//
//   csc-kiosk-simusb [--printer [--receipts DIR]] [--scanner] [--scanner-no-suffix]
//                    [--pos-scanner] [--fingerprint] [--control FIFO] -- CMD [ARGS...]
//
// The devices live in a umockdev testbed owned by this process; CMD inherits the umockdev
// preload (LD_PRELOAD, UMOCKDEV_DIR) and so its real libusb code sees them. Not under the
// preload yet? Then this program re-executes itself through `umockdev-wrapper` first.
// Fault knobs, one command per line written to the control FIFO:
//   unplug DEV | replug DEV | stall DEV | timeout DEV on|off
//   scan TEXT | scan-file PATH (a payload of any length, e.g. a 3,000-digit Secure QR):
//     every plugged scanner reads it: the wedge types it with its Enter, the no-suffix
//     wedge without one, the HID POS scanner sends it in reports
//   paper printer out|in|near-end|out-after BYTES | offline printer stop|keep
//   gsr printer ignore|answer | cover printer open|closed | cutter printer jammed|clear
// where DEV is `printer`, `scanner`, `nosuffix-scanner`, `pos-scanner` or `fingerprint`
// (a reset of the fingerprint reader is logged as "simusb: fingerprint reset N"). --receipts writes
// each cut receipt as a PNG. Exit status: CMD's.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/image.h"
#include "tools/simusb/sim_usb.h"

extern char** environ;

namespace {

pid_t g_child = 0;

// The command runs in its own process group and gets SIGTERM/SIGINT as a group, so a
// kiosk under xvfb-run stops cleanly while the devices it uses still exist.
void forward_signal(int signal) {
  if (g_child > 0) ::kill(-g_child, signal);
}

bool under_umockdev_preload() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "libumockdev-preload") != nullptr;
}

[[noreturn]] void reexec_under_wrapper(int argc, char** argv) {
  // Resolve our own path now: inside the wrapper script /proc/self/exe is the shell.
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<char*> args{const_cast<char*>("umockdev-wrapper"), self.data()};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execvp("umockdev-wrapper", args.data());
  std::perror("csc-kiosk-simusb: cannot run umockdev-wrapper (apt-get install umockdev)");
  std::exit(127);
}

struct Bench {
  simusb::SimBus bus;
  std::map<std::string, std::shared_ptr<simusb::SimDevice>> devices;
  std::mutex mutex;

  void apply(const std::string& line) {
    std::istringstream in(line);
    std::string verb, name, arg;
    in >> verb >> name;
    std::getline(in, arg);
    if (!arg.empty() && arg.front() == ' ') arg.erase(0, 1);
    std::lock_guard lock(mutex);
    if (verb == "scan" || verb == "scan-file") {
      std::string text = name + (arg.empty() ? "" : " " + arg);
      if (verb == "scan-file" && !read_payload(text, text)) return;
      scan(text);
      return;
    }
    auto it = devices.find(name);
    if (it == devices.end()) {
      std::fprintf(stderr, "simusb: no device \"%s\"\n", name.c_str());
      return;
    }
    auto& dev = it->second;
    if (verb == "unplug")
      bus.unplug(dev);
    else if (verb == "replug")
      dev = bus.replug(dev);
    else if (verb == "timeout")
      dev->set_unresponsive(arg == "on");
    else if (verb == "stall") {
      for (const auto& e : dev->spec().interfaces.front().endpoints) dev->stall(e.address);
    } else if (!apply_printer(*dev, verb, arg)) {
      std::fprintf(stderr, "simusb: unknown command \"%s %s\"\n", verb.c_str(), arg.c_str());
      return;
    }
    std::fprintf(stderr, "simusb: %s %s %s\n", verb.c_str(), name.c_str(), arg.c_str());
  }

  void scan(const std::string& text) {
    if (auto it = devices.find("scanner"); it != devices.end()) it->second->type_text(text + "\n");
    if (auto it = devices.find("nosuffix-scanner"); it != devices.end())
      it->second->type_text(text);
    if (auto it = devices.find("pos-scanner"); it != devices.end()) it->second->pos_scan(text);
    std::fprintf(stderr, "simusb: scanned %zu characters\n", text.size());
  }

  // The whole file, without a final newline (a FIFO line is at most 512 bytes).
  static bool read_payload(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "simusb: cannot read %s\n", path.c_str());
      return false;
    }
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return true;
  }

  // The ESC/POS printer's knobs (docs/usb.md "The simulated ESC/POS printer").
  static bool apply_printer(simusb::SimDevice& dev, const std::string& verb,
                            const std::string& arg) {
    if (verb == "paper" && arg == "near-end") {
      dev.set_paper_near_end(true);
    } else if (verb == "paper" && arg.starts_with("out-after ")) {
      const auto bytes = std::strtoul(arg.c_str() + 10, nullptr, 10);
      if (bytes == 0) return false;
      dev.paper_out_after(bytes);  // raster bytes, then it runs out mid-receipt
    } else if (verb == "paper" && (arg == "out" || arg == "in" || arg == "ok")) {
      dev.set_paper_out(arg == "out");
      if (arg != "out") dev.set_paper_near_end(false);  // a fresh roll
    } else if (verb == "offline" && (arg == "stop" || arg == "keep")) {
      dev.set_stops_taking_when_offline(arg == "stop");  // how it behaves out of paper
    } else if (verb == "gsr" && (arg == "ignore" || arg == "answer")) {
      dev.set_ignores_gs_r(arg == "ignore");
    } else if (verb == "cover" && (arg == "open" || arg == "closed")) {
      dev.set_cover_open(arg == "open");
    } else if (verb == "cutter" && (arg == "jammed" || arg == "clear")) {
      dev.set_cutter_jammed(arg == "jammed");
    } else {
      return false;
    }
    return true;
  }
};

// Created before the command starts, so that it can write to the FIFO at once.
bool make_fifo(const std::string& path) {
  ::unlink(path.c_str());
  if (::mkfifo(path.c_str(), 0600) == 0) return true;
  std::perror("simusb: mkfifo");
  return false;
}

void serve_fifo(Bench& bench, const std::string& path) {
  // O_RDWR: the FIFO never reports end-of-file when a writer closes it.
  FILE* in = std::fopen(path.c_str(), "r+");
  if (in == nullptr) return;
  char line[512];
  while (std::fgets(line, sizeof line, in) != nullptr) {
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (!text.empty()) bench.apply(text);
  }
}

int run_child(const std::vector<std::string>& command) {
  // alsa-lib probes /dev/snd/controlC0..31 and /dev/aloadC0..31; under the umockdev
  // preload every failed open stays in its 50-entry fd map (libumockdev-preload
  // fd_map_add: overflow, abort). Audio therefore goes to PulseAudio here, or nowhere.
  ::setenv("SDL_AUDIODRIVER", "pulseaudio", /*overwrite=*/0);
  std::vector<char*> args;
  for (const auto& a : command) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawnattr_t attr;
  ::posix_spawnattr_init(&attr);
  ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  ::posix_spawnattr_setpgroup(&attr, 0);
  const int rc = ::posix_spawnp(&g_child, args[0], nullptr, &attr, args.data(), environ);
  ::posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    std::fprintf(stderr, "simusb: cannot start %s: %s\n", args[0], std::strerror(rc));
    return 127;
  }
  ::signal(SIGTERM, forward_signal);
  ::signal(SIGINT, forward_signal);
  int status = 0;
  while (::waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
  }
  // Keep the devices until the rest of the command's process group is gone too (a kiosk
  // under xvfb-run may outlive the script by a moment); at most 5 s.
  for (int i = 0; i < 100 && ::kill(-g_child, 0) == 0; ++i) ::usleep(50'000);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

// Each cut receipt as receipt-NNNN.png (black on white), for a person to look at.
void save_receipts(simusb::SimDevice& printer, const std::string& dir) {
  std::filesystem::create_directories(dir);
  auto count = std::make_shared<int>(0);
  printer.on_receipt([dir, count](const simusb::PrintedImage& r) {
    kiosk::Image png{r.width_dots, r.height, 1, {}};
    png.pixels.reserve(static_cast<std::size_t>(r.width_dots * r.height));
    for (int y = 0; y < r.height; ++y)
      for (int x = 0; x < r.width_dots; ++x)
        png.pixels.push_back(
            (r.bits[static_cast<std::size_t>(y * (r.width_dots / 8) + x / 8)] >> (7 - x % 8)) & 1
                ? 0
                : 255);
    const auto file = std::filesystem::path(dir) / fmt::format("receipt-{:04}.png", ++*count);
    if (auto written = kiosk::write_png(file, png); !written)
      std::fprintf(stderr, "simusb: %s\n", written.error().message.c_str());
    else
      std::fprintf(stderr, "simusb: printed %s\n", file.c_str());
  });
}

}  // namespace

int main(int argc, char** argv) {
  bool printer = false, scanner = false, nosuffix = false, pos = false, fingerprint = false;
  std::string control, receipts;
  std::vector<std::string> command;
  CLI::App app{"csc-kiosk-simusb: run a command with simulated USB devices (umockdev)"};
  app.add_flag("--printer", printer, "Plug in a receipt printer (04b8:0e15, class 7, usblp)");
  app.add_flag("--scanner", scanner, "Plug in a HID keyboard barcode scanner (1eab:1303)");
  app.add_flag("--scanner-no-suffix", nosuffix,
               "Plug in a keyboard scanner that sends no Enter after a scan (1eab:1403)");
  app.add_flag("--pos-scanner", pos, "Plug in a HID POS barcode scanner (1eab:1310)");
  app.add_flag("--fingerprint", fingerprint,
               "Plug in a fingerprint reader (Mantra MFS100, 2c0f:1005) for its RD Service");
  app.add_option("--control", control, "Create this FIFO and read fault commands from it");
  app.add_option("--receipts", receipts, "Write each receipt the printer cuts here as a PNG");
  app.add_option("command", command, "The command to run, after --")->required();
  app.positionals_at_end();
  CLI11_PARSE(app, argc, argv);
  if (!under_umockdev_preload()) reexec_under_wrapper(argc, argv);

  Bench bench;
  if (printer) {
    bench.devices["printer"] = bench.bus.plug(simusb::receipt_printer(), 1);
    if (!receipts.empty()) save_receipts(*bench.devices["printer"], receipts);
  }
  if (scanner) bench.devices["scanner"] = bench.bus.plug(simusb::keyboard_scanner(), 2);
  if (nosuffix) {
    auto spec = simusb::keyboard_scanner();
    spec.product_id = 0x1403;
    spec.serial = "SIM-SCN-0002";
    bench.devices["nosuffix-scanner"] = bench.bus.plug(spec, 3);
  }
  if (pos) bench.devices["pos-scanner"] = bench.bus.plug(simusb::hid_pos_scanner(), 4);
  if (fingerprint) bench.devices["fingerprint"] = bench.bus.plug(simusb::fingerprint_reader(), 5);
  if (!control.empty()) {
    if (!make_fifo(control)) return 1;
    std::thread([&bench, control] { serve_fifo(bench, control); }).detach();
  }
  const int status = run_child(command);
  if (!control.empty()) ::unlink(control.c_str());
  std::_Exit(status);  // the FIFO thread may still block in fgets
}

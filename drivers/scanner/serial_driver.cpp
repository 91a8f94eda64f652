#include "drivers/scanner/serial_driver.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace drivers::scanner {
namespace {

namespace fs = std::filesystem;

int read_number(const fs::path& file) {
  std::ifstream in(file);
  int n = -1;
  in >> n;
  return n;
}

// Raw bytes: no echo, no line editing, no CR/LF translation; reads return what came.
bool make_raw(int fd) {
  termios t{};
  if (::tcgetattr(fd, &t) != 0) return false;
  ::cfmakeraw(&t);
  t.c_cflag |= CLOCAL | CREAD;
  return ::tcsetattr(fd, TCSANOW, &t) == 0;
}

}  // namespace

std::string find_tty(const usb::UsbDeviceInfo& device) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/sys/bus/usb/devices", ec)) {
    const fs::path dir = entry.path();
    if (read_number(dir / "busnum") != device.bus || read_number(dir / "devnum") != device.address)
      continue;
    for (const auto& intf : fs::directory_iterator(dir, ec)) {
      if (intf.path().filename().string().find(':') == std::string::npos) continue;
      for (const auto& tty : fs::directory_iterator(intf.path() / "tty", ec))
        return "/dev/" + tty.path().filename().string();
    }
  }
  return {};
}

SerialScannerDriver::SerialScannerDriver(usb::WatchSetup setup, const ScannerOptions& options)
    : device_(setup.device), out_(setup, options), tty_(out_.settings().tty) {
  out_.publish(model::Status::Offline, model::Action::None, "finding its tty");
  present();
}

SerialScannerDriver::~SerialScannerDriver() {
  stop_reader();
}

void SerialScannerDriver::present() {
  if (closed_) open_tty();
}

void SerialScannerDriver::removed() {
  stop_reader();
}

void SerialScannerDriver::reset_done(const usb::UsbResult<void>&) {
  stop_reader();  // the tty went with the reset; the next pass opens the new one
}

void SerialScannerDriver::stop_reader() {
  if (reader_.joinable()) {
    reader_.request_stop();
    reader_.join();
  }
  closed_ = true;
}

void SerialScannerDriver::open_tty() {
  stop_reader();
  const std::string path = tty_.empty() ? find_tty(device_) : tty_;
  if (path.empty()) {
    out_.publish(model::Status::Offline, model::Action::Reconnect,
                 "no tty for this serial scanner yet (is cdc_acm loaded?)");
    return;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    out_.publish(e == EACCES ? model::Status::Offline : model::Status::NoDevice,
                 model::Action::Reconnect, path + ": " + std::strerror(e));
    return;
  }
  (void)make_raw(fd);  // a tty that refuses termios still reads
  closed_ = false;
  out_.publish(model::Status::Online, model::Action::None, "serial scanner on " + path);
  reader_ = std::jthread([this, fd](std::stop_token stop) { read_loop(stop, fd); });
}

// Nothing escapes the thread: a failure ends the reading and closes the tty; the next
// pass opens it again.
void SerialScannerDriver::read_loop(std::stop_token stop, int fd) {
  try {
    ScanAssembler assembler(out_.settings().assembler);
    std::array<char, 512> buf{};
    while (!stop.stop_requested()) {
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, 100);
      const auto now = Clock::now();
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) {
        if (auto scan = assembler.idle(now)) out_.scan(std::move(*scan));
        continue;
      }
      const ssize_t n = ::read(fd, buf.data(), buf.size());
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
      if (n < 0) continue;
      std::string text(buf.data(), static_cast<std::size_t>(n));
      for (char& c : text)
        if (c == '\r') c = '\n';  // CR, LF and CR LF all end a scan; the empty one is none
      for (auto& scan : assembler.feed(text, now)) out_.scan(std::move(scan));
      out_.set_reading(assembler.reading());
    }
  } catch (...) {
  }
  out_.set_reading(false);
  ::close(fd);
  closed_ = true;
}

}  // namespace drivers::scanner

// Small pieces both ends of the control socket share: the address, an owned fd, and the
// client's blocking exchange with one absolute deadline.
#pragma once

#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>

#include "kiosk/core/result.h"

namespace kiosk::control {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  ~UniqueFd() { reset(); }
  explicit operator bool() const { return fd_ >= 0; }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

Result<sockaddr_un> socket_address(const std::string& path);

using Deadline = std::chrono::steady_clock::time_point;
Status send_all(int fd, std::string_view text, Deadline deadline);
// Up to the first newline (or EOF); Timeout past the deadline, InvalidInput past max_bytes.
Result<std::string> read_line(int fd, std::size_t max_bytes, Deadline deadline);

}  // namespace kiosk::control

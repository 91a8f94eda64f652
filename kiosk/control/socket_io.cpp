#include "kiosk/control/socket_io.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kiosk::control {
namespace {

// Milliseconds left, at least 0; false when the deadline passed.
bool time_left(Deadline deadline, int& ms) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  ms = static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 600'000));
  return left.count() > 0;
}

// Waits for `events` on fd; Timeout at the deadline.
Status wait_for(int fd, short events, Deadline deadline) {
  for (;;) {
    int ms = 0;
    if (!time_left(deadline, ms)) return fail(Errc::Timeout, "control socket: no answer in time");
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, ms);
    if (ready > 0) return {};
    if (ready < 0 && errno != EINTR)
      return fail(Errc::Io, fmt::format("control socket: {}", std::strerror(errno)));
  }
}

}  // namespace

Result<sockaddr_un> socket_address(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path)
    return fail(Errc::Config, fmt::format("control socket path too long: {}", path));
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

Status send_all(int fd, std::string_view text, Deadline deadline) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    if (auto ready = wait_for(fd, POLLOUT, deadline); !ready) return ready;
    const ssize_t n =
        ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0)
      return fail(errno == EPIPE ? Errc::Pipe : Errc::Io,
                  fmt::format("control socket: send: {}", std::strerror(errno)));
    sent += static_cast<std::size_t>(n);
  }
  return {};
}

Result<std::string> read_line(int fd, std::size_t max_bytes, Deadline deadline) {
  std::string data;
  char buffer[8192];
  while (data.find('\n') == std::string::npos) {
    if (auto ready = wait_for(fd, POLLIN, deadline); !ready) return std::unexpected(ready.error());
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return fail(Errc::Io, fmt::format("control socket: {}", std::strerror(errno)));
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > max_bytes) return fail(Errc::InvalidInput, "control message too long");
  }
  return data.substr(0, data.find('\n'));
}

}  // namespace kiosk::control

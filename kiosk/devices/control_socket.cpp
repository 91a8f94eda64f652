#include "kiosk/devices/control_socket.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/log.h"

namespace kiosk::devices {
namespace {

constexpr std::size_t kMaxRequest = 64 * 1024;
constexpr std::chrono::milliseconds kClientReadTimeout{2000};

Result<sockaddr_un> address_of(const std::filesystem::path& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof addr.sun_path)
    return fail(Errc::Config, fmt::format("control socket path too long: {}", path.string()));
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  return addr;
}

// Reads until a newline, EOF, the size limit or the deadline (poll per read).
Result<std::string> read_line(int fd, std::chrono::milliseconds timeout) {
  std::string data;
  char buffer[4096];
  while (data.find('\n') == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready == 0) return fail(Errc::Timeout, "control socket: no answer in time");
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t n = ready < 0 ? -1 : ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0) return fail(Errc::Io, fmt::format("control socket: {}", std::strerror(errno)));
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    if (data.size() > kMaxRequest) return fail(Errc::InvalidInput, "control message too long");
  }
  return data.substr(0, data.find('\n'));
}

bool send_all(int fd, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

nlohmann::json error_json(const Error& e) {
  return {{"error", {{"code", to_string(e.code)}, {"message", e.message}}}};
}

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::start(const std::filesystem::path& path,
                                                            Handler handler) {
  auto addr = address_of(path);
  if (!addr) return std::unexpected(addr.error());
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  ::unlink(path.c_str());  // stale from a crashed run; the instance lock says it is ours
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(Errc::Io, fmt::format("socket: {}", std::strerror(errno)));
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) != 0 ||
      ::listen(fd, 8) != 0) {
    const int error = errno;
    ::close(fd);
    return fail(Errc::Io, fmt::format("cannot serve control socket {}: {}", path.string(),
                                      std::strerror(error)));
  }
  ::chmod(path.c_str(), 0660);  // the service user and the operators' group
  const int stop_fd = ::eventfd(0, EFD_CLOEXEC);
  return std::unique_ptr<ControlServer>(new ControlServer(path, fd, stop_fd, std::move(handler)));
}

ControlServer::ControlServer(std::filesystem::path path, int listen_fd, int stop_fd,
                             Handler handler)
    : path_(std::move(path)),
      listen_fd_(listen_fd),
      stop_fd_(stop_fd),
      handler_(std::move(handler)) {
  thread_ = std::thread([this] { serve(); });
}

ControlServer::~ControlServer() {
  const std::uint64_t one = 1;
  (void)!::write(stop_fd_, &one, sizeof one);
  thread_.join();
  ::close(listen_fd_);
  ::close(stop_fd_);
  ::unlink(path_.c_str());
}

void ControlServer::serve() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    answer(client);
    ::close(client);
  }
}

void ControlServer::answer(int client) {
  nlohmann::json reply;
  auto line = read_line(client, kClientReadTimeout);
  if (!line) {
    reply = error_json(line.error());
  } else {
    auto request = nlohmann::json::parse(*line, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded() || !request.is_object() || !request.contains("verb")) {
      reply = error_json({Errc::InvalidInput, "expected {\"verb\": …} on one line"});
    } else {
      reply = handler_(request);
    }
  }
  if (!send_all(client, reply.dump() + "\n"))
    log::warn("control", "a client left before its answer was sent");
}

Result<nlohmann::json> control_request(const std::filesystem::path& path,
                                       const nlohmann::json& request,
                                       std::chrono::milliseconds timeout) {
  auto addr = address_of(path);
  if (!addr) return std::unexpected(addr.error());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(Errc::Io, fmt::format("socket: {}", std::strerror(errno)));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) != 0) {
    const int error = errno;
    ::close(fd);
    return fail(error == ENOENT || error == ECONNREFUSED ? Errc::NotFound : Errc::Io,
                fmt::format("no kiosk answers on {}: {}", path.string(), std::strerror(error)));
  }
  Result<std::string> line = send_all(fd, request.dump() + "\n")
                                 ? read_line(fd, timeout)
                                 : fail(Errc::Io, "control socket: send failed");
  ::close(fd);
  if (!line) return std::unexpected(line.error());
  auto reply = nlohmann::json::parse(*line, nullptr, false);
  if (reply.is_discarded()) return fail(Errc::InvalidInput, "control socket: answer is not JSON");
  return reply;
}

}  // namespace kiosk::devices

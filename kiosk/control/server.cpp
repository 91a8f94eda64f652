#include "kiosk/control/server.h"

#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosk/control/socket_io.h"
#include "kiosk/core/log.h"

namespace kiosk::control {

using nlohmann::json;

struct ControlServer::Connection {
  enum class Phase { Reading, Working, Writing, Done };
  std::uint64_t id = 0;
  int fd = -1;
  Peer peer;
  Phase phase = Phase::Reading;
  std::string in;
  std::string out;
  std::size_t sent = 0;
  Clock::time_point deadline;
  ~Connection() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

void signal_eventfd(int fd) {
  const std::uint64_t one = 1;
  (void)!::write(fd, &one, sizeof one);
}

void drain_eventfd(int fd) {
  std::uint64_t count = 0;
  (void)!::read(fd, &count, sizeof count);
}

// Binds under a temporary name, sets mode and group, then renames into place.
Result<int> bind_socket(const std::filesystem::path& path) {
  auto addr = socket_address(path.string() + ".new");
  if (!addr) return std::unexpected(addr.error());
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path staging = addr->sun_path;
  ::unlink(staging.c_str());
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return fail(Errc::Io, fmt::format("socket: {}", std::strerror(errno)));
  const bool ok = ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) == 0 &&
                  ::chmod(staging.c_str(), 0660) == 0 &&
                  ::chown(staging.c_str(), static_cast<uid_t>(-1), ::getegid()) == 0 &&
                  ::rename(staging.c_str(), path.c_str()) == 0 && ::listen(fd.get(), 128) == 0;
  if (!ok) {
    const int error = errno;
    ::unlink(staging.c_str());
    return fail(
        error == EACCES ? Errc::Access : Errc::Io,
        fmt::format("cannot serve control socket {}: {}", path.string(), std::strerror(error)));
  }
  return fd.release();
}

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::start(const std::filesystem::path& path,
                                                            const VerbRegistry& registry,
                                                            AccessPolicy policy,
                                                            ServerOptions options) {
  if (auto probe = socket_address(path); !probe) return std::unexpected(probe.error());
  auto fd = bind_socket(path);
  if (!fd) return std::unexpected(fd.error());
  return std::unique_ptr<ControlServer>(
      new ControlServer(path, *fd, registry, std::move(policy), options));
}

ControlServer::ControlServer(std::filesystem::path path, int listen_fd,
                             const VerbRegistry& registry, AccessPolicy policy,
                             ServerOptions options)
    : path_(std::move(path)),
      listen_fd_(listen_fd),
      stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      done_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      registry_(registry),
      policy_(std::move(policy)),
      options_(options),
      registration_(std::in_place, "control", [this] { signal_eventfd(done_fd_); }),
      pool_(std::make_unique<WorkerPool>(options.workers, options.max_queued)) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-control");
    threads::run_guarded("control", threads::OnFault::Restart, [this] { serve(); });
  });
}

ControlServer::~ControlServer() {
  signal_eventfd(stop_fd_);
  registration_.reset();  // no fault verb may wake a closed eventfd
  thread_.join();
  pool_.reset();  // waits for verbs still running; they post into done_, which is still here
  connections_.clear();
  ::close(listen_fd_);
  ::close(stop_fd_);
  ::close(done_fd_);
  ::unlink(path_.c_str());
}

void ControlServer::serve() {
  for (;;) {
    if (registration_) registration_->checkpoint();
    std::vector<pollfd> fds{{stop_fd_, POLLIN, 0}, {done_fd_, POLLIN, 0}};
    const bool room = connections_.size() < options_.max_connections;
    fds.push_back({room ? listen_fd_ : -1, POLLIN, 0});
    std::vector<Connection*> polled;
    for (auto& [id, c] : connections_) {
      if (c->phase == Connection::Phase::Working) continue;
      fds.push_back({c->fd,
                     static_cast<short>(c->phase == Connection::Phase::Reading ? POLLIN : POLLOUT),
                     0});
      polled.push_back(c.get());
    }
    if (::poll(fds.data(), fds.size(), poll_timeout_ms()) < 0 && errno != EINTR)
      throw std::runtime_error(fmt::format("poll: {}", std::strerror(errno)));
    if (fds[0].revents) return;
    if (fds[1].revents) take_replies();
    if (fds[2].revents) accept_clients();
    for (std::size_t i = 0; i < polled.size(); ++i) {
      const short ev = fds[i + 3].revents;
      if (!ev) continue;
      if (polled[i]->phase == Connection::Phase::Reading)
        on_readable(*polled[i]);
      else if (polled[i]->phase == Connection::Phase::Writing)
        on_writable(*polled[i]);
    }
    expire(Clock::now());
    close_finished();
  }
}

int ControlServer::poll_timeout_ms() const {
  if (connections_.empty()) return -1;
  auto soonest = Clock::time_point::max();
  for (const auto& [id, c] : connections_) soonest = std::min(soonest, c->deadline);
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(soonest - Clock::now());
  return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 60'000));
}

void ControlServer::accept_clients() {
  while (connections_.size() < options_.max_connections) {
    UniqueFd fd(::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (!fd) return;  // EAGAIN: none left; other errors: the client is gone already
    auto peer = peer_of(fd.get());
    if (!peer) {
      log::warn("control", "a client without credentials was dropped: {}", peer.error().message);
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->id = next_id_++;
    c->fd = fd.release();
    c->peer = std::move(*peer);
    c->deadline = Clock::now() + options_.read_deadline;
    connections_.emplace(c->id, std::move(c));
  }
}

void ControlServer::on_readable(Connection& c) {
  char buffer[8192];
  const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {  // the client closed its side: what it sent is its request, if anything
    if (n < 0 || c.in.empty())
      c.phase = Connection::Phase::Done;
    else
      start_verb(c, c.in);
    return;
  }
  c.in.append(buffer, static_cast<std::size_t>(n));
  if (const auto end = c.in.find('\n'); end != std::string::npos) {
    start_verb(c, std::string_view(c.in).substr(0, end));
  } else if (c.in.size() > kMaxRequestBytes) {
    reply(c, error_reply(
                 {Errc::InvalidInput, fmt::format("request over {} bytes", kMaxRequestBytes)}));
  }
}

void ControlServer::start_verb(Connection& c, std::string_view line) {
  auto request = parse_request(line);
  if (!request) return reply(c, error_reply(request.error()));
  const VerbInfo* info = registry_.find(request->verb());
  const auto budget = info ? info->budget : std::chrono::milliseconds(1000);
  c.phase = Connection::Phase::Working;
  c.deadline = Clock::now() + budget;
  const bool queued = pool_->post([this, id = c.id, peer = c.peer, request = std::move(*request)] {
    std::string line = to_line(registry_.answer(request, peer, policy_));
    {
      std::lock_guard lock(done_mutex_);
      done_.emplace_back(id, std::move(line));
    }
    signal_eventfd(done_fd_);
  });
  if (!queued) reply(c, error_reply({Errc::Busy, "the kiosk is busy; ask again in a moment"}));
}

void ControlServer::take_replies() {
  drain_eventfd(done_fd_);
  std::vector<std::pair<std::uint64_t, std::string>> done;
  {
    std::lock_guard lock(done_mutex_);
    done.swap(done_);
  }
  for (auto& [id, line] : done) {
    const auto it = connections_.find(id);
    if (it == connections_.end() || it->second->phase != Connection::Phase::Working) continue;
    Connection& c = *it->second;
    c.out = std::move(line);
    c.phase = Connection::Phase::Writing;
    c.deadline = Clock::now() + options_.write_deadline;
    on_writable(c);
  }
}

void ControlServer::reply(Connection& c, const json& answer) {
  c.out = to_line(answer);
  c.sent = 0;
  c.phase = Connection::Phase::Writing;
  c.deadline = Clock::now() + options_.write_deadline;
  on_writable(c);
}

void ControlServer::on_writable(Connection& c) {
  while (c.sent < c.out.size()) {
    const ssize_t n =
        ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;  // the client reads slowly: poll for POLLOUT
    if (n <= 0) {
      log::debug("control", "a client left before its answer was sent");
      break;
    }
    c.sent += static_cast<std::size_t>(n);
  }
  c.phase = Connection::Phase::Done;
}

void ControlServer::expire(Clock::time_point now) {
  for (auto& [id, c] : connections_) {
    if (c->phase == Connection::Phase::Done || c->deadline > now) continue;
    switch (c->phase) {
      case Connection::Phase::Reading:
        log::debug("control", "dropped a client (uid {}) that sent no full line in time",
                   c->peer.uid);
        reply(*c, error_reply({Errc::Timeout, "no request line in time"}));
        c->phase = Connection::Phase::Done;  // one try to tell it, then it goes
        break;
      case Connection::Phase::Working:
        log::warn("control", "a verb ran past its budget; its client was told timeout");
        reply(*c, error_reply({Errc::Timeout, "the kiosk did not finish in time"}));
        break;
      default:
        log::debug("control", "dropped a client (uid {}) that did not read its answer",
                   c->peer.uid);
        c->phase = Connection::Phase::Done;
    }
  }
}

void ControlServer::close_finished() {
  std::erase_if(connections_,
                [](const auto& entry) { return entry.second->phase == Connection::Phase::Done; });
}

}  // namespace kiosk::control

// The running kiosk's control socket (paths.control_socket, a unix stream socket).
//
// One I/O thread serves every connection without blocking on any of them (poll, non-
// blocking sockets); verbs run on a small WorkerPool. Each connection has a read deadline
// (its request line must arrive in full by then) and a write deadline (its answer must be
// taken by then); a client that misses either is dropped, never waited for. A verb that
// runs past its budget is answered `timeout` and its late reply dropped. Up to
// max_connections are served at once; later ones wait in the listen backlog.
//
// The socket file is created under a temporary name, given mode 0660 and the service group,
// and only then renamed into place, so it is never reachable with looser permissions.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "kiosk/control/peer.h"
#include "kiosk/control/verbs.h"
#include "kiosk/control/worker_pool.h"
#include "kiosk/core/result.h"
#include "kiosk/core/thread_guard.h"

namespace kiosk::control {

struct ServerOptions {
  std::size_t max_connections = 128;
  std::chrono::milliseconds read_deadline{2000};
  std::chrono::milliseconds write_deadline{2000};
  std::size_t workers = 4;
  std::size_t max_queued = 64;
};

class ControlServer {
 public:
  // Binds (replacing a stale socket file: the caller holds the instance lock) and serves.
  // `registry` must outlive the server.
  static Result<std::unique_ptr<ControlServer>> start(const std::filesystem::path& path,
                                                      const VerbRegistry& registry,
                                                      AccessPolicy policy,
                                                      ServerOptions options = {});
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  int listen_fd() const { return listen_fd_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Connection;

  ControlServer(std::filesystem::path path, int listen_fd, const VerbRegistry& registry,
                AccessPolicy policy, ServerOptions options);
  void serve();
  void serve_once();
  int poll_timeout_ms() const;
  void accept_clients();
  void take_replies();
  void on_readable(Connection& c);
  void on_writable(Connection& c);
  void start_verb(Connection& c, std::string_view line);
  void reply(Connection& c, const nlohmann::json& answer);
  void expire(Clock::time_point now);
  void close_finished();

  const std::filesystem::path path_;
  const int listen_fd_;
  const int stop_fd_;  // eventfd: ends serve()
  const int done_fd_;  // eventfd: a worker finished a verb
  const VerbRegistry& registry_;
  const AccessPolicy policy_;
  const ServerOptions options_;

  std::map<std::uint64_t, std::unique_ptr<Connection>> connections_;  // I/O thread only
  std::uint64_t next_id_ = 1;

  std::mutex done_mutex_;
  std::vector<std::pair<std::uint64_t, std::string>> done_;  // finished replies by connection

  std::optional<threads::Registration> registration_;  // gone before the eventfds close
  std::unique_ptr<WorkerPool> pool_;
  std::thread thread_;
};

}  // namespace kiosk::control

// Real servers on loopback for the HTTP client tests: a cpp-httplib server (plain or TLS)
// on its own thread, a bare TCP peer for answers no well-behaved server gives, and a CA
// plus certificates made with the openssl command line.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/support/paths.h"
#include "tests/support/process.h"

namespace kiosk::testing {

// A latch a slow handler waits on. Opened by the test or at teardown, so no handler is
// still sleeping when its server stops.
class Gate {
 public:
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }
  bool wait_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return opened_.wait_for(lock, limit, [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

// Runs a configured httplib server (handlers registered first) on an unused port.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::unique_ptr<httplib::Server> server, Gate* gate = nullptr,
                          const std::string& host = "127.0.0.1")
      : server_(std::move(server)), gate_(gate) {
    if (!server_->is_valid()) throw std::runtime_error("httplib server is not valid");
    // The client keeps idle connections open; a short keep-alive lets stop() finish quickly.
    server_->set_keep_alive_timeout(1);
    port_ = server_->bind_to_any_port(host);
    if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
    thread_ = std::thread([this] {
      server_->listen_after_bind();
      finished_ = true;
    });
    // stop() is a no-op until the accept loop runs: wait for it.
    while (!server_->is_running() && !finished_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~LoopbackServer() {
    if (gate_ != nullptr) gate_->open();
    server_->stop();
    thread_.join();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path, const std::string& scheme = "http",
                  const std::string& host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(port_) + path;
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  Gate* gate_;
  int port_ = 0;
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

inline int bound_loopback_socket(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("could not bind a loopback socket");
  }
  port = ntohs(address.sin_port);
  return fd;
}

// A loopback port nobody listens on: bound, then closed (connecting gets a refusal).
inline int closed_port() {
  int port = 0;
  ::close(bound_loopback_socket(port));
  return port;
}

inline bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

// Reads until the end of the request head (or 2 s of silence); returns what arrived.
inline std::string read_request_head(int fd) {
  std::string head;
  char buffer[4096];
  while (head.find("\r\n\r\n") == std::string::npos) {
    pollfd wait{fd, POLLIN, 0};
    if (::poll(&wait, 1, 2'000) <= 0) break;
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    head.append(buffer, static_cast<std::size_t>(got));
  }
  return head;
}

// A bare TCP listener on 127.0.0.1 that hands each accepted connection to `script`.
class RawPeer {
 public:
  using Script = std::function<void(int fd, const std::atomic<bool>& stopping)>;

  explicit RawPeer(Script script) : script_(std::move(script)) {
    listener_ = bound_loopback_socket(port_);
    if (::listen(listener_, 8) != 0) throw std::runtime_error("listen failed");
    thread_ = std::thread([this] { serve(); });
  }
  ~RawPeer() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
  }
  RawPeer(const RawPeer&) = delete;
  RawPeer& operator=(const RawPeer&) = delete;

  int port() const { return port_; }
  int accepted() const { return accepted_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd wait{listener_, POLLIN, 0};
      if (::poll(&wait, 1, 50) <= 0) continue;
      const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) continue;
      ++accepted_;
      script_(connection, stopping_);
      ::close(connection);
    }
  }

  Script script_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// Certificates made once per test process with the openssl CLI: a CA, a server certificate
// for IP 127.0.0.1 signed by it, and a second CA that signed nothing we serve.
struct TlsFiles {
  std::filesystem::path ca;
  std::filesystem::path other_ca;
  std::filesystem::path server_cert;
  std::filesystem::path server_key;
};

inline void openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_process(argv);
  if (result.exit_code != 0) throw std::runtime_error("openssl failed: " + result.output);
}

inline void make_ca(const std::filesystem::path& dir, const std::string& name) {
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", (dir / (name + ".key")).string(), "-out", (dir / (name + ".pem")).string(),
           "-days", "2", "-subj", "/CN=csc-kiosk test " + name, "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext",
           "keyUsage=critical,keyCertSign,cRLSign"});
}

inline TlsFiles make_tls_files() {
  const auto dir = scratch_dir("net-tls");
  make_ca(dir, "ca");
  make_ca(dir, "other-ca");
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
           (dir / "server.key").string(), "-out", (dir / "server.csr").string(), "-subj",
           "/CN=127.0.0.1"});
  std::ofstream(dir / "server.ext") << "subjectAltName=IP:127.0.0.1\n"
                                       "basicConstraints=CA:FALSE\n"
                                       "extendedKeyUsage=serverAuth\n";
  openssl({"x509", "-req", "-in", (dir / "server.csr").string(), "-CA", (dir / "ca.pem").string(),
           "-CAkey", (dir / "ca.key").string(), "-CAcreateserial", "-out",
           (dir / "server.pem").string(), "-days", "2", "-extfile", (dir / "server.ext").string()});
  return {dir / "ca.pem", dir / "other-ca.pem", dir / "server.pem", dir / "server.key"};
}

inline const TlsFiles& tls_files() {
  static const TlsFiles files = make_tls_files();
  return files;
}

}  // namespace kiosk::testing

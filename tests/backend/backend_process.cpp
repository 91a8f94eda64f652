#include "tests/backend/backend_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace kiosk::testing {
namespace {

// Reads the first line the child prints, waiting at most `timeout_ms` (ASan builds start
// slowly, so this is generous; it is a hang guard, not a performance check).
std::string read_line(int fd, int timeout_ms) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char c[256];
    const ssize_t n = ::read(fd, c, sizeof c);
    if (n <= 0) break;
    line.append(c, static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

pid_t spawn(const std::vector<std::string>& argv, int stdout_fd, const std::string& log_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

}  // namespace

BackendProcess::BackendProcess(const std::filesystem::path& dir,
                               const std::vector<std::string>& options, Token token)
    : log_file_(dir / "backend.log") {
  std::vector<std::string> argv = {KIOSK_BACKEND_PATH, "--port", "0", "--db",
                                   (dir / "backend.db").string()};
  if (token == Token::Kiosk) argv.insert(argv.end(), {"--token", kKioskToken});
  argv.insert(argv.end(), options.begin(), options.end());
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  pid_ = spawn(argv, fds[1], log_file_.string());
  ::close(fds[1]);
  const std::string line = read_line(fds[0], 30'000);
  ::close(fds[0]);
  constexpr std::string_view kPrefix = "listening on 127.0.0.1:";
  if (!line.starts_with(kPrefix)) {
    stop(SIGKILL);
    throw std::runtime_error("backend did not start: '" + line + "'\n" + log());
  }
  port_ = std::stoi(line.substr(kPrefix.size()));
}

BackendProcess::~BackendProcess() {
  stop();
}

int BackendProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

httplib::Client BackendProcess::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_bearer_token_auth(kKioskToken);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(30, 0);
  return client;
}

std::string BackendProcess::log() const {
  std::ifstream in(log_file_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json BackendProcess::stats(bool keys) const {
  auto res = client().Get(keys ? "/_control/stats?keys=1" : "/_control/stats");
  if (!res || res->status != 200) throw std::runtime_error("stats failed");
  return nlohmann::json::parse(res->body);
}

void BackendProcess::set_faults(const nlohmann::json& patch) const {
  auto res = client().Post("/_control/faults", patch.dump(), "application/json");
  if (!res || res->status != 200) throw std::runtime_error("setting faults failed");
}

std::string raw_exchange(int port, const std::string& request, int timeout_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string received;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    pollfd p{fd, POLLIN, 0};
    char buffer[4096];
    while (::poll(&p, 1, timeout_ms) > 0) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;  // end of stream or reset: the server closed the connection
      received.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return received;
}

std::string raw_post(const std::string& path, const std::string& body) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kKioskToken +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace kiosk::testing

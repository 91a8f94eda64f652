// The control socket itself, in this process on a real unix socket: concurrency, deadlines,
// budgets, permissions and peer credentials.
#include "kiosk/control/server.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "kiosk/control/client.h"
#include "kiosk/control/socket_io.h"
#include "kiosk/control/system_verbs.h"
#include "kiosk/core/log.h"
#include "tests/support/concurrently.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"

using namespace kiosk::control;
using namespace std::chrono_literals;
using kiosk::testing::eventually;
using nlohmann::json;

namespace {

struct SlowReply {
  int n = 0;
};
json to_json(const SlowReply& r) {
  return {{"slept", r.n}};
}

// A registry with a quick verb, a slow one (sleeps 1.5 s) and one past its 200 ms budget.
struct Verbs {
  VerbRegistry registry;
  std::atomic<int> slow_running{0};
  Verbs() {
    register_system_verbs(registry);
    registry.add({"slow", Access::Read, 3000ms, "sleeps"}, parse_no_fields,
                 [this](const NoFields&, const Peer&) {
                   ++slow_running;
                   std::this_thread::sleep_for(1500ms);
                   return kiosk::Result<SlowReply>(SlowReply{1});
                 });
    registry.add({"overrun", Access::Read, 200ms, "runs past its budget"}, parse_no_fields,
                 [](const NoFields&, const Peer&) {
                   std::this_thread::sleep_for(800ms);
                   return kiosk::Result<SlowReply>(SlowReply{2});
                 });
    registry.add(
        {"poke", Access::Change, 500ms, "a change verb"}, parse_no_fields,
        [](const NoFields&, const Peer&) { return kiosk::Result<SlowReply>(SlowReply{3}); });
  }
};

struct Rig {
  std::filesystem::path path;
  Verbs verbs;
  std::unique_ptr<ControlServer> server;
  explicit Rig(const std::string& name, ServerOptions options = {},
               std::optional<gid_t> operator_gid = std::nullopt)
      : path(kiosk::testing::scratch_dir(name) / "ctl.sock") {
    options.read_deadline = 500ms;
    options.write_deadline = 500ms;
    auto started = ControlServer::start(path, verbs.registry,
                                        AccessPolicy(::geteuid(), operator_gid), options);
    REQUIRE(started);
    server = std::move(*started);
  }
  kiosk::Result<json> ask(const json& body, std::chrono::milliseconds timeout = 2000ms) const {
    return request(path, body, timeout);
  }
  bool healthy() const { return ask({{"verb", "health"}}).has_value(); }
};

UniqueFd connect_raw(const std::filesystem::path& path) {
  auto addr = socket_address(path.string());
  REQUIRE(addr);
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) == 0);
  return fd;
}

}  // namespace

TEST_CASE("The control socket answers one request per connection and goes with its server",
          "[control][socket]") {
  const auto path = kiosk::testing::scratch_dir("control-basic") / "ctl.sock";
  CHECK(request(path, {{"verb", "health"}}, 500ms).error().code == kiosk::Errc::NotFound);
  {
    Rig rig("control-basic");
    auto reply = rig.ask({{"verb", "health"}});
    REQUIRE(reply);
    CHECK(reply->contains("threads"));
    auto refused = rig.ask({{"verb", 5}});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == kiosk::Errc::InvalidInput);
  }
  CHECK_FALSE(std::filesystem::exists(path));  // the socket file goes with the server
}

TEST_CASE("The socket file is mode 0660 in the service group from the moment it exists",
          "[control][socket][access]") {
  Rig rig("control-mode");
  struct stat st {};
  REQUIRE(::stat(rig.path.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 0777) == 0660);
  CHECK(st.st_gid == ::getegid());
  CHECK_FALSE(std::filesystem::exists(rig.path.string() + ".new"));  // the staging name went
}

TEST_CASE("Clients that connect and never send a line do not keep others out",
          "[control][socket][deadline]") {
  Rig rig("control-silent");
  std::vector<UniqueFd> silent;
  for (int i = 0; i < 10; ++i) silent.push_back(connect_raw(rig.path));
  const auto started = std::chrono::steady_clock::now();
  CHECK(rig.healthy());
  CHECK(std::chrono::steady_clock::now() - started < 400ms);  // served beside them, not after
  // Each silent client is told "timeout" at its read deadline, then dropped.
  auto line = read_line(silent[0].get(), 4096, std::chrono::steady_clock::now() + 2s);
  REQUIRE(line);
  CHECK(line->find("\"timeout\"") != std::string::npos);
  char byte;
  CHECK(::recv(silent[0].get(), &byte, 1, 0) == 0);  // closed by the server
}

TEST_CASE("A line with no newline, then a hang, is dropped at the read deadline",
          "[control][socket][deadline]") {
  Rig rig("control-partial");
  UniqueFd fd = connect_raw(rig.path);
  const std::string partial = R"({"verb": "heal)";
  REQUIRE(::send(fd.get(), partial.data(), partial.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(partial.size()));
  auto line = read_line(fd.get(), 4096, std::chrono::steady_clock::now() + 2s);
  REQUIRE(line);
  CHECK(line->find("no request line in time") != std::string::npos);
  CHECK(rig.healthy());
}

TEST_CASE("A request without a newline is answered when the client closes its side",
          "[control][socket]") {
  Rig rig("control-shutdown");
  UniqueFd fd = connect_raw(rig.path);
  const std::string body = R"({"verb": "health"})";
  REQUIRE(::send(fd.get(), body.data(), body.size(), MSG_NOSIGNAL) > 0);
  ::shutdown(fd.get(), SHUT_WR);
  auto line = read_line(fd.get(), 1 << 20, std::chrono::steady_clock::now() + 2s);
  REQUIRE(line);
  CHECK(line->find("\"threads\"") != std::string::npos);
}

TEST_CASE("A slow verb does not hold up other clients", "[control][socket][pool]") {
  Rig rig("control-slow");
  auto slow = std::async(std::launch::async, [&] { return rig.ask({{"verb", "slow"}}, 5s); });
  REQUIRE(eventually([&] { return rig.verbs.slow_running.load() == 1; }));
  const auto started = std::chrono::steady_clock::now();
  CHECK(rig.healthy());
  CHECK(std::chrono::steady_clock::now() - started < 500ms);
  auto reply = slow.get();
  REQUIRE(reply);
  CHECK((*reply)["slept"] == 1);
}

TEST_CASE("A verb past its budget is answered timeout before the client gives up",
          "[control][socket][budget]") {
  Rig rig("control-budget");
  const auto started = std::chrono::steady_clock::now();
  auto reply = rig.ask({{"verb", "overrun"}}, client_timeout(200ms));
  const auto took = std::chrono::steady_clock::now() - started;
  REQUIRE_FALSE(reply);
  CHECK(reply.error().code == kiosk::Errc::Timeout);
  CHECK(reply.error().message.find("did not finish in time") != std::string::npos);  // server's
  CHECK(took < 700ms);
  CHECK(client_timeout(200ms) > 200ms);
  CHECK(rig.healthy());
}

TEST_CASE("100 connections and 100 requests at once are all answered", "[control][socket][load]") {
  Rig rig("control-load");
  std::vector<UniqueFd> idle;
  for (int i = 0; i < 100; ++i) idle.push_back(connect_raw(rig.path));
  CHECK(kiosk::testing::count_true_concurrently(100, [&] {
          return rig.ask({{"verb", "health"}}, 8s).has_value();
        }) == 100);
  CHECK(rig.healthy());
}

TEST_CASE("A client that never reads its answer is dropped, and the server goes on",
          "[control][socket][deadline]") {
  Rig rig("control-noread");
  std::vector<UniqueFd> lazy;
  for (int i = 0; i < 20; ++i) {
    lazy.push_back(connect_raw(rig.path));
    int tiny = 1;  // the smallest receive buffer, so the answer cannot all be taken at once
    ::setsockopt(lazy.back().get(), SOL_SOCKET, SO_RCVBUF, &tiny, sizeof tiny);
    const std::string body = "{\"verb\": \"health\"}\n";
    REQUIRE(::send(lazy.back().get(), body.data(), body.size(), MSG_NOSIGNAL) > 0);
  }
  CHECK(rig.healthy());
  std::this_thread::sleep_for(700ms);  // past the write deadline
  CHECK(rig.healthy());
}

TEST_CASE("A change verb from a peer outside the allowed groups is refused and logged",
          "[control][socket][access]") {
  std::vector<std::string> lines;
  kiosk::log::set_sink([&](kiosk::log::Level, std::string_view line) { lines.emplace_back(line); });
  // "users" (gid 100) stands for the operator group: the test runs as root, and a child
  // that drops to uid 65534 with or without it is the peer outside / inside.
  Rig rig("control-peer", {}, gid_t{100});
  ::chmod(rig.path.c_str(), 0666);  // let the unprivileged child reach the credential check
  const auto ask_as = [&](std::vector<gid_t> groups, const char* verb) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(pipe_fds[0]);
      const bool dropped = ::setgroups(groups.size(), groups.data()) == 0 && ::setgid(65534) == 0 &&
                           ::setuid(65534) == 0;
      auto reply = request(rig.path, {{"verb", verb}}, 2s);
      const std::string code = !dropped ? "setuid-failed"
                               : reply  ? "ok"
                                        : std::string(kiosk::to_string(reply.error().code));
      (void)!::write(pipe_fds[1], code.data(), code.size());
      ::_exit(0);
    }
    ::close(pipe_fds[1]);
    char buffer[64] = {};
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer - 1);
    ::close(pipe_fds[0]);
    ::waitpid(child, nullptr, 0);
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  };
  CHECK(ask_as({}, "poke") == "access");
  CHECK(ask_as({}, "health") == "ok");   // read verbs stay open
  CHECK(ask_as({100}, "poke") == "ok");  // the operator group may change things
  kiosk::log::set_sink(nullptr);
  const bool logged = std::ranges::any_of(lines, [](const std::string& l) {
    return l.find("refused \"poke\" to uid 65534") != std::string::npos;
  });
  CHECK(logged);
}

TEST_CASE("Without the 0666 opening, a stranger cannot even connect", "[control][socket][access]") {
  Rig rig("control-perm");
  const pid_t child = ::fork();
  if (child == 0) {
    const bool dropped =
        ::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0;
    auto reply = request(rig.path, {{"verb", "health"}}, 1s);
    ::_exit(dropped && !reply && reply.error().code == kiosk::Errc::Access ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

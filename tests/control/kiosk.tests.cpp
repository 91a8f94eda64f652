// The control channel of the real, running csc-kiosk (under Xvfb): nothing a local client
// sends or does takes it down. After each attack the kiosk is still alive and answers a
// normal `devices` request.
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>

#include "kiosk/control/client.h"
#include "kiosk/control/socket_io.h"
#include "tests/support/concurrently.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"
#include "tests/support/running_kiosk.h"

using namespace std::chrono_literals;
using kiosk::control::UniqueFd;
using kiosk::testing::eventually;
using kiosk::testing::RunningKiosk;
using nlohmann::json;

namespace {

struct KioskRig {
  std::filesystem::path dir, socket;
  std::unique_ptr<RunningKiosk> kiosk;

  explicit KioskRig(const std::string& name, std::vector<std::string> env = {})
      : dir(kiosk::testing::scratch_dir(name)), socket(dir / "state" / "ctl.sock") {
    const json config{
        {"paths",
         {{"state_dir", (dir / "state").string()},
          {"log_dir", (dir / "log").string()},
          {"assets_dir", kiosk::testing::assets_dir().string()},
          {"control_socket", socket.string()}}},
        {"sync", {{"start_jitter_s", 0}}},
        {"trust",
         {{"root_keys_file",
           (kiosk::testing::source_dir() / "config" / "keys" / "demo-root-keys.json").string()}}},
        {"control", {{"operator_group", "users"}}},
        {"devices", {{"receipt_printer", {{"kind", "printer"}, {"simulated", true}}}}}};
    std::ofstream(dir / "config.json") << config.dump(2);
    kiosk = std::make_unique<RunningKiosk>(dir / "config.json", std::move(env));
    REQUIRE(eventually([&] { return devices_answer(); }, 20s));
  }

  kiosk::Result<json> ask(const json& body, std::chrono::milliseconds timeout = 3s) const {
    return kiosk::control::request(socket, body, timeout);
  }
  bool devices_answer() const {
    auto reply = ask({{"verb", "devices"}}, 2s);
    return reply && reply->contains("devices") && (*reply)["devices"].size() == 1;
  }
  // Alive, and a normal request still answers.
  bool fine() const { return kiosk->alive() && devices_answer(); }

  // Sends raw bytes on a fresh connection and reads what comes back (possibly nothing).
  std::string raw(const std::string& bytes, bool shut_write = true) const {
    auto addr = kiosk::control::socket_address(socket.string());
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!addr || ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr))
      return "<no connect>";
    if (auto sent =
            kiosk::control::send_all(fd.get(), bytes, std::chrono::steady_clock::now() + 2s);
        !sent)
      return "<send failed>";
    if (shut_write) ::shutdown(fd.get(), SHUT_WR);
    auto line = kiosk::control::read_line(fd.get(), 1 << 20, std::chrono::steady_clock::now() + 4s);
    return line ? *line : "<" + line.error().message + ">";
  }

  json health() const {
    auto reply = ask({{"verb", "health"}});
    return reply ? *reply : json::object();
  }
};

std::uint64_t faults_of(const json& health, const std::string& thread) {
  for (const auto& t : health.value("threads", json::array()))
    if (t.value("name", "") == thread) return t.value("faults", std::uint64_t{0});
  return 0;
}

std::uint64_t instances_of(const json& health, const std::string& thread) {
  for (const auto& t : health.value("threads", json::array()))
    if (t.value("name", "") == thread) return t.value("instances", std::uint64_t{0});
  return 0;
}

}  // namespace

TEST_CASE("Hostile request lines leave the running kiosk alive and answering",
          "[control][kiosk][xvfb][hostile]") {
  KioskRig rig("kiosk-hostile");
  // Wrong types in every field of every verb, and a top level that is not an object.
  std::vector<std::string> lines;
  for (const json& wrong : {json(5), json(nullptr), json(true), json(-1.5), json::array({1}),
                            json::object({{"a", 1}}), json("x")}) {
    lines.push_back(json{{"verb", wrong}}.dump());
    for (const char* verb : {"devices", "reset", "health", "fault"})
      for (const char* field : {"name", "thread", "verb2"})
        lines.push_back(json{{"verb", verb}, {field, wrong}}.dump());
  }
  for (const char* line : {"[]", "5", "\"devices\"", "null", "true", "{", "}", "{\"verb\":"})
    lines.emplace_back(line);
  lines.push_back(R"({"verb": "devices", "verb": 5})");
  lines.push_back("{\"verb\": \"dev\xff\xfe\"}");                        // invalid UTF-8
  lines.push_back(std::string("{\"verb\": \"devi\0ces\"}", 21));         // a NUL byte
  lines.push_back(std::string(100000, '[') + std::string(100000, ']'));  // deep nesting
  lines.push_back(std::string(200000, '{'));                             // deep and unclosed
  lines.push_back(R"({"verb": "devices", "p": ")" + std::string(70000, 'x') + "\"}");  // over size
  int answered_with_error = 0;
  for (const auto& line : lines) {
    const std::string reply = rig.raw(line + "\n");
    answered_with_error += reply.find("\"error\"") != std::string::npos ? 1 : 0;
  }
  INFO(rig.kiosk->log());
  CHECK(answered_with_error == static_cast<int>(lines.size()));  // each one told what is wrong
  CHECK(rig.fine());
  CHECK(rig.raw(R"({"verb": "devices", "verb2": "x"})"
                "\n")
            .find("takes no field") != std::string::npos);
}

TEST_CASE("Silent, slow and greedy clients leave the running kiosk alive and answering",
          "[control][kiosk][xvfb][load]") {
  KioskRig rig("kiosk-clients");
  // A line with no newline, then a client that hangs.
  auto addr = kiosk::control::socket_address(rig.socket.string());
  REQUIRE(addr);
  const auto open_client = [&] {
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    (void)!::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr);
    return fd;
  };
  UniqueFd hanging = open_client();
  (void)!::send(hanging.get(), "{\"verb\": \"dev", 13, MSG_NOSIGNAL);
  CHECK(rig.fine());
  // 100 connections at once that send nothing.
  std::vector<UniqueFd> idle;
  for (int i = 0; i < 100; ++i) idle.push_back(open_client());
  CHECK(rig.fine());
  // 100 requests at once.
  CHECK(kiosk::testing::count_true_concurrently(100, [&] {
          return rig.ask({{"verb", "devices"}}, 10s).has_value();
        }) == 100);
  // Clients that never read their answers.
  std::vector<UniqueFd> lazy;
  for (int i = 0; i < 20; ++i) {
    lazy.push_back(open_client());
    (void)!::send(lazy.back().get(), "{\"verb\": \"devices\"}\n", 20, MSG_NOSIGNAL);
  }
  std::this_thread::sleep_for(2500ms);  // past the read and write deadlines
  CHECK(rig.fine());
}

TEST_CASE("A change verb from outside the allowed groups is refused, logged, and harmless",
          "[control][kiosk][xvfb][access]") {
  KioskRig rig("kiosk-access");
  ::chmod(rig.socket.c_str(), 0666);  // as if a package got the mode wrong: creds still hold
  const pid_t child = ::fork();
  if (child == 0) {
    const bool dropped =
        ::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0;
    auto reset =
        kiosk::control::request(rig.socket, {{"verb", "reset"}, {"name", "receipt_printer"}}, 3s);
    auto devices = kiosk::control::request(rig.socket, {{"verb", "devices"}}, 3s);
    ::_exit(dropped && !reset && reset.error().code == kiosk::Errc::Access && devices ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(rig.fine());
  CHECK(eventually([&] {
    return rig.kiosk->log().find("refused \"reset\" to uid 65534") != std::string::npos;
  }));
}

TEST_CASE("The fault verb makes each thread throw once and the kiosk carries on",
          "[control][kiosk][xvfb][fault]") {
  KioskRig rig("kiosk-faults");
  const json before = rig.health();
  REQUIRE(before.value("fault_injection", false));
  CHECK(before.value("forks", -1) == 0);  // SDL_Init forked no D-Bus helper
  for (const char* thread : {"control", "control-worker", "core", "device", "sync", "outbox",
                             "voice", "alerts", "print", "config"}) {
    INFO(thread);
    // The voice guide starts after the first frame: on a loaded machine, after the kiosk
    // already answers the socket.
    REQUIRE(eventually([&] { return instances_of(rig.health(), thread) > 0; }, 10s));
    const auto instances = instances_of(rig.health(), thread);  // 4 control workers
    auto armed = rig.ask({{"verb", "fault"}, {"thread", thread}});
    REQUIRE(armed);
    CHECK(eventually([&] { return faults_of(rig.health(), thread) == instances; }, 5s));
    CHECK(rig.fine());
    CHECK(eventually([&] {
      return rig.kiosk->log().find(std::string(thread) + " thread: uncaught exception") !=
             std::string::npos;
    }));
  }
  // After all of them, a citizen-facing round trip still works: the core publishes.
  CHECK(rig.kiosk->alive());
  CHECK(rig.kiosk->stop() == 0);  // and it still stops cleanly
}

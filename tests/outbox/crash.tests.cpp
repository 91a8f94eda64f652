// queue.md T1: SIGKILL a child that commits and delivers, at random moments, many times.
// Afterwards every acknowledged transaction is at the backend exactly once and the
// database passes quick_check. KIOSK_CRASH_KILLS sets the count (CI 200;
// tools/crash-loop.sh runs 10,000).
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "kiosk/store/database.h"
#include "kiosk/store/sql.h"
#include "tests/outbox/fixtures.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

extern char** environ;

using namespace kiosk;
using namespace kiosk::testing;

namespace {

int kills_wanted() {
  const char* env = std::getenv("KIOSK_CRASH_KILLS");
  return env ? std::max(1, std::atoi(env)) : 200;
}

std::vector<std::string> child_args(const std::filesystem::path& dir, int port) {
  return {KIOSK_CRASH_CHILD_PATH,
          "--state",
          dir.string(),
          "--url",
          "http://127.0.0.1:" + std::to_string(port),
          "--token",
          kKioskToken,
          "--acks",
          (dir / "acks.log").string()};
}

pid_t spawn(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::set<std::string> acked_keys(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::set<std::string> keys;
  std::string word, key;
  while (in >> word >> key) keys.insert(key);
  return keys;
}

std::set<std::string> local_keys(const std::filesystem::path& dir) {
  auto db = store::Database::open(dir / "kiosk.db");
  REQUIRE(db);
  auto q = store::sql::Query::make(*db, "SELECT idem_key FROM outbox");
  std::set<std::string> keys;
  while (*q->step()) keys.insert(q->text(0));
  return keys;
}

// Runs kill cycles; `between` is called every 20 kills (to restart the backend).
// Each child lives 15-75 ms (times `slower`) before its SIGKILL.
void kill_loop(const std::filesystem::path& dir, int kills, std::function<int()> port,
               const std::function<void()>& between, int slower = 1) {
  std::mt19937 dice(20261128);
  for (int i = 0; i < kills; ++i) {
    const pid_t pid = spawn(child_args(dir, port()));
    std::this_thread::sleep_for(std::chrono::milliseconds((15 + dice() % 60) * slower));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (i % 20 == 19) between();
  }
}

// Kills until at least 10 transactions were acknowledged: `kills` at first, then 20 more
// at a time with lives twice as long each round (five rounds at most). On a loaded machine
// (the Xvfb journeys beside it) children were killed before their first commit, and a loop
// that acknowledged nothing proves nothing.
void kill_until_acked(const std::filesystem::path& dir, int kills, std::function<int()> port,
                      const std::function<void()>& between) {
  kill_loop(dir, kills, port, between);
  for (int more = 0; more < 5 && acked_keys(dir / "acks.log").size() < 10; ++more)
    kill_loop(dir, 20, port, between, 2 << more);
}

void check_exactly_once(const std::filesystem::path& dir, BackendProcess& backend) {
  const auto drained = run_process({KIOSK_CRASH_CHILD_PATH, "--state", dir.string(), "--url",
                                    "http://127.0.0.1:" + std::to_string(backend.port()), "--token",
                                    kKioskToken, "--drain"});
  REQUIRE(drained.exit_code == 0);
  const auto acked = acked_keys(dir / "acks.log");
  const auto local = local_keys(dir);
  const auto stats = backend.stats(/*keys=*/true);
  const auto remote_list = stats["keys"].get<std::vector<std::string>>();
  const std::set<std::string> remote(remote_list.begin(), remote_list.end());
  INFO("acked " << acked.size() << ", local " << local.size() << ", remote " << remote.size());
  // Enough work happened to matter (ASan children start slowly, so few ACKs per life).
  CHECK(acked.size() >= 10);
  CHECK(remote_list.size() == remote.size());  // no key stored twice
  CHECK(stats["stored"].get<std::size_t>() == remote.size());
  CHECK(remote == local);  // everything committed locally arrived, nothing else
  for (const auto& k : acked) CHECK(remote.contains(k));
  auto db = store::Database::open(dir / "kiosk.db");  // runs quick_check
  REQUIRE(db);
}

}  // namespace

TEST_CASE("Killing the kiosk at random moments loses and duplicates nothing", "[crash][outbox]") {
  const auto dir = scratch_dir("crash-kiosk");
  BackendProcess backend(scratch_dir("crash-kiosk-backend"));
  kill_until_acked(
      dir, kills_wanted(), [&] { return backend.port(); }, [] {});
  check_exactly_once(dir, backend);
}

TEST_CASE("Killing the backend too, mid-delivery, still delivers exactly once",
          "[crash][outbox][backend]") {
  const auto dir = scratch_dir("crash-both");
  const auto backend_dir = scratch_dir("crash-both-backend");
  auto backend = std::make_unique<BackendProcess>(backend_dir);
  const int kills = std::max(40, kills_wanted() / 2);
  kill_until_acked(
      dir, kills, [&] { return backend->port(); },
      [&] {
        backend->stop(SIGKILL);
        backend = std::make_unique<BackendProcess>(backend_dir);
      });
  check_exactly_once(dir, *backend);
}

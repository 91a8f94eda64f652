// `kioskctl config apply | status` with no kiosk running: the same checks and files as the
// kiosk, the exit codes, and SIGKILL at random instants of an apply (each restart finds the
// old bundle or the new one, and `config status` agrees with the files).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <thread>

#include "kiosk/config/bundle.h"
#include "kiosk/config/envelope.h"
#include "kiosk/core/file.h"
#include "tests/support/outside_signer.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct Kiosk {
  explicit Kiosk(const std::string& name) : dir(scratch_dir(name)), signer(keys(dir)) {
    std::ofstream(dir / "root.json") << signer.shipped_root;
    const json local{{"kiosk", {{"id", "CG-RPR-0042"}}},
                     {"paths",
                      {{"state_dir", (dir / "state").string()},
                       {"control_socket", (dir / "no-kiosk.sock").string()},
                       {"assets_dir", assets_dir().string()}}},
                     {"trust", {{"root_keys_file", (dir / "root.json").string()}}}};
    std::ofstream(dir / "config.json") << local.dump(2);
  }
  static std::filesystem::path keys(const std::filesystem::path& d) {
    std::filesystem::create_directories(d / "keys");
    return d / "keys";
  }
  std::vector<std::string> argv(const std::vector<std::string>& args) const {
    std::vector<std::string> out{KIOSKCTL_PATH, "--config", (dir / "config.json").string()};
    out.insert(out.end(), args.begin(), args.end());
    return out;
  }
  ProcessResult ctl(const std::vector<std::string>& args) const { return run_process(argv(args)); }
  std::filesystem::path bundle_file(std::uint64_t version, int idle) {
    const auto file = dir / ("bundle-" + std::to_string(version) + ".json");
    std::ofstream(file) << signer.bundle(
        OutsideSigner::bundle_payload(version, {{"ui", {{"idle_timeout_s", idle}}}}));
    return file;
  }
  json status() const {
    const auto r = ctl({"--json", "config", "status"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output.substr(r.output.find('{')));
  }
  std::filesystem::path dir;
  OutsideSigner signer;
};

// The payload hash of what is on disk as the bundle in force; empty when there is none.
std::string file_sha(const std::filesystem::path& state) {
  auto bytes = kiosk::read_text_file(state / "config" / "bundle.json");
  if (!bytes) return "";
  auto envelope = kiosk::config::parse_envelope(*bytes);
  REQUIRE(envelope);
  return kiosk::config::sha256_hex(envelope->payload);
}

pid_t spawn(const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE(
    "kioskctl config apply applies a good bundle (exit 0) and names the refused check "
    "(exit 1)",
    "[cli][config][apply]") {
  Kiosk kiosk("ctl-config-apply");
  const auto v2 = kiosk.bundle_file(2, 120);
  auto applied = kiosk.ctl({"config", "apply", v2.string()});
  INFO(applied.output);
  CHECK(applied.exit_code == 0);
  CHECK(applied.output.find("version 2 applied") != std::string::npos);
  auto again = kiosk.ctl({"config", "apply", v2.string()});
  CHECK(again.exit_code == 0);
  CHECK(again.output.find("already in force") != std::string::npos);
  auto older = kiosk.ctl({"--json", "config", "apply", kiosk.bundle_file(1, 100).string()});
  INFO(older.output);
  CHECK(older.exit_code == 1);
  CHECK(older.output.find("\"check\": \"version\"") != std::string::npos);
  const auto s = kiosk.status();
  CHECK(s["in_force"]["version"] == 2);
  CHECK(s["record"]["applied"]["source"] == "kioskctl");
  CHECK(s["record"]["trial"]["phase"] == "running");
  CHECK(s["record"]["last_refusal"]["check"] == "version");
  CHECK(s["running"] == false);
  SECTION("a root document is applied the same way") {
    const auto root2 = kiosk.dir / "root-2.json";
    std::ofstream(root2) << kiosk.signer.root(2, {&kiosk.signer.root2}, {&kiosk.signer.config},
                                              {&kiosk.signer.root1, &kiosk.signer.root2});
    auto rotated = kiosk.ctl({"config", "apply", root2.string()});
    INFO(rotated.output);
    CHECK(rotated.exit_code == 0);
    CHECK(kiosk.status()["root_version"] == 2);
  }
}

TEST_CASE(
    "SIGKILL at random instants of config apply leaves the old bundle or the new one, "
    "and config status agrees with the files",
    "[cli][config][apply][kill]") {
  Kiosk kiosk("ctl-config-apply-kill");
  constexpr int kKills = 100;
  std::vector<std::filesystem::path> bundles;
  for (int v = 1; v <= kKills + 1; ++v) bundles.push_back(kiosk.bundle_file(v, 60 + v));
  // How long one apply takes here, to spread the kills across it.
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(kiosk.ctl({"config", "apply", bundles[0].string()}).exit_code == 0);
  const auto apply_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  std::mt19937 dice(20261207);
  std::uniform_int_distribution<long> delay(0, apply_us.count() * 12 / 10);
  std::uint64_t in_force = 1;
  int old_kept = 0, new_taken = 0;
  for (int i = 1; i <= kKills; ++i) {
    INFO("kill " << i);
    const std::uint64_t next = i + 1;
    const pid_t pid = spawn(kiosk.argv({"config", "apply", bundles[i].string()}));
    std::this_thread::sleep_for(std::chrono::microseconds(delay(dice)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const json s = kiosk.status();  // opens the files and the record as a restart would
    const std::uint64_t now =
        s["in_force"].is_null() ? 0 : s["in_force"]["version"].get<std::uint64_t>();
    CHECK((now == in_force || now == next));
    (now == next ? new_taken : old_kept) += 1;
    CHECK(s["record"]["applied"]["version"] == now);
    CHECK(s["record"]["applied"]["sha256"] == s["in_force"]["sha256"]);
    CHECK(file_sha(kiosk.dir / "state") == s["in_force"]["sha256"].get<std::string>());
    CHECK(s["record"]["highest_version"].get<std::uint64_t>() >= now);
    in_force = now;
  }
  // The kills landed on both sides of the rename (else this proved little).
  CHECK(old_kept > 0);
  CHECK(new_taken > 0);
  WARN("kills that kept the old bundle: " << old_kept << ", that found the new one: " << new_taken);
}

// `kioskctl config keygen | sign | root sign | verify | inspect`, as an operator runs them,
// against the demo kiosk's shipped root and its demo config key.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/config/envelope.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
using nlohmann::json;

namespace {

std::string demo_config() {
  return (source_dir() / "config" / "demo.json").string();
}
std::string demo_key(const char* name) {
  return (source_dir() / "config" / "keys" / name).string();
}

ProcessResult ctl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{KIOSKCTL_PATH, "--config", demo_config()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

json json_of(const ProcessResult& r) {
  const auto start = r.output.find('{');
  REQUIRE(start != std::string::npos);
  return json::parse(r.output.substr(start));
}

std::filesystem::path write(const std::filesystem::path& file, const json& payload) {
  std::ofstream(file) << payload.dump();
  return file;
}

json bundle(std::uint64_t version) {
  return {{"schema", 1},
          {"scope", {{"fleet", true}}},
          {"version", version},
          {"issued_at", "2026-01-01T00:00:00Z"},
          {"expires_at", "2099-01-01T00:00:00Z"},
          {"settings", {{"ui", {{"idle_timeout_s", 120}}}}}};
}

}  // namespace

TEST_CASE("keygen writes a 0600 private key and a public entry with its id",
          "[cli][config][keys]") {
  const auto dir = scratch_dir("config-keygen");
  const auto made = run_process({KIOSKCTL_PATH, "--json", "config", "keygen", "--out", dir.string(),
                                 "--name", "k1", "--role", "root"});
  REQUIRE(made.exit_code == 0);
  const auto report = json_of(made);
  struct stat st {};
  REQUIRE(::stat((dir / "k1.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::ifstream pub(dir / "k1.pub");
  const auto entry = json::parse(pub);
  CHECK(entry["key_id"] == report["key_id"]);
  CHECK(entry["role"] == "root");
  // Never over an existing key.
  CHECK(run_process({KIOSKCTL_PATH, "config", "keygen", "--out", dir.string(), "--name", "k1"})
            .exit_code != 0);
}

TEST_CASE("A bundle signed with the demo config key verifies against the demo kiosk",
          "[cli][config][verify]") {
  const auto dir = scratch_dir("config-verify");
  const auto payload = write(dir / "bundle.json", bundle(1));
  const auto signed_file = (dir / "bundle.signed").string();
  REQUIRE(ctl({"config", "sign", "--key", demo_key("demo-config.key"), "--out", signed_file,
               payload.string()})
              .exit_code == 0);
  const auto ok = ctl({"--json", "config", "verify", signed_file});
  CHECK(ok.exit_code == 0);
  CHECK(json_of(ok)["ok"] == true);
  const auto inspected = ctl({"--json", "config", "inspect", signed_file});
  REQUIRE(inspected.exit_code == 0);
  CHECK(json_of(inspected)["settings"]["ui.idle_timeout_s"]["in_force"] == 90);
  CHECK(json_of(inspected)["settings"]["ui.idle_timeout_s"]["bundle"] == 120);

  // Tampered after signing: exit 1, the failed check named.
  std::ifstream in(signed_file);
  auto envelope = json::parse(in);
  auto bytes = *kiosk::config::decode_base64(envelope["payload"].get<std::string>(), 1 << 20);
  bytes.replace(bytes.find("120"), 3, "300");
  envelope["payload"] = kiosk::config::encode_base64(bytes);
  std::ofstream(dir / "tampered.signed") << envelope.dump();
  const auto tampered = ctl({"--json", "config", "verify", (dir / "tampered.signed").string()});
  CHECK(tampered.exit_code == 1);
  CHECK(json_of(tampered)["check"] == "signatures");
  // Signed by a key the root does not know.
  REQUIRE(run_process({KIOSKCTL_PATH, "config", "keygen", "--out", dir.string(), "--name", "x"})
              .exit_code == 0);
  REQUIRE(ctl({"config", "sign", "--key", (dir / "x.key").string(), "--out",
               (dir / "stranger.signed").string(), payload.string()})
              .exit_code == 0);
  const auto stranger = ctl({"--json", "config", "verify", (dir / "stranger.signed").string()});
  CHECK(stranger.exit_code == 1);
  CHECK(json_of(stranger)["check"] == "key-ids");
}

TEST_CASE("root sign refuses what is not a root payload", "[cli][config][root]") {
  const auto dir = scratch_dir("config-root-sign");
  const auto not_root = write(dir / "bundle.json", bundle(1));
  const auto r = ctl({"config", "root", "sign", "--key", demo_key("demo-root.key"), "--out",
                      (dir / "root.signed").string(), not_root.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("not a root payload") != std::string::npos);
  // The demo's shipped root is a well-formed root signed by its own root key.
  std::ifstream shipped(source_dir() / "config" / "keys" / "demo-root-keys.json");
  const std::string text{std::istreambuf_iterator<char>(shipped), {}};
  const auto root = kiosk::config::shipped_root(text);
  REQUIRE(root);
  CHECK(root->version == 1);
}

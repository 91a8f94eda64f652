// Configure refuses to ship the demo's root keys (cmake/check_root_keys.cmake, the check
// cmake/packaging.cmake runs on KIOSK_ROOT_KEYS_FILE), run here with `cmake -P`.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/package/package_root.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult check(const fs::path& root_keys) {
  return run_process({"cmake", "-DROOT_KEYS_FILE=" + root_keys.string(),
                      "-DDEMO_KEYS_DIR=" + (source_dir() / "config/keys").string(), "-P",
                      (source_dir() / "cmake/check_root_keys.cmake").string()});
}

fs::path write(const fs::path& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
  return dir / name;
}

const fs::path kDemoRoot = source_dir() / "config/keys/demo-root-keys.json";

}  // namespace

TEST_CASE("The root keys check refuses the demo root and any copy of it", "[package][root-keys]") {
  const auto dir = scratch_dir("root-keys-demo");
  const auto demo_text = read_text(kDemoRoot);
  for (const auto& file :
       {kDemoRoot, write(dir, "copy.json", demo_text),
        // the same signed payload, laid out again
        write(dir, "reformatted.json", nlohmann::json::parse(demo_text).dump())}) {
    INFO(file);
    const auto r = check(file);
    INFO(r.output);
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("demo root") != std::string::npos);
  }
}

TEST_CASE("The root keys check refuses a root signed by a demo key", "[package][root-keys]") {
  auto root = nlohmann::json::parse(read_text(source_dir() / "packaging/ci-root-keys.json"));
  root["signatures"].push_back({{"key_id", "cc3a55eddaf8a2d3"}, {"sig", "AAAA"}});
  const auto r = check(write(scratch_dir("root-keys-demo-signed"), "root.json", root.dump()));
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("signed by the demo key cc3a55eddaf8a2d3") != std::string::npos);
}

TEST_CASE("The root keys check refuses a missing file and a file that is no root document",
          "[package][root-keys]") {
  const auto dir = scratch_dir("root-keys-bad");
  const auto missing = check(dir / "none.json");
  CHECK(missing.exit_code != 0);
  CHECK(missing.output.find("does not exist") != std::string::npos);
  // A root payload (not signed) is what a state might give by mistake.
  const auto payload = check(source_dir() / "config/keys/demo-root-v1.json");
  CHECK(payload.exit_code != 0);
  CHECK(payload.output.find("not a signed root document") != std::string::npos);
}

TEST_CASE("The root keys check accepts the CI root, which kioskctl takes as a root",
          "[package][root-keys]") {
  const auto ci_root = source_dir() / "packaging/ci-root-keys.json";
  const auto r = check(ci_root);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  // kioskctl reads the trust root from trust.root_keys_file: a kiosk configured with the CI
  // root reports its version (docs/cli.md, config status).
  const auto dir = scratch_dir("root-keys-ci");
  const auto config = write(dir, "config.json",
                            nlohmann::json{{"paths", {{"state_dir", (dir / "state").string()}}},
                                           {"trust", {{"root_keys_file", ci_root.string()}}}}
                                .dump());
  const auto status =
      run_process({KIOSKCTL_PATH, "--config", config.string(), "config", "status", "--json"});
  INFO(status.output);
  REQUIRE(status.exit_code == 0);
  // stdout and stderr come interleaved: the JSON starts at the first line that opens it.
  const auto json_at = status.output.starts_with("{") ? 0 : status.output.find("\n{");
  REQUIRE(json_at != std::string::npos);
  CHECK(nlohmann::json::parse(status.output.substr(json_at))["root_version"] == 1);
}

TEST_CASE("Configuring the project with the demo root as KIOSK_ROOT_KEYS_FILE fails",
          "[package][root-keys]") {
  // The whole project's configure, cut short by cmake/packaging.cmake (about a second: it
  // fails before any test or benchmark is configured).
  const auto build = scratch_dir("root-keys-configure");
  const auto r = run_process({"cmake", "-S", source_dir().string(), "-B", build.string(), "-G",
                              "Ninja", "-DKIOSK_TESTS=OFF", "-DKIOSK_BENCH=OFF",
                              "-DKIOSK_ROOT_KEYS_FILE=" + kDemoRoot.string()});
  INFO(r.output);
  CHECK(r.exit_code != 0);
  CHECK(r.output.find("KIOSK_ROOT_KEYS_FILE: refusing to ship these root keys") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(build / "build.ninja"));
}

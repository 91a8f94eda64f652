// What the Debian package holds, where and with which modes (dpkg-deb -x), and its control
// fields and conffiles (dpkg-deb -f, -e).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "tests/package/package_root.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
namespace fs = std::filesystem;

namespace {

// Built with -DKIOSK_ROOT_KEYS_FILE=… (tools/test.sh: packaging/ci-root-keys.json), or empty.
const std::string kShippedRootKeys = KIOSK_PACKAGE_ROOT_KEYS;

std::string field(const std::string& name) {
  const auto r = run_process({"dpkg-deb", "-f", unpacked_package().deb.string(), name});
  REQUIRE(r.exit_code == 0);
  auto value = r.output;
  while (!value.empty() && value.back() == '\n') value.pop_back();
  return value;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// Every regular file and symlink in the unpacked root, as absolute paths on the kiosk.
std::set<std::string> packaged_files() {
  std::set<std::string> files;
  const auto& root = unpacked_package().root;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) files.insert("/" + fs::relative(entry.path(), root).string());
  }
  return files;
}

}  // namespace

TEST_CASE("The package puts each file at its FHS path with its mode", "[package][contents]") {
  const auto& package = unpacked_package();
  const std::vector<std::pair<std::string, std::string>> expected{
      {"/usr/bin/csc-kiosk", "0755"},
      {"/usr/bin/kioskctl", "0755"},
      {"/etc/csc-kiosk/config.json", "0644"},
      {"/lib/systemd/system/csc-kiosk.service", "0644"},
      {"/lib/udev/rules.d/70-csc-kiosk.rules", "0644"},
      {"/usr/share/doc/csc-kiosk/deploy.md", "0644"},
      {"/usr/share/doc/csc-kiosk/operator.md", "0644"},
      {"/usr/share/doc/csc-kiosk/cli.md", "0644"},
  };
  for (const auto& [path, mode] : expected) {
    INFO(path);
    REQUIRE(fs::is_regular_file(in_root(package, path)));
    CHECK(mode_of(in_root(package, path)) == mode);
  }
  // Every asset of the checkout, byte for byte, 0644.
  int assets = 0;
  for (const auto& entry : fs::recursive_directory_iterator(assets_dir())) {
    if (!entry.is_regular_file()) continue;
    const auto packaged = in_root(
        package, "/usr/share/csc-kiosk/" + fs::relative(entry.path(), assets_dir()).string());
    INFO(packaged);
    REQUIRE(fs::is_regular_file(packaged));
    CHECK(mode_of(packaged) == "0644");
    CHECK(read_text(packaged) == read_text(entry.path()));
    ++assets;
  }
  CHECK(assets > 0);
}

TEST_CASE("The package holds nothing but the kiosk's own files", "[package][contents]") {
  const std::vector<std::string> allowed_dirs{
      "/usr/bin/",       "/usr/share/csc-kiosk/", "/usr/share/doc/csc-kiosk/",
      "/etc/csc-kiosk/", "/lib/systemd/system/",  "/lib/udev/rules.d/"};
  const auto files = packaged_files();
  for (const auto& file : files) {
    INFO(file);
    CHECK(std::ranges::any_of(allowed_dirs, [&](const auto& d) { return file.starts_with(d); }));
    // No simulator (csc-kiosk-simusb, -rdsim) and no reference backend: only the two programs.
    if (file.starts_with("/usr/bin/")) {
      CHECK((file == "/usr/bin/csc-kiosk" || file == "/usr/bin/kioskctl"));
    }
  }
  // dpkg-deb -c: every entry belongs to root (cpack builds the archive as if by fakeroot).
  const auto listing = run_process({"dpkg-deb", "-c", unpacked_package().deb.string()});
  REQUIRE(listing.exit_code == 0);
  for (const auto& line : lines_of(listing.output)) {
    INFO(line);
    CHECK(line.find(" root/root ") != std::string::npos);
  }
}

TEST_CASE("The packaged config is the default config and kioskctl loads it",
          "[package][contents]") {
  const auto config = in_root(unpacked_package(), "/etc/csc-kiosk/config.json");
  CHECK(read_text(config) == read_text(source_dir() / "config" / "csc-kiosk.json"));
  const auto r = run_process({KIOSKCTL_PATH, "--config", config.string(), "config", "show"});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("paths.state_dir") != std::string::npos);
  CHECK(r.output.find("/var/lib/csc-kiosk") != std::string::npos);
}

TEST_CASE("The control file names the package, its version, architecture and dependencies",
          "[package][control]") {
  CHECK(field("Package") == "csc-kiosk");
  CHECK(field("Version") == KIOSK_PACKAGE_VERSION);
  const auto arch = run_process({"dpkg", "--print-architecture"});
  CHECK(field("Architecture") + "\n" == arch.output);
  const auto depends = field("Depends");
  INFO(depends);
  // Named by hand: the compositor, adduser for postinst, the data the kiosk reads.
  for (const auto* name :
       {"cage", "adduser", "fonts-noto-core", "fonts-material-design-icons-iconfont",
        "espeak-ng-data", "m17n-db", "libegl1", "libgl1-mesa-dri"}) {
    CHECK(depends.find(name) != std::string::npos);
  }
  // Found by dpkg-shlibdeps in the binaries.
  for (const auto* name : {"libsdl2-2.0-0", "libsqlite3-0", "libusb-1.0-0", "libsodium23",
                           "libcurl4", "libsystemd0"}) {
    CHECK(depends.find(name) != std::string::npos);
  }
  CHECK_FALSE(field("Description").empty());
  CHECK_FALSE(field("Maintainer").empty());
}

TEST_CASE("The conffiles list names the config and the shipped root keys", "[package][control]") {
  const auto& package = unpacked_package();
  const auto conffiles = package.control / "conffiles";
  REQUIRE(fs::is_regular_file(conffiles));
  CHECK(mode_of(conffiles) == "0644");
  std::vector<std::string> expected{"/etc/csc-kiosk/config.json"};
  if (!kShippedRootKeys.empty()) expected.push_back("/etc/csc-kiosk/root-keys.json");
  const auto listed = lines_of(read_text(conffiles));
  CHECK(listed == expected);
  for (const auto& file : listed) CHECK(fs::is_regular_file(in_root(package, file)));
}

TEST_CASE("The package ships the root keys it was configured with and never the demo root",
          "[package][contents][root-keys]") {
  const auto shipped = in_root(unpacked_package(), "/etc/csc-kiosk/root-keys.json");
  if (kShippedRootKeys.empty()) {
    // Signed configuration stays off until the state installs its root (docs/deploy.md).
    CHECK_FALSE(fs::exists(shipped));
    return;
  }
  REQUIRE(fs::is_regular_file(shipped));
  CHECK(mode_of(shipped) == "0644");
  CHECK(read_text(shipped) == read_text(kShippedRootKeys));
  CHECK(read_text(shipped) != read_text(source_dir() / "config/keys/demo-root-keys.json"));
}

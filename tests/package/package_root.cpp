#include "tests/package/package_root.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "tests/support/paths.h"
#include "tests/support/process.h"

namespace kiosk::testing {
namespace fs = std::filesystem;

namespace {

fs::path newest_package() {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(KIOSK_BINARY_DIR)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("csc-kiosk_") && name.ends_with(".deb")) found.push_back(entry.path());
  }
  if (found.empty()) {
    throw std::runtime_error(
        fmt::format("no csc-kiosk_*.deb in {}: run `cpack -G DEB` there (tools/test.sh does)",
                    KIOSK_BINARY_DIR));
  }
  std::ranges::sort(found, {}, [](const fs::path& p) { return fs::last_write_time(p); });
  return found.back();
}

// A package older than the program it ships would test yesterday's build.
void require_fresh(const fs::path& deb) {
  if (fs::last_write_time(deb) < fs::last_write_time(CSC_KIOSK_PATH)) {
    throw std::runtime_error(fmt::format("{} is older than {}: run `cpack -G DEB` in {} again",
                                         deb.string(), CSC_KIOSK_PATH, KIOSK_BINARY_DIR));
  }
}

void run_or_throw(const std::vector<std::string>& argv) {
  const auto r = run_process(argv);
  if (r.exit_code != 0) {
    throw std::runtime_error(fmt::format("{} failed ({}): {}", argv[0], r.exit_code, r.output));
  }
}

UnpackedPackage unpack() {
  UnpackedPackage package;
  package.deb = newest_package();
  require_fresh(package.deb);
  const auto dir = scratch_dir("package");
  package.root = dir / "root";
  package.control = dir / "DEBIAN";
  run_or_throw({"dpkg-deb", "-x", package.deb.string(), package.root.string()});
  run_or_throw({"dpkg-deb", "-e", package.deb.string(), package.control.string()});
  return package;
}

}  // namespace

const UnpackedPackage& unpacked_package() {
  static const UnpackedPackage package = unpack();
  return package;
}

fs::path in_root(const UnpackedPackage& package, const std::string& absolute) {
  return package.root / fs::path(absolute).relative_path();
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string mode_of(const fs::path& file) {
  const auto perms = fs::symlink_status(file).permissions() & fs::perms::mask;
  return fmt::format("{:04o}", static_cast<unsigned>(perms));
}

}  // namespace kiosk::testing

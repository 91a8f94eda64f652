// The packaged unit passes `systemd-analyze verify` with its programs taken from the
// unpacked package (cage from the host: /usr/bin/cage, a dependency).
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/package/package_root.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
namespace fs = std::filesystem;

namespace {

const char* const kUnitPath = "/lib/systemd/system/csc-kiosk.service";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A copy of the packaged unit whose /usr/bin/csc-kiosk is the unpacked one.
fs::path unit_into_root(const std::string& name, const std::string& edit_from = {},
                        const std::string& edit_to = {}) {
  const auto& package = unpacked_package();
  auto text = read_text(in_root(package, kUnitPath));
  text = replace_all(text, " /usr/bin/csc-kiosk ",
                     " " + in_root(package, "/usr/bin/csc-kiosk").string() + " ");
  if (!edit_from.empty()) text = replace_all(text, edit_from, edit_to);
  const auto unit = scratch_dir(name) / "csc-kiosk.service";
  std::ofstream(unit) << text;
  return unit;
}

}  // namespace

TEST_CASE("The packaged unit passes systemd-analyze verify with no warning", "[package][unit]") {
  const auto unit = unit_into_root("unit-verify");
  const auto text = read_text(unit);
  INFO(text);
  // The copy points into the scratch root, at a program that is there.
  const auto exec = in_root(unpacked_package(), "/usr/bin/csc-kiosk");
  REQUIRE(text.find("ExecStart=/usr/bin/cage -s -- " + exec.string() + " ") != std::string::npos);
  REQUIRE(fs::is_regular_file(exec));
  const auto r = run_process({"systemd-analyze", "verify", unit.string()});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.empty());
}

TEST_CASE("systemd-analyze verify reports a unit it cannot take as written", "[package][unit]") {
  // The control for the test above: the same check sees an unknown key and a missing program.
  const auto unknown = unit_into_root("unit-unknown-key", "WatchdogSec=30", "WatchdogSecs=30");
  const auto r = run_process({"systemd-analyze", "verify", unknown.string()});
  CHECK(r.output.find("Unknown key") != std::string::npos);
  const auto missing = unit_into_root("unit-no-cage", "/usr/bin/cage", "/nonexistent/cage");
  const auto m = run_process({"systemd-analyze", "verify", missing.string()});
  CHECK(m.exit_code != 0);
  CHECK_FALSE(m.output.empty());
}

TEST_CASE("The packaged unit is the one in the checkout", "[package][unit]") {
  CHECK(read_text(in_root(unpacked_package(), kUnitPath)) ==
        read_text(source_dir() / "config/systemd/csc-kiosk.service"));
}

// The maintainer scripts, read statically from the package's control area (dpkg-deb -e):
// dpkg -x runs none of them. install.tests.cpp runs them for real in a throwaway root.
#include <catch2/catch.hpp>
#include <regex>

#include "tests/package/package_root.h"
#include "tests/support/process.h"

using namespace kiosk::testing;
namespace fs = std::filesystem;

namespace {

std::string script(const std::string& name) {
  return read_text(unpacked_package().control / name);
}

bool has(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex(pattern));
}

// The last `if …` line of a script's text, or "" when there is none.
std::string last_if(const std::string& text) {
  std::smatch m;
  std::string found;
  auto from = text.cbegin();
  while (std::regex_search(from, text.cend(), m, std::regex(R"(\n[ \t]*(if [^\n]*))"))) {
    found = m[1];
    from = m[0].second;
  }
  return found;
}

}  // namespace

TEST_CASE("The maintainer scripts are POSIX sh that stops at the first error",
          "[package][scripts]") {
  for (const auto* name : {"postinst", "prerm", "postrm"}) {
    INFO(name);
    const auto path = unpacked_package().control / name;
    REQUIRE(fs::is_regular_file(path));
    CHECK(mode_of(path) == "0755");
    const auto text = script(name);
    CHECK(text.starts_with("#!/bin/sh\n"));
    CHECK(has(text, R"(\nset -e\n)"));
    // dash is Debian's /bin/sh: -n parses without running anything.
    const auto parsed = run_process({"dash", "-n", path.string()});
    INFO(parsed.output);
    CHECK(parsed.exit_code == 0);
    // shellcheck as sh: no bashisms, no unquoted expansions, no unused variables.
    const auto checked = run_process({"shellcheck", "--shell=sh", path.string()});
    INFO(checked.output);
    CHECK(checked.exit_code == 0);
    // An unknown action is refused, as Debian policy asks.
    CHECK(has(text, R"(called with unknown argument)"));
  }
}

TEST_CASE("postinst creates the service user, its groups and its folders with their modes",
          "[package][scripts]") {
  const auto text = script("postinst");
  CHECK(has(text, R"(USER_NAME=csc-kiosk\n)"));
  CHECK(has(text, R"(adduser --quiet --system --group --home "\$STATE_DIR" --no-create-home)"));
  CHECK(has(text, R"(OPERATOR_GROUP=csc-kiosk-operators\n)"));
  CHECK(has(text, R"(DEVICE_GROUP=csc-kiosk-devices\n)"));
  CHECK(has(text, R"(addgroup --quiet --system "\$1")"));
  CHECK(has(text, R"(adduser --quiet "\$USER_NAME" "\$DEVICE_GROUP")"));
  CHECK(has(text, R"(STATE_DIR=/var/lib/csc-kiosk\n)"));
  CHECK(has(text, R"(LOG_DIR=/var/log/csc-kiosk\n)"));
  CHECK(has(text, R"(ensure_dir "\$STATE_DIR" 0700)"));
  CHECK(has(text, R"(ensure_dir "\$LOG_DIR" 0750)"));
  // Each step looks before it acts, so a second run changes nothing.
  CHECK(has(text, R"(getent group "\$1" >/dev/null \|\|)"));
  CHECK(has(text, R"(if ! getent passwd "\$USER_NAME")"));
}

TEST_CASE("The maintainer scripts call udevadm and systemctl only where they run",
          "[package][scripts]") {
  for (const auto* name : {"postinst", "prerm", "postrm"}) {
    INFO(name);
    const auto text = script(name);
    // Every line that runs udevadm or systemctl sits in a function (or block) guarded by
    // the test for a running udev (/run/udev) or a systemd PID 1 (/run/systemd/system).
    const std::regex call(R"(\n\s+(udevadm|systemctl) )");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
      const auto guard = last_if(text.substr(0, static_cast<size_t>(it->position())));
      INFO((*it)[1] << " guarded by: " << guard);
      REQUIRE_FALSE(guard.empty());
      if ((*it)[1] == "udevadm") {
        CHECK(guard.find("command -v udevadm") != std::string::npos);
        CHECK(guard.find("[ -d /run/udev ]") != std::string::npos);
      } else {
        CHECK(guard.find("[ -d /run/systemd/system ]") != std::string::npos);
      }
    }
  }
  CHECK(has(script("postinst"), R"(udevadm control --reload)"));
  CHECK(has(script("postinst"), R"(udevadm trigger --subsystem-match=usb)"));
  CHECK(has(script("postinst"), R"(systemctl daemon-reload)"));
}

TEST_CASE("postrm never removes the transaction database", "[package][scripts]") {
  const auto text = script("postrm");
  CHECK_FALSE(has(text, R"(rm [^\n]*/var/lib/csc-kiosk)"));
  CHECK_FALSE(has(text, R"(deluser|delgroup)"));
  CHECK(has(text, R"(rm -rf /var/log/csc-kiosk)"));
}

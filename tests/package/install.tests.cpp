// The package installed for real: dpkg -i, again, --remove and --purge, maintainer scripts
// and all, in a throwaway overlay of this machine's root (sandbox_install.sh). Needs root
// and a mount namespace (unshare): CI's container has both.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "tests/package/package_root.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::testing;

namespace {

// "phase.key: value" lines into a map.
std::map<std::string, std::string> facts_of(const std::string& output) {
  std::map<std::string, std::string> facts;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos) facts[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return facts;
}

const std::map<std::string, std::string>& sandbox_facts() {
  static const auto facts = [] {
    REQUIRE(::geteuid() == 0);  // dpkg, chroot and mount need root (CI runs as root)
    const auto r =
        run_process({"unshare", "--mount", "--propagation", "private", "sh",
                     (source_dir() / "tests/package/sandbox_install.sh").string(),
                     unpacked_package().deb.string(), scratch_dir("sandbox-install").string()});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return facts_of(r.output);
  }();
  return facts;
}

std::string fact(const std::string& key) {
  const auto& facts = sandbox_facts();
  const auto it = facts.find(key);
  INFO(key);
  REQUIRE(it != facts.end());
  return it->second;
}

}  // namespace

TEST_CASE("Installing the package creates the user, the groups and the folders",
          "[package][install]") {
  const auto& facts = sandbox_facts();
  INFO((facts.contains("install.log") ? facts.at("install.log") : std::string()));
  REQUIRE(fact("install.status") == "0");
  CHECK(fact("install.user") == "csc-kiosk:/var/lib/csc-kiosk:/usr/sbin/nologin");
  CHECK(fact("install.user_groups") == "csc-kiosk csc-kiosk-devices ");
  CHECK(fact("install.operators") == "csc-kiosk-operators");
  CHECK(fact("install.state_dir") == "700 csc-kiosk csc-kiosk");
  CHECK(fact("install.log_dir") == "750 csc-kiosk csc-kiosk");
  CHECK(fact("install.program") == "present");
  // Enabled for the next boot on a first install, and no reboot asked for.
  CHECK(fact("install.enabled") == "yes");
  CHECK(fact("install.reboot_required") == "no");
}

TEST_CASE("udev reads the installed rules without a complaint", "[package][install][udev]") {
  REQUIRE(fact("install.status") == "0");
  // udevadm test parses every rules file first: the real parser, beside tests/package's own.
  CHECK(fact("install.udev_complaints") == "0");
  // The control: the same count for a rules file with an unknown key.
  CHECK(fact("install.udev_probe_complaints") != "0");
}

TEST_CASE("Installing the package again changes nothing and keeps a changed config",
          "[package][install]") {
  REQUIRE(fact("again.status") == "0");
  for (const auto* key : {"user", "user_groups", "operators", "state_dir", "log_dir", "program",
                          "enabled", "accounts"}) {
    INFO(key);
    CHECK(fact(std::string("again.") + key) == fact(std::string("install.") + key));
  }
  CHECK(fact("again.config").find("\"id\":\"CG-TEST-0001\"") != std::string::npos);
  // An upgrade never restarts the kiosk: it asks for the nightly reboot instead.
  CHECK(fact("again.reboot_required") == "csc-kiosk");
}

TEST_CASE("Removing the package keeps the config, purging it keeps the state",
          "[package][install]") {
  REQUIRE(fact("remove.status") == "0");
  CHECK(fact("remove.program") == "missing");
  CHECK(fact("remove.config").find("CG-TEST-0001") != std::string::npos);
  CHECK(fact("remove.state_dir") == "700 csc-kiosk csc-kiosk");
  REQUIRE(fact("purge.status") == "0");
  CHECK(fact("purge.config") == "missing");
  CHECK(fact("purge.log_dir") == "missing");
  CHECK(fact("purge.enabled") == "no");
  // Undelivered payments live in /var/lib/csc-kiosk: purge leaves it and its owner.
  CHECK(fact("purge.state_dir") == "700 csc-kiosk csc-kiosk");
  CHECK(fact("purge.user") == "csc-kiosk:/var/lib/csc-kiosk:/usr/sbin/nologin");
}

// A small parser for the subset of udev rules syntax the package's rules use. Debian 12's
// systemd 252 has no `udevadm verify`, so the rules file is checked by parsing it here.
// udev(7): a rule is one line of comma-separated KEY[{attr}] OPERATOR "value" pairs;
// blank lines and lines starting with '#' are ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::testing {

struct UdevPair {
  std::string key;   // SUBSYSTEM, ATTR, GROUP, …
  std::string attr;  // idVendor in ATTR{idVendor}; empty for keys without one
  std::string op;    // == != = += :=
  std::string value;
  bool is_match() const { return op == "==" || op == "!="; }
};

struct UdevRule {
  int line = 0;
  std::vector<UdevPair> pairs;
  // The first pair with this key (and attr, when given), or nullptr.
  const UdevPair* find(std::string_view key, std::string_view attr = {}) const;
};

struct UdevRules {
  std::vector<UdevRule> rules;
  std::vector<std::string> problems;  // "line 12: unknown key 'FOO'", in file order
};

// Known keys only: match keys ACTION, SUBSYSTEM, SUBSYSTEMS, KERNEL, DRIVERS, ATTRS{…},
// ENV{…}, ATTR{…}; assignments GROUP, MODE, GOTO, LABEL. Every rule needs a match, except a
// LABEL line; a key's operator must suit it (no assignment to a match-only key).
UdevRules parse_udev_rules(std::string_view text);

}  // namespace kiosk::testing

// The packaged udev rules (packaging/udev/70-csc-kiosk.rules), parsed: Debian 12's systemd 252
// has no `udevadm verify`.
#include "tests/package/udev_rules.h"

#include <fmt/ranges.h>

#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "tests/package/package_root.h"

using namespace kiosk::testing;

namespace {

const char* const kRulesPath = "/lib/udev/rules.d/70-csc-kiosk.rules";

UdevRules packaged_rules() {
  return parse_udev_rules(read_text(in_root(unpacked_package(), kRulesPath)));
}

// The groups postinst creates: every NAME in a `*_GROUP=NAME` line, and the user's own group
// (adduser --system --group).
std::set<std::string> groups_postinst_creates() {
  const auto script = read_text(unpacked_package().control / "postinst");
  std::set<std::string> groups;
  const std::regex assignment(R"((^|\n)[A-Z_]*GROUP=([a-z][a-z0-9-]*))");
  for (auto it = std::sregex_iterator(script.begin(), script.end(), assignment);
       it != std::sregex_iterator(); ++it) {
    groups.insert((*it)[2]);
  }
  std::smatch user;
  if (std::regex_search(script, user, std::regex(R"(USER_NAME=([a-z][a-z0-9-]*))"))) {
    groups.insert(user[1]);
  }
  return groups;
}

bool is_id(const std::string& value) {
  return std::regex_match(value, std::regex("[0-9a-f]{4}"));
}

// A rule that gives the device vid:pid to the kiosk (a rule with a vendor and no product
// takes the whole vendor).
bool covered(const UdevRules& rules, const std::string& vid, const std::string& pid) {
  return std::ranges::any_of(rules.rules, [&](const UdevRule& rule) {
    const auto* v = rule.find("ATTR", "idVendor");
    const auto* p = rule.find("ATTR", "idProduct");
    return v != nullptr && v->value == vid && (p == nullptr || p->value == pid) &&
           rule.find("GROUP") != nullptr;
  });
}

}  // namespace

TEST_CASE("The udev rule parser refuses what udev would not read as meant",
          "[package][udev][parser]") {
  const auto problems = [](std::string_view text) { return parse_udev_rules(text).problems; };
  CHECK(problems("# a comment\n\nSUBSYSTEM==\"usb\", GROUP=\"g\"\n").empty());
  CHECK(problems("FOO==\"usb\", GROUP=\"g\"\n").size() == 1);           // unknown key
  CHECK(problems("SUBSYSTEM=\"usb\", GROUP=\"g\"\n").size() == 1);      // assigns a match key
  CHECK(problems("SUBSYSTEM==\"usb\", GROUP==\"g\"\n").size() == 1);    // matches an assignment
  CHECK(problems("ATTR==\"x\", GROUP=\"g\"\n").size() == 1);            // ATTR without {…}
  CHECK(problems("SUBSYSTEM{x}==\"usb\", GROUP=\"g\"\n").size() == 1);  // {…} where none goes
  CHECK(problems("SUBSYSTEM==\"usb\" GROUP=\"g\"\n").size() == 1);      // no comma
  CHECK(problems("SUBSYSTEM==\"usb\", GROUP=\"g\",\n").size() == 1);    // trailing comma
  CHECK(problems("SUBSYSTEM==usb, GROUP=\"g\"\n").size() == 1);         // unquoted value
  CHECK(problems("GROUP=\"g\", MODE=\"0660\"\n").size() == 1);          // matches everything
  CHECK(problems("LABEL=\"end\"\n").empty());
}

TEST_CASE("The packaged udev rules parse with known keys and operators only", "[package][udev]") {
  const auto rules = packaged_rules();
  INFO(fmt::format("{}", fmt::join(rules.problems, "\n")));
  CHECK(rules.problems.empty());
  CHECK(rules.rules.size() >= 10);
  CHECK(mode_of(in_root(unpacked_package(), kRulesPath)) == "0644");
}

TEST_CASE("Every udev rule gives its device to a group postinst creates, mode 0660 only",
          "[package][udev]") {
  const auto rules = packaged_rules();
  const auto groups = groups_postinst_creates();
  REQUIRE(groups.contains("csc-kiosk-devices"));
  int granting = 0;
  for (const auto& rule : rules.rules) {
    INFO("line " << rule.line);
    if (rule.find("LABEL") != nullptr || (rule.find("GOTO") != nullptr && rule.pairs.size() == 2)) {
      continue;
    }
    const auto* group = rule.find("GROUP");
    const auto* mode = rule.find("MODE");
    REQUIRE(group != nullptr);
    REQUIRE(mode != nullptr);
    CHECK(groups.contains(group->value));
    CHECK(group->value == "csc-kiosk-devices");  // the unit's SupplementaryGroups
    CHECK(mode->value == "0660");
    CHECK(rule.find("SUBSYSTEM") != nullptr);
    ++granting;
  }
  CHECK(granting == static_cast<int>(rules.rules.size()) - 2);  // all but the GOTO and the LABEL
}

TEST_CASE("Every USB id in the udev rules is four lower-case hex digits", "[package][udev]") {
  int ids = 0;
  for (const auto& rule : packaged_rules().rules) {
    for (const auto& pair : rule.pairs) {
      if (pair.attr != "idVendor" && pair.attr != "idProduct") continue;
      INFO("line " << rule.line << ": " << pair.key << "{" << pair.attr << "}");
      CHECK((pair.key == "ATTR" || pair.key == "ATTRS"));
      CHECK(pair.op == "==");
      CHECK(is_id(pair.value));
      ++ids;
    }
  }
  CHECK(ids > 20);
}

TEST_CASE("The udev rules jump only to a label they define", "[package][udev]") {
  const auto rules = packaged_rules();
  std::set<std::string> labels;
  for (const auto& rule : rules.rules) {
    if (const auto* label = rule.find("LABEL")) labels.insert(label->value);
  }
  for (const auto& rule : rules.rules) {
    if (const auto* jump = rule.find("GOTO")) CHECK(labels.contains(jump->value));
  }
}

TEST_CASE("The udev rules cover the printer class and the devices the project knows",
          "[package][udev]") {
  const auto rules = packaged_rules();
  // The printer kind's default match: any interface of class 7, subclass 1.
  CHECK(std::ranges::any_of(rules.rules, [](const UdevRule& rule) {
    const auto* interfaces = rule.find("ENV", "ID_USB_INTERFACES");
    return interfaces != nullptr && interfaces->value == "*:0701??:*" &&
           rule.find("GROUP") != nullptr;
  }));
  // The simulator's scanners and reader (docs/usb.md) and the demo's fingerprint reader.
  for (const auto& [vid, pid] :
       std::vector<std::pair<std::string, std::string>>{{"1eab", "1303"},
                                                        {"1eab", "1403"},
                                                        {"1eab", "1310"},
                                                        {"1eab", "1306"},
                                                        {"2c0f", "1005"}}) {
    INFO(vid << ":" << pid);
    CHECK(covered(rules, vid, pid));
  }
  // Fingerprint readers of the makes CSCs use (research/india.md): Mantra, Morpho, SecuGen,
  // Startek.
  for (const auto* vid : {"2c0f", "079b", "1162", "0bca"}) {
    INFO(vid);
    CHECK(std::ranges::any_of(rules.rules, [&](const UdevRule& rule) {
      const auto* v = rule.find("ATTR", "idVendor");
      return v != nullptr && v->value == vid;
    }));
  }
  CHECK_FALSE(covered(rules, "dead", "beef"));
}

#include "tests/package/udev_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <regex>
#include <variant>

namespace kiosk::testing {
namespace {

enum class Role { Match, Assign, Either };

struct KeySpec {
  std::string_view key;
  bool has_attr;
  Role role;
};

constexpr std::array kKeys{
    KeySpec{"ACTION", false, Role::Match},     KeySpec{"SUBSYSTEM", false, Role::Match},
    KeySpec{"SUBSYSTEMS", false, Role::Match}, KeySpec{"KERNEL", false, Role::Match},
    KeySpec{"DRIVERS", false, Role::Match},    KeySpec{"ATTRS", true, Role::Match},
    KeySpec{"ENV", true, Role::Either},        KeySpec{"ATTR", true, Role::Either},
    KeySpec{"GROUP", false, Role::Assign},     KeySpec{"MODE", false, Role::Assign},
    KeySpec{"GOTO", false, Role::Assign},      KeySpec{"LABEL", false, Role::Assign},
};

const KeySpec* spec_of(std::string_view key) {
  for (const auto& spec : kKeys) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

// One pair at the start of `rest`: KEY[{attr}] OP "value", then optional spaces.
const std::regex kPair(R"(^([A-Z]+)(\{([A-Za-z0-9_]+)\})?(==|!=|\+=|:=|=)\"([^\"]*)\"\s*)");

std::optional<std::string> check_pair(const UdevPair& pair, bool braces) {
  const auto* spec = spec_of(pair.key);
  if (spec == nullptr) return fmt::format("unknown key '{}'", pair.key);
  if (spec->has_attr != braces) {
    return fmt::format("'{}' {} an {{attribute}}", pair.key, spec->has_attr ? "needs" : "takes no");
  }
  if (spec->role == Role::Match && !pair.is_match()) {
    return fmt::format("'{}' can only be matched (== or !=), not '{}'", pair.key, pair.op);
  }
  if (spec->role == Role::Assign && pair.is_match()) {
    return fmt::format("'{}' can only be assigned, not matched with '{}'", pair.key, pair.op);
  }
  if ((pair.key == "GOTO" || pair.key == "LABEL") && pair.op != "=") {
    return fmt::format("'{}' takes '=', not '{}'", pair.key, pair.op);
  }
  return std::nullopt;
}

// The pairs of one rule line, or why it does not parse.
std::variant<std::vector<UdevPair>, std::string> parse_line(std::string_view line) {
  std::vector<UdevPair> pairs;
  std::string rest(line);
  while (true) {
    std::smatch m;
    if (!std::regex_search(rest, m, kPair)) {
      return fmt::format("cannot read a KEY OP \"value\" pair at '{}'", rest);
    }
    UdevPair pair{m[1], m[3], m[4], m[5]};
    if (auto problem = check_pair(pair, m[2].matched)) return *problem;
    pairs.push_back(std::move(pair));
    rest = m.suffix();
    if (rest.empty()) return pairs;
    if (rest.front() != ',') return fmt::format("expected ',' before '{}'", rest);
    rest.erase(0, 1);
    rest.erase(0, rest.find_first_not_of(' '));
    if (rest.empty()) return std::string("a ',' ends the line");
  }
}

std::optional<std::string> check_rule(const std::vector<UdevPair>& pairs) {
  const bool label_only = pairs.size() == 1 && pairs.front().key == "LABEL";
  const bool has_match = std::ranges::any_of(pairs, [](const UdevPair& p) { return p.is_match(); });
  if (!label_only && !has_match)
    return std::string("a rule without a match applies to every device");
  return std::nullopt;
}

}  // namespace

const UdevPair* UdevRule::find(std::string_view key, std::string_view attr) const {
  for (const auto& pair : pairs) {
    if (pair.key == key && (attr.empty() || pair.attr == attr)) return &pair;
  }
  return nullptr;
}

UdevRules parse_udev_rules(std::string_view text) {
  UdevRules result;
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string line(text.substr(start, end - start));
    start = end + 1;
    ++number;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.ends_with('\\')) {
      result.problems.push_back(
          fmt::format("line {}: continuation lines are not used here", number));
      continue;
    }
    auto parsed = parse_line(std::string_view(line).substr(first));
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      result.problems.push_back(fmt::format("line {}: {}", number, *problem));
      continue;
    }
    auto pairs = std::get<std::vector<UdevPair>>(std::move(parsed));
    if (auto problem = check_rule(pairs)) {
      result.problems.push_back(fmt::format("line {}: {}", number, *problem));
      continue;
    }
    result.rules.push_back(UdevRule{number, std::move(pairs)});
  }
  return result;
}

}  // namespace kiosk::testing

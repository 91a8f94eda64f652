#include "kiosk/text/icon_names.h"

#include <charconv>
#include <fstream>
#include <iterator>

#include "kiosk/text/runs.h"
#include "kiosk/text/utf8.h"

namespace kiosk::text {
namespace {

constexpr std::size_t kMaxName = 64;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == ','))
    s.remove_suffix(1);
  return s;
}

// `"name": e88a` → the pair, or nothing for any other line.
std::optional<std::pair<std::string_view, char32_t>> entry(std::string_view line) {
  line = trimmed(line);
  if (line.size() < 4 || line.front() != '"') return std::nullopt;
  const auto close = line.find('"', 1);
  if (close == std::string_view::npos || close == 1 || close - 1 > kMaxName) return std::nullopt;
  const auto name = line.substr(1, close - 1);
  for (char c : name)
    if (!name_char(c)) return std::nullopt;
  auto rest = trimmed(line.substr(close + 1));
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  rest = trimmed(rest.substr(1));
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value, 16);
  if (ec != std::errc() || end != rest.data() + rest.size()) return std::nullopt;
  if (!is_icon_codepoint(value)) return std::nullopt;
  return std::pair{name, static_cast<char32_t>(value)};
}

}  // namespace

IconNames IconNames::parse(std::string_view scss) {
  IconNames names;
  scss = scss.substr(0, kMaxBytes);
  for (std::size_t start = 0; start < scss.size();) {
    const auto nl = scss.find('\n', start);
    const auto line = scss.substr(start, nl == std::string_view::npos ? nl : nl - start);
    if (auto e = entry(line)) names.codepoints_.emplace(std::string(e->first), e->second);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return names;
}

Result<IconNames> IconNames::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(Errc::Config, file.string() + ": cannot be read");
  std::string text(kMaxBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxBytes)
    return fail(Errc::Config, file.string() + ": over 1 MiB, not an icon map");
  auto names = parse(text);
  if (names.size() == 0)
    return fail(Errc::Config, file.string() + " names no icons (install " +
                                  "fonts-material-design-icons-iconfont or fix text.icon_names)");
  return names;
}

std::optional<char32_t> IconNames::find(std::string_view name) const {
  auto it = codepoints_.find(name);
  return it == codepoints_.end() ? std::nullopt : std::optional(it->second);
}

std::string icon_text(char32_t codepoint) {
  std::string out;
  append_utf8(out, codepoint);
  return out;
}

}  // namespace kiosk::text

// Icon names to codepoints, read from the icon font package's own map
// (fonts-material-design-icons-iconfont: scss/_variables.scss, lines `"home": e88a,`), so
// that the service catalogue can say `"icon": "description"` and no codepoint is copied
// into the project by hand.
//
//  [X] Bounded: at most 1 MiB of input, names of 1-64 characters [a-z0-9_]
//  [X] A codepoint outside the icon range (U+E000–U+F8FF) is refused, line by line
//  [X] Bytes in, a map out: no I/O but load()'s one read
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::text {

class IconNames {
 public:
  static constexpr std::size_t kMaxBytes = 1u << 20;

  // Every `"name": hex` entry of the text; a line that is not one is skipped.
  static IconNames parse(std::string_view scss);
  static Result<IconNames> load(const std::filesystem::path& file);

  std::optional<char32_t> find(std::string_view name) const;
  std::size_t size() const { return codepoints_.size(); }

 private:
  std::map<std::string, char32_t, std::less<>> codepoints_;
};

// The codepoint as UTF-8, ready for the text engine ("\uE88A").
std::string icon_text(char32_t codepoint);

}  // namespace kiosk::text

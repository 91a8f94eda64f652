// Where the tests find the source tree, the build tree and the built programs.
#pragma once

#include <filesystem>
#include <string>

namespace kiosk::testing {

inline std::filesystem::path source_dir() {
  return KIOSK_SOURCE_DIR;
}
inline std::filesystem::path assets_dir() {
  return source_dir() / "assets";
}
inline std::filesystem::path artifacts_dir() {
  return KIOSK_ARTIFACTS_DIR;
}

// The fonts and icon map the kiosk uses by default (docs/config.md text.*).
inline constexpr const char* kLatinFont = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
inline constexpr const char* kDevanagariFont =
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf";
inline constexpr const char* kIconFont =
    "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
inline constexpr const char* kIconNames =
    "/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss";

// A fresh, empty folder under the build tree for one test case.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace kiosk::testing

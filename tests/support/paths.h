// Where the tests find the source tree, the build tree and the built programs.
#pragma once

#include <filesystem>

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

// A fresh, empty folder under the build tree for one test case.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace kiosk::testing

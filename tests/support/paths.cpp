#include "tests/support/paths.h"

#include <unistd.h>

#include <string>

namespace kiosk::testing {

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir =
      std::filesystem::path(KIOSK_SCRATCH_DIR) / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace kiosk::testing

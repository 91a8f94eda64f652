// Whole small files (configs, catalogues) read into memory.
#pragma once

#include <filesystem>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk {

// The file's bytes, or Errc::NotFound "<path>: cannot be read".
Result<std::string> read_text_file(const std::filesystem::path& file);

}  // namespace kiosk

// Whole small files (configs, catalogues) read into memory.
#pragma once

#include <filesystem>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk {

// The file's bytes, or Errc::NotFound "<path>: cannot be read".
Result<std::string> read_text_file(const std::filesystem::path& file);

// Replaces `file` with `bytes` so that a power cut leaves either the old or the new file:
// write a temporary beside it (created with `mode`), fsync, rename over, fsync the folder
// (queue.md C3: rename alone is not durable).
Status write_file_atomic(const std::filesystem::path& file, std::string_view bytes,
                         unsigned mode = 0600);

}  // namespace kiosk

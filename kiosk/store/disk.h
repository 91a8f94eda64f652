// Free space where the database lives: below the configured threshold the operator is
// alerted; a failed write (disk full, I/O error) stops intake until a write succeeds.
#pragma once

#include <cstdint>
#include <filesystem>

#include "kiosk/core/result.h"

namespace kiosk::store {

// Bytes available to an unprivileged writer (statvfs f_bavail × f_frsize).
Result<std::uint64_t> free_bytes(const std::filesystem::path& dir);

}  // namespace kiosk::store

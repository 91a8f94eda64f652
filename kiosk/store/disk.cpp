#include "kiosk/store/disk.h"

#include <fmt/format.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

namespace kiosk::store {

Result<std::uint64_t> free_bytes(const std::filesystem::path& dir) {
  struct statvfs st {};
  if (::statvfs(dir.c_str(), &st) != 0)
    return fail(Errc::Io, fmt::format("{}: statvfs: {}", dir.string(), std::strerror(errno)));
  return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace kiosk::store

#include "kiosk/devices/instance_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::devices {

std::filesystem::path lock_file(const config::Config& config) {
  return config.state_dir / "csc-kiosk.lock";
}

Result<InstanceLock> InstanceLock::acquire(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(Errc::Io,
                fmt::format("cannot open lock file {}: {}", path.string(), std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK)
      return fail(Errc::Busy,
                  fmt::format("another csc-kiosk is running (it holds {})", path.string()));
    return fail(Errc::Io, fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
  }
  return InstanceLock(fd);
}

bool InstanceLock::held(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool busy = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // also drops our shared lock, if we got it
  return busy;
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace kiosk::devices

// One csc-kiosk per machine: an advisory flock(2) on a lock file in the state folder,
// held for the life of the process. The kernel drops it when the process dies, so a crash
// never leaves a stale lock. kioskctl only tests it (the app owns the devices while it runs).
#pragma once

#include <filesystem>

#include "kiosk/config/config.h"
#include "kiosk/core/result.h"

namespace kiosk::devices {

std::filesystem::path lock_file(const config::Config& config);

class InstanceLock {
 public:
  // Errc::Busy when another process holds it.
  static Result<InstanceLock> acquire(const std::filesystem::path& path);
  // True when some process holds the lock now.
  static bool held(const std::filesystem::path& path);

  InstanceLock(InstanceLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  InstanceLock& operator=(InstanceLock&&) = delete;
  InstanceLock(const InstanceLock&) = delete;
  ~InstanceLock();

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kiosk::devices

#include "kiosk/core/close_on_fork.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <mutex>

namespace kiosk::close_on_fork {
namespace {

constexpr std::size_t kMaxListed = 4096;

std::mutex g_mutex;                    // held from prepare until the fork returns
std::array<int, kMaxListed> g_listed;  // close-on-exec fds at the last fork
std::size_t g_count = 0;
std::atomic<std::uint64_t> g_forks{0};

void list_cloexec_fds() {
  g_count = 0;
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return;
  const int own = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    const int fd = std::atoi(entry->d_name);
    if (fd <= 2 || fd == own || g_count == kMaxListed) continue;
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags >= 0 && (flags & FD_CLOEXEC)) g_listed[g_count++] = fd;
  }
  ::closedir(dir);
}

void prepare() {
  g_mutex.lock();
  list_cloexec_fds();
  g_forks.fetch_add(1, std::memory_order_relaxed);
}

void parent() {
  g_mutex.unlock();
}

void child() {
  for (std::size_t i = 0; i < g_count; ++i) ::syscall(SYS_close, g_listed[i]);
  g_mutex.unlock();
}

}  // namespace

void install() {
  static std::once_flag once;
  std::call_once(once, [] { ::pthread_atfork(prepare, parent, child); });
}

std::uint64_t forks_seen() {
  return g_forks.load(std::memory_order_relaxed);
}

}  // namespace kiosk::close_on_fork

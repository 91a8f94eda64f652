#include "kiosk/core/file_ops.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/core/unique_fd.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

// errno mapped once, here.
Error errno_error(const fs::path& file, std::string_view step) {
  const int e = errno;
  const Errc code = (e == ENOSPC || e == EDQUOT) ? Errc::Unavailable : Errc::Io;
  return Error{code, fmt::format("{}: {}: {}", file.string(), step, std::strerror(e))};
}

Status write_all(int fd, std::string_view bytes, const fs::path& file) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::unexpected(errno_error(file, "cannot write"));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Status fsync_path(const fs::path& path, int flags, std::string_view step) {
  UniqueFd fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (!fd) return std::unexpected(errno_error(path, "cannot open"));
  if (::fsync(fd.get()) != 0) return std::unexpected(errno_error(path, step));
  return {};
}

class PosixFileOps final : public FileOps {
 public:
  Result<std::optional<std::string>> read(const fs::path& file) override {
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
      if (errno == ENOENT) return std::optional<std::string>();
      return std::unexpected(errno_error(file, "cannot open"));
    }
    std::string out;
    char buffer[16384];
    for (;;) {
      const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return std::unexpected(errno_error(file, "cannot read"));
      if (n == 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return std::optional<std::string>(std::move(out));
  }
  Status write(const fs::path& file, std::string_view bytes, unsigned mode) override {
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
    if (!fd) return std::unexpected(errno_error(file, "cannot create"));
    return write_all(fd.get(), bytes, file);
  }
  Status fsync(const fs::path& file) override { return fsync_path(file, O_RDONLY, "fsync"); }
  Status rename(const fs::path& from, const fs::path& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0)
      return std::unexpected(errno_error(to, "cannot replace"));
    return {};
  }
  Status fsync_dir(const fs::path& dir) override {
    return fsync_path(dir, O_RDONLY | O_DIRECTORY, "fsync of the folder");
  }
  Status remove(const fs::path& file) override {
    if (::unlink(file.c_str()) != 0 && errno != ENOENT)
      return std::unexpected(errno_error(file, "cannot remove"));
    return {};
  }
  Status make_dirs(const fs::path& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return fail(Errc::Io, fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    return {};
  }
};

fs::path folder_of(const fs::path& file) {
  return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

}  // namespace

FileOps& posix_file_ops() {
  static PosixFileOps ops;
  return ops;
}

Status replace_atomically(FileOps& ops, const fs::path& file, std::string_view bytes,
                          unsigned mode) {
  const fs::path temp(file.string() + ".new");
  if (auto s = ops.write(temp, bytes, mode); !s) return s;
  if (auto s = ops.fsync(temp); !s) return s;
  if (auto s = ops.rename(temp, file); !s) return s;
  return ops.fsync_dir(folder_of(file));
}

Status remove_durably(FileOps& ops, const fs::path& file) {
  if (auto s = ops.remove(file); !s) return s;
  return ops.fsync_dir(folder_of(file));
}

}  // namespace kiosk

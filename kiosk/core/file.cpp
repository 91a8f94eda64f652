#include "kiosk/core/file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiosk {

Result<std::string> read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(Errc::NotFound, fmt::format("{}: cannot be read", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

Error errno_error(const std::filesystem::path& file, std::string_view what) {
  return Error{Errc::Io, fmt::format("{}: {}: {}", file.string(), what, std::strerror(errno))};
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Status write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(Errc::Io, std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace

Status write_file_atomic(const std::filesystem::path& file, std::string_view bytes, unsigned mode) {
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  const auto temp = std::filesystem::path(file.string() + ".new");
  {
    ::unlink(temp.c_str());  // a leftover from an earlier power cut
    Fd out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)};
    if (out.fd < 0) return std::unexpected(errno_error(temp, "cannot create"));
    if (auto written = write_all(out.fd, bytes); !written)
      return std::unexpected(errno_error(temp, "cannot write"));
    if (::fsync(out.fd) != 0) return std::unexpected(errno_error(temp, "fsync"));
  }
  if (::rename(temp.c_str(), file.c_str()) != 0)
    return std::unexpected(errno_error(file, "cannot replace"));
  Fd folder{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (folder.fd < 0 || ::fsync(folder.fd) != 0)
    return std::unexpected(errno_error(dir, "fsync of the folder"));
  return {};
}

}  // namespace kiosk

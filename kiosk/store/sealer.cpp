#include "kiosk/store/sealer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::store {
namespace {

constexpr std::size_t kKeyBytes = crypto_secretbox_KEYBYTES;

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error io_error(const std::filesystem::path& file, std::string_view what) {
  return Error{Errc::Io, fmt::format("{}: {}: {}", file.string(), what, std::strerror(errno))};
}

// Writes the new key to a private temporary file and links it into place: another process
// starting at the same moment either sees no key file or a complete one, and link() fails
// with EEXIST for whichever of two creators comes second (it then reads the winner's key).
Status create_key_file(const std::filesystem::path& file) {
  unsigned char key[kKeyBytes];
  crypto_secretbox_keygen(key);
  const auto temp = std::filesystem::path(file.string() + ".new-" + std::to_string(::getpid()));
  Fd out{::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)};
  if (out.fd < 0) {
    sodium_memzero(key, sizeof key);
    return std::unexpected(io_error(temp, "cannot create the key file"));
  }
  const bool ok =
      ::write(out.fd, key, sizeof key) == static_cast<ssize_t>(sizeof key) && ::fsync(out.fd) == 0;
  sodium_memzero(key, sizeof key);
  const bool linked = ok && (::link(temp.c_str(), file.c_str()) == 0 || errno == EEXIST);
  const int saved = errno;
  ::unlink(temp.c_str());
  errno = saved;
  if (!linked) return std::unexpected(io_error(file, "cannot write the key file"));
  return {};
}

Status read_key_file(const std::filesystem::path& file, unsigned char* key) {
  Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) return std::unexpected(io_error(file, "cannot open the key file"));
  struct stat st {};
  if (::fstat(in.fd, &st) != 0) return std::unexpected(io_error(file, "cannot stat"));
  if ((st.st_mode & 077) != 0) {
    return fail(Errc::Config, fmt::format("{}: key file is readable by others (mode {:o}); "
                                          "run chmod 600 on it",
                                          file.string(), st.st_mode & 0777));
  }
  if (st.st_size != static_cast<off_t>(kKeyBytes) ||
      ::read(in.fd, key, kKeyBytes) != static_cast<ssize_t>(kKeyBytes)) {
    return fail(Errc::Corrupt,
                fmt::format("{}: key file is not {} bytes; restore it from the "
                            "kiosk's backup (the database cannot be read without it)",
                            file.string(), kKeyBytes));
  }
  return {};
}

}  // namespace

void Sealer::KeyDeleter::operator()(unsigned char* key) const {
  sodium_free(key);  // wipes before freeing
}

Result<Sealer> Sealer::open_or_create(const std::filesystem::path& key_file) {
  if (sodium_init() < 0) return fail(Errc::Internal, "libsodium failed to initialise");
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    if (auto created = create_key_file(key_file); !created) return std::unexpected(created.error());
  }
  auto* raw = static_cast<unsigned char*>(sodium_malloc(kKeyBytes));
  if (raw == nullptr) return fail(Errc::Internal, "sodium_malloc failed");
  std::shared_ptr<unsigned char> key(raw, KeyDeleter{});
  if (auto read = read_key_file(key_file, key.get()); !read) return std::unexpected(read.error());
  sodium_mprotect_readonly(key.get());
  return Sealer(std::move(key));
}

std::vector<unsigned char> Sealer::seal(std::string_view plain) const {
  std::vector<unsigned char> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                 plain.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        out.data(), key_.get());
  return out;
}

Result<std::string> Sealer::open(std::span<const unsigned char> sealed) const {
  constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (sealed.size() < kOverhead) return fail(Errc::Corrupt, "sealed body is truncated");
  std::string plain(sealed.size() - kOverhead, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 sealed.data() + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(),
                                 key_.get()) != 0) {
    return fail(Errc::Corrupt, "sealed body failed authentication (altered, or another key)");
  }
  return plain;
}

}  // namespace kiosk::store

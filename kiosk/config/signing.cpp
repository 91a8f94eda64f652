#include "kiosk/config/signing.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::config {
namespace {

Status sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) return fail(Errc::Internal, "libsodium could not start");
  return {};
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string key_id(const PublicKey& key) {
  std::array<unsigned char, 32> hash{};
  crypto_generichash(hash.data(), hash.size(), key.data(), key.size(), nullptr, 0);
  std::string hex;
  for (int i = 0; i < 8; ++i) hex += fmt::format("{:02x}", hash[static_cast<std::size_t>(i)]);
  return hex;
}

bool verify_signature(const PublicKey& key, std::string_view payload, const Signature64& sig) {
  if (!sodium_ready()) return false;
  return crypto_sign_verify_detached(sig.data(), bytes_of(payload), payload.size(), key.data()) ==
         0;
}

Result<SigningKey> key_from_seed(std::string_view seed32) {
  if (auto ready = sodium_ready(); !ready) return std::unexpected(ready.error());
  if (seed32.size() != crypto_sign_SEEDBYTES) return fail(Errc::InvalidInput, "a seed is 32 bytes");
  auto secret = Secret::with_capacity(crypto_sign_SECRETKEYBYTES);
  if (!secret) return std::unexpected(secret.error());
  SigningKey key;
  // The derived secret key is written into locked memory directly.
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> scratch{};
  crypto_sign_seed_keypair(key.public_key.data(), scratch.data(), bytes_of(seed32));
  (void)secret->append(
      std::string_view(reinterpret_cast<const char*>(scratch.data()), scratch.size()));
  wipe(scratch.data(), scratch.size());
  key.secret_key = std::move(*secret);
  return key;
}

Result<SigningKey> generate_key() {
  if (auto ready = sodium_ready(); !ready) return std::unexpected(ready.error());
  auto seed = Secret::with_capacity(crypto_sign_SEEDBYTES);
  if (!seed) return std::unexpected(seed.error());
  std::array<unsigned char, crypto_sign_SEEDBYTES> scratch{};
  randombytes_buf(scratch.data(), scratch.size());
  (void)seed->append(
      std::string_view(reinterpret_cast<const char*>(scratch.data()), scratch.size()));
  wipe(scratch.data(), scratch.size());
  return key_from_seed(seed->view());
}

Result<Signature64> sign(const SigningKey& key, std::string_view payload) {
  if (key.secret_key.size() != crypto_sign_SECRETKEYBYTES)
    return fail(Errc::InvalidInput, "not a signing key");
  Signature64 sig{};
  crypto_sign_detached(sig.data(), nullptr, bytes_of(payload), payload.size(),
                       bytes_of(key.secret_key.view()));
  return sig;
}

Status write_private_key(const std::filesystem::path& file, const SigningKey& key) {
  const std::string head = "{\"key_id\": \"" + key.id() + "\", \"seed\": \"";
  const std::string_view tail = "\"}\n";
  const std::string_view seed = key.secret_key.view().substr(0, crypto_sign_SEEDBYTES);
  const std::size_t encoded =
      sodium_base64_encoded_len(seed.size(), sodium_base64_VARIANT_ORIGINAL);
  auto text = Secret::with_capacity(head.size() + encoded + tail.size());
  if (!text) return std::unexpected(text.error());
  auto b64 = Secret::with_capacity(encoded);
  if (!b64) return std::unexpected(b64.error());
  // sodium writes the base64 (and its NUL) straight into locked memory.
  std::array<char, 64> scratch{};
  sodium_bin2base64(scratch.data(), scratch.size(), bytes_of(seed), seed.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  (void)text->append(head);
  (void)text->append(std::string_view(scratch.data(), encoded - 1));
  (void)text->append(tail);
  wipe(scratch.data(), scratch.size());
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Errc::Io, fmt::format("{}: {}", file.string(), std::strerror(errno)));
  const auto written = ::write(fd, text->data(), text->size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(text->size()) || !synced)
    return fail(Errc::Io, fmt::format("{}: could not write the key", file.string()));
  return {};
}

Result<SigningKey> read_private_key(const std::filesystem::path& file) {
  auto text = Secret::with_capacity(4096);
  if (!text) return std::unexpected(text.error());
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(Errc::NotFound, fmt::format("{}: {}", file.string(), std::strerror(errno)));
  std::array<char, 4096> chunk{};
  const auto got = ::read(fd, chunk.data(), chunk.size());
  ::close(fd);
  if (got > 0) (void)text->append(std::string_view(chunk.data(), static_cast<std::size_t>(got)));
  wipe(chunk.data(), chunk.size());
  const std::string_view view = text->view();
  constexpr std::string_view kSeed = "\"seed\": \"";
  const auto start = view.find(kSeed);
  const auto end = start == std::string_view::npos ? start : view.find('"', start + kSeed.size());
  if (end == std::string_view::npos)
    return fail(Errc::InvalidInput, file.string() + ": not a private key file");
  const std::string_view b64 = view.substr(start + kSeed.size(), end - start - kSeed.size());
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  std::size_t length = 0;
  const bool decoded = sodium_base642bin(seed.data(), seed.size(), b64.data(), b64.size(), nullptr,
                                         &length, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 &&
                       length == seed.size();
  auto key =
      decoded
          ? key_from_seed(std::string_view(reinterpret_cast<const char*>(seed.data()), seed.size()))
          : Result<SigningKey>(
                fail(Errc::InvalidInput, file.string() + ": the seed is not 32 bytes of base64"));
  wipe(seed.data(), seed.size());
  return key;
}

std::string encode_base64(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
  out.pop_back();  // the terminating NUL
  return out;
}

Result<std::string> decode_base64(std::string_view text, std::size_t max_bytes) {
  if (auto ready = sodium_ready(); !ready) return std::unexpected(ready.error());
  if (text.size() / 4 * 3 > max_bytes + 3)
    return fail(Errc::InvalidInput, fmt::format("more than {} bytes of base64", max_bytes));
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return fail(Errc::InvalidInput, "not base64");
  }
  out.resize(length);
  if (out.size() > max_bytes)
    return fail(Errc::InvalidInput, fmt::format("more than {} bytes of base64", max_bytes));
  return out;
}

}  // namespace kiosk::config

// Encryption at rest for transaction bodies (they carry the applicant's name and masked
// numbers): libsodium crypto_secretbox (XSalsa20-Poly1305), one random nonce per body.
//
//  [X] Key file created at first start with O_EXCL and mode 0600, fsynced; read afterwards
//  [X] A key file of the wrong size or mode wider than 0600 is refused, never replaced
//  [X] Sealed form: 24-byte nonce || MAC || ciphertext; a flipped bit fails open()
//  [X] The key lives in sodium_malloc'd memory (locked, guard pages, wiped on free)
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::store {

class Sealer {
 public:
  // Loads `key_file`, creating it (0600) with a fresh random key when absent.
  static Result<Sealer> open_or_create(const std::filesystem::path& key_file);

  std::vector<unsigned char> seal(std::string_view plain) const;
  // Errc::Corrupt when the box was altered or sealed with another key.
  Result<std::string> open(std::span<const unsigned char> sealed) const;

 private:
  struct KeyDeleter {
    void operator()(unsigned char* key) const;
  };
  explicit Sealer(std::shared_ptr<unsigned char> key) : key_(std::move(key)) {}
  std::shared_ptr<unsigned char> key_;
};

}  // namespace kiosk::store

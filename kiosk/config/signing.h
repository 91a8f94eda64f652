// Ed25519 and key ids for signed configuration (the contract §3): libsodium's
// crypto_sign_* and crypto_generichash (BLAKE2b), never a hand-written primitive.
//
//   key id   hex of the first 8 bytes of BLAKE2b-256(public key)
//   sig      Ed25519 over the exact payload bytes (detached, 64 bytes)
//   base64   RFC 4648 with padding, as the envelope carries it
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::config {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature64 = std::array<std::uint8_t, 64>;

std::string key_id(const PublicKey& key);
bool verify_signature(const PublicKey& key, std::string_view payload, const Signature64& sig);

// A signing key: the 32-byte seed and the 64-byte secret key libsodium derives from it,
// both in locked memory.
struct SigningKey {
  PublicKey public_key{};
  Secret secret_key;  // 64 bytes: crypto_sign's seed || public key
  std::string id() const { return key_id(public_key); }
};

Result<SigningKey> generate_key();
Result<SigningKey> key_from_seed(std::string_view seed32);
Result<Signature64> sign(const SigningKey& key, std::string_view payload);

// Key files. The private one, {"key_id": …, "seed": "<base64 of the 32-byte seed>"}, is
// written 0600 with O_EXCL (never over another key) and read back into locked memory
// without passing through ordinary strings. The public one, {"key_id", "public_key",
// "role"}, is the entry a root document lists.
Status write_private_key(const std::filesystem::path& file, const SigningKey& key);
Result<SigningKey> read_private_key(const std::filesystem::path& file);

// Base64 (original alphabet, padded). decode_base64 refuses anything else, whitespace
// included: an envelope is machine-written.
std::string encode_base64(std::string_view bytes);
Result<std::string> decode_base64(std::string_view text, std::size_t max_bytes);

}  // namespace kiosk::config

// Signed documents as the contract §3 frames them: a configuration bundle and a root
// document share one envelope,
//   { "payload": "<base64 of the exact payload bytes>",
//     "signatures": [ { "key_id": "<16 hex>", "sig": "<base64 Ed25519>" } ] }
// and a root document's payload names the keys and thresholds every check counts with.
// Pure: bytes in, values or a named refusal out; fuzzed (tests/fuzz/signed_config.fuzz.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/config/signing.h"
#include "kiosk/core/result.h"

namespace kiosk::config {

inline constexpr std::size_t kMaxEnvelopeBytes = 2 * 1024 * 1024;  // the contract's limit
inline constexpr std::size_t kMaxSignatures = 32;

struct EnvelopeSignature {
  std::string key_id;
  Signature64 sig{};
};

struct Envelope {
  std::string payload;  // the exact bytes that were signed
  std::vector<EnvelopeSignature> signatures;
};

// Whether the envelope carries a root document (its payload names keys) rather than a
// bundle: how `config apply` and the control socket tell the two apart. Checks nothing else.
bool is_root_document(std::string_view envelope_bytes);

// The size limit and the envelope's shape (JSON, base64, 16-hex key ids, 64-byte sigs).
Result<Envelope> parse_envelope(std::string_view bytes);
std::string envelope_json(const Envelope& envelope);  // pretty, with a final newline

enum class KeyRole { Root, Config };
std::string_view to_string(KeyRole role);

struct TrustedKey {
  std::string key_id;
  PublicKey public_key{};
  KeyRole role = KeyRole::Config;
};

struct Thresholds {
  int root = 1;
  int config = 1;
  int protected_settings = 1;  // "protected": config signatures for backend / payment
};

struct RootDocument {
  std::uint64_t version = 0;
  std::chrono::system_clock::time_point expires_at{};
  std::vector<TrustedKey> keys;
  Thresholds threshold;
  std::string payload;  // the bytes it was parsed from (what its signers signed)
};

// A root payload: schema 1, version, expires_at, keys (each key_id must be the key's own),
// thresholds each between 1 and the number of keys of their role.
Result<RootDocument> parse_root_payload(std::string_view payload);

// How many distinct keys of `role` in `trust` made a valid signature over the envelope's
// payload. A key that signs twice counts once; unknown key ids count nothing.
int count_signers(const Envelope& envelope, const RootDocument& trust, KeyRole role);

// Key ids in the envelope that `trust` does not know (any role).
std::vector<std::string> unknown_key_ids(const Envelope& envelope, const RootDocument& trust);

// The root as shipped (trust.root_keys_file): trusted as it is, but still checked to be a
// well-formed root signed by a threshold of its own root keys (a corrupted file is refused).
Result<RootDocument> shipped_root(std::string_view envelope_bytes);

// Version N+1 of the root: signed by a threshold of `current`'s root keys AND a threshold
// of its own, and exactly one version later (a chain that skips one is refused).
Result<RootDocument> rotate_root(const RootDocument& current, std::string_view envelope_bytes);

// RFC 3339 with an offset ("2026-11-28T17:05:09+05:30" or "…Z"); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace kiosk::config

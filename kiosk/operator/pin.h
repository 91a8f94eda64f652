// The operator's PIN (docs/operator.md): its rules, and Argon2id hashing with libsodium's
// crypto_pwhash. Hashing takes a tenth of a second and 64 MiB on purpose, so it runs on a
// worker thread (the control socket's, the operator worker's), never on the UI or core
// thread. The PIN itself only ever sits in locked memory (Secret).
#pragma once

#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"

namespace kiosk::op {

inline constexpr std::size_t kPinMinDigits = 6;
inline constexpr std::size_t kPinMaxDigits = 8;

// 6 to 8 digits, not one digit repeated, not a run up or down ("123456", "987654").
// InvalidInput naming the rule broken (never echoing the PIN).
Status check_pin_rules(std::string_view pin);

// Argon2id costs: libsodium's "interactive" limits in the kiosk; tests of the lockout may
// use the minimum (the hash is still Argon2id, just cheap).
struct PinCost {
  unsigned long long ops;
  std::size_t memory;
  static PinCost interactive();
  static PinCost minimum();
};

// "$argon2id$v=19$m=…,t=…,p=1$salt$hash" (crypto_pwhash_str_alg, a random salt each time).
Result<std::string> hash_pin(const Secret& pin, PinCost cost);
// Constant-time comparison inside libsodium; false for a malformed hash too.
bool pin_matches(const std::string& hash, const Secret& pin);
// A hash this kiosk can check: an Argon2id string libsodium parses (kioskctl hashes the PIN
// itself and sends only the hash over the control socket, so the PIN never enters the kiosk).
bool is_pin_hash(std::string_view hash);

}  // namespace kiosk::op

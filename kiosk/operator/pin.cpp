#include "kiosk/operator/pin.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace kiosk::op {

Status check_pin_rules(std::string_view pin) {
  if (pin.size() < kPinMinDigits || pin.size() > kPinMaxDigits)
    return fail(Errc::InvalidInput, "the PIN must be 6 to 8 digits");
  if (!std::ranges::all_of(pin, [](char c) { return c >= '0' && c <= '9'; }))
    return fail(Errc::InvalidInput, "the PIN must be digits only");
  if (std::ranges::all_of(pin, [&](char c) { return c == pin.front(); }))
    return fail(Errc::InvalidInput, "the PIN must not repeat one digit");
  bool up = true, down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  if (up || down) return fail(Errc::InvalidInput, "the PIN must not be a run of digits");
  return {};
}

PinCost PinCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PinCost PinCost::minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> hash_pin(const Secret& pin, PinCost cost) {
  if (sodium_init() < 0) return fail(Errc::Internal, "libsodium could not start");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), pin.data(), pin.size(), cost.ops, cost.memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return fail(Errc::Unavailable, "not enough memory to hash the PIN");
  return std::string(out.data());
}

bool pin_matches(const std::string& hash, const Secret& pin) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool is_pin_hash(std::string_view hash) {
  if (!hash.starts_with("$argon2id$") || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string text(hash);
  const auto cost = PinCost::minimum();
  // -1: not a hash libsodium can read; 0 or 1: readable (1: other costs than these).
  return crypto_pwhash_str_needs_rehash(text.c_str(), cost.ops, cost.memory) >= 0;
}

}  // namespace kiosk::op

// Verifying a signed configuration bundle (the contract §3): every check in the order the
// issue fixes, each refusal naming its check. Pure: bytes, the trusted root, what was
// accepted before and the time in; the verified contents or a refusal out. Applying what
// passes is config_apply's (the next issue); `kioskctl config verify` runs exactly this.
//
//   1 size (2 MiB)          2 envelope            3 known key ids
//   4 Ed25519, config threshold (a key counts once)
//   5 payload JSON, schema  6 scope               7 version (never lower; equal = same bytes)
//   8 time (issued_at ≤ now + 5 min, expires_at > now; now = max(wall clock, clock floor))
//   9 settings (the local file's validator, local-only keys refused), catalogue, strings
//  10 the protected threshold when settings touch backend or payment
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/config/config.h"
#include "kiosk/config/envelope.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::config {

enum class BundleCheck {
  Size,
  Envelope,
  KeyIds,
  Signatures,
  Payload,
  Scope,
  Version,
  Time,
  Contents,
  Protected
};
std::string_view to_string(BundleCheck check);  // "size", "envelope", "key-ids" …

inline constexpr std::chrono::minutes kIssuedAtSkew{5};

// What the kiosk accepted before: the highest version (persisted, never lowered) and the
// SHA-256 of the payload in force.
struct BundleFloor {
  std::uint64_t highest_version = 0;
  std::string in_force_sha256;  // hex; empty when no bundle is in force
  // The payload that set the floor: the same bytes may be applied again (an apply that
  // failed half-way, a disk that was full), other bytes with that version may not.
  std::string highest_sha256;
};

struct BundleContext {
  const RootDocument* root = nullptr;
  std::string kiosk_id;  // kiosk.id; its first group is the state ("CG-RPR-0042" → "CG")
  BundleFloor floor;
  std::chrono::system_clock::time_point now{};  // the later of the wall clock and the floor
  Layers local;                                 // the local file, as the kiosk loads it
  std::set<std::string> string_keys;            // every known i18n key
  std::set<std::string> languages{"hi", "en"};  // languages a bundle may give strings for
  // The bundle already in force, read again at start or for a rollback: its version and
  // times were checked when it was applied (an applied bundle that expired while the kiosk
  // was offline stays in force, with an alert, until a newer one arrives).
  bool reloading = false;
};

struct VerifiedBundle {
  std::uint64_t version = 0;
  std::string payload;         // the exact bytes signed
  std::string payload_sha256;  // hex
  nlohmann::json document;     // the payload, parsed
  nlohmann::json settings = nlohmann::json::object();
  nlohmann::json strings = nlohmann::json::object();
  std::optional<services::Catalogue> catalogue;
  std::set<std::string> signers;  // config key ids whose signatures counted
  bool touches_protected = false;
  bool already_applied = false;  // the same version and bytes as the bundle in force
};

struct BundleRefusal {
  BundleCheck check = BundleCheck::Size;
  std::string why;
};

std::expected<VerifiedBundle, BundleRefusal> verify_bundle(std::string_view bytes,
                                                           const BundleContext& context);
// Checks 5 to 10 on a payload whose signatures passed (by `signers`, config key ids).
std::expected<VerifiedBundle, BundleRefusal> verify_payload(std::string payload,
                                                            std::set<std::string> signers,
                                                            const BundleContext& context);

// "CG-RPR-0042" → "CG"; empty for an empty id.
std::string state_of(std::string_view kiosk_id);
std::string sha256_hex(std::string_view bytes);

}  // namespace kiosk::config

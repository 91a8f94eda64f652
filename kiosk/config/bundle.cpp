#include "kiosk/config/bundle.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

namespace kiosk::config {
namespace {

using nlohmann::json;
using Refusal = std::unexpected<BundleRefusal>;

Refusal refuse(BundleCheck check, std::string why) {
  return Refusal(BundleRefusal{check, std::move(why)});
}

// Every signature must verify and come from a known config key (a root key signing a bundle
// counts for nothing); each key counts once.
std::expected<std::set<std::string>, BundleRefusal> config_signers(const Envelope& envelope,
                                                                   const RootDocument& root) {
  std::set<std::string> signers;
  for (const auto& s : envelope.signatures) {
    const auto key = std::ranges::find(root.keys, s.key_id, &TrustedKey::key_id);
    if (!verify_signature(key->public_key, envelope.payload, s.sig))
      return refuse(BundleCheck::Signatures,
                    fmt::format("the signature of key {} does not verify", s.key_id));
    if (key->role == KeyRole::Config) signers.insert(s.key_id);
  }
  if (static_cast<int>(signers.size()) < root.threshold.config)
    return refuse(BundleCheck::Signatures,
                  fmt::format("{} config key(s) signed; the root asks for {}", signers.size(),
                              root.threshold.config));
  return signers;
}

const std::set<std::string>& payload_members() {
  static const std::set<std::string> members{"schema",     "scope",    "version",   "issued_at",
                                             "expires_at", "settings", "catalogue", "strings"};
  return members;
}

std::optional<std::string> payload_problem(const json& doc) {
  if (!doc.is_object()) return "the payload is not a JSON object";
  for (const auto& [name, value] : doc.items())
    if (!payload_members().contains(name))
      return fmt::format("unknown member \"{}\"", name.substr(0, 40));
  if (doc.value("schema", json()) != 1) return "schema must be 1";
  if (!doc.contains("version") || !doc["version"].is_number_unsigned() || doc["version"] == 0)
    return "version must be a positive integer";
  for (const char* when : {"issued_at", "expires_at"}) {
    if (!doc.contains(when) || !doc[when].is_string() ||
        !parse_rfc3339(doc[when].get<std::string>()))
      return fmt::format("{} must be an RFC 3339 time", when);
  }
  if (!doc.contains("scope") || !doc["scope"].is_object() || doc["scope"].size() != 1)
    return "scope must be one of {\"fleet\": true}, {\"state\": …}, {\"kiosks\": […]}";
  for (const char* part : {"settings", "strings"})
    if (doc.contains(part) && !doc[part].is_object())
      return fmt::format("{} must be an object", part);
  return std::nullopt;
}

std::optional<std::string> scope_problem(const json& scope, std::string_view kiosk_id) {
  if (scope.contains("fleet")) {
    if (scope["fleet"] == true) return std::nullopt;
    return "scope fleet must be true";
  }
  if (kiosk_id.empty()) return "this kiosk has no kiosk.id yet: only a fleet bundle applies";
  if (scope.contains("state")) {
    if (scope["state"].is_string() && scope["state"] == state_of(kiosk_id)) return std::nullopt;
    return fmt::format("the bundle is for state {}, this kiosk is in {}",
                       scope["state"].dump().substr(0, 20), state_of(kiosk_id));
  }
  if (scope.contains("kiosks") && scope["kiosks"].is_array()) {
    for (const auto& k : scope["kiosks"])
      if (k == kiosk_id) return std::nullopt;
    return fmt::format("the bundle does not name this kiosk ({})", kiosk_id);
  }
  return "scope must be fleet, state or kiosks";
}

std::optional<std::string> version_problem(std::uint64_t version, const std::string& sha,
                                           const BundleFloor& floor, bool& already_applied) {
  if (version < floor.highest_version)
    return fmt::format("version {} is lower than {}, the highest accepted", version,
                       floor.highest_version);
  if (version == floor.highest_version && floor.highest_version > 0) {
    if (sha == floor.in_force_sha256) {
      already_applied = true;
      return std::nullopt;
    }
    if (sha == floor.highest_sha256) return std::nullopt;
    return fmt::format("version {} was accepted before with other contents", version);
  }
  return std::nullopt;
}

std::optional<std::string> time_problem(const json& doc,
                                        std::chrono::system_clock::time_point now) {
  const auto issued = *parse_rfc3339(doc["issued_at"].get<std::string>());
  const auto expires = *parse_rfc3339(doc["expires_at"].get<std::string>());
  if (issued > now + kIssuedAtSkew)
    return fmt::format("issued_at {} is in the future", doc["issued_at"].get<std::string>());
  if (expires <= now) return fmt::format("expired at {}", doc["expires_at"].get<std::string>());
  return std::nullopt;
}

std::optional<std::string> strings_problem(const json& strings, const BundleContext& context) {
  for (const auto& [language, table] : strings.items()) {
    if (!context.languages.contains(language))
      return fmt::format("strings: unknown language \"{}\"", language.substr(0, 10));
    if (!table.is_object()) return fmt::format("strings.{} must be an object", language);
    for (const auto& [key, text] : table.items()) {
      if (!context.string_keys.contains(key))
        return fmt::format("strings.{}: unknown key \"{}\"", language, key.substr(0, 60));
      if (!text.is_string() || text.get<std::string>().size() > 2000)
        return fmt::format("strings.{}.{} must be text of at most 2000 bytes", language, key);
    }
  }
  return std::nullopt;
}

bool touches_protected(const json& settings) {
  return settings.contains("backend") || settings.contains("payment") ||
         std::ranges::any_of(settings.items(), [](const auto& item) {
           return item.key().starts_with("backend.") || item.key().starts_with("payment.");
         });
}

// Check 9: settings as the local file's validator takes them, the catalogue as its loader.
std::expected<void, BundleRefusal> contents(VerifiedBundle& out, const BundleContext& context) {
  out.settings = out.document.value("settings", json::object());
  out.strings = out.document.value("strings", json::object());
  Layers layers = context.local;
  layers.bundle = out.settings;
  if (auto resolved = resolve(layers); !resolved)
    return refuse(BundleCheck::Contents, resolved.error().message);
  if (out.document.contains("catalogue")) {
    auto catalogue = services::parse_catalogue(out.document["catalogue"].dump());
    if (!catalogue) return refuse(BundleCheck::Contents, "catalogue: " + catalogue.error().message);
    out.catalogue = std::move(*catalogue);
  }
  if (auto problem = strings_problem(out.strings, context))
    return refuse(BundleCheck::Contents, *problem);
  return {};
}

}  // namespace

std::string_view to_string(BundleCheck check) {
  switch (check) {
    case BundleCheck::Size:
      return "size";
    case BundleCheck::Envelope:
      return "envelope";
    case BundleCheck::KeyIds:
      return "key-ids";
    case BundleCheck::Signatures:
      return "signatures";
    case BundleCheck::Payload:
      return "payload";
    case BundleCheck::Scope:
      return "scope";
    case BundleCheck::Version:
      return "version";
    case BundleCheck::Time:
      return "time";
    case BundleCheck::Contents:
      return "contents";
    case BundleCheck::Protected:
      return "protected";
  }
  return "payload";
}

std::string state_of(std::string_view kiosk_id) {
  return std::string(kiosk_id.substr(0, kiosk_id.find('-')));
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::string hex;
  for (const auto b : hash) hex += fmt::format("{:02x}", b);
  return hex;
}

std::expected<VerifiedBundle, BundleRefusal> verify_bundle(std::string_view bytes,
                                                           const BundleContext& context) {
  if (bytes.size() > kMaxEnvelopeBytes)
    return refuse(BundleCheck::Size, fmt::format("{} bytes, more than the limit of {}",
                                                 bytes.size(), kMaxEnvelopeBytes));
  auto envelope = parse_envelope(bytes);
  if (!envelope) return refuse(BundleCheck::Envelope, envelope.error().message);
  const RootDocument& root = *context.root;
  if (auto unknown = unknown_key_ids(*envelope, root); !unknown.empty())
    return refuse(BundleCheck::KeyIds, fmt::format("unknown key id {}", unknown.front()));
  auto signers = config_signers(*envelope, root);
  if (!signers) return std::unexpected(signers.error());
  return verify_payload(std::move(envelope->payload), std::move(*signers), context);
}

std::expected<VerifiedBundle, BundleRefusal> verify_payload(std::string payload,
                                                            std::set<std::string> signers,
                                                            const BundleContext& context) {
  const RootDocument& root = *context.root;
  VerifiedBundle out;
  out.payload = std::move(payload);
  out.signers = std::move(signers);
  out.document = json::parse(out.payload, nullptr, /*allow_exceptions=*/false);
  if (auto problem = payload_problem(out.document)) return refuse(BundleCheck::Payload, *problem);
  if (auto problem = scope_problem(out.document["scope"], context.kiosk_id))
    return refuse(BundleCheck::Scope, *problem);
  out.version = out.document["version"].get<std::uint64_t>();
  out.payload_sha256 = sha256_hex(out.payload);
  if (!context.reloading) {
    if (auto problem =
            version_problem(out.version, out.payload_sha256, context.floor, out.already_applied))
      return refuse(BundleCheck::Version, *problem);
    if (auto problem = time_problem(out.document, context.now))
      return refuse(BundleCheck::Time, *problem);
  }
  if (auto checked = contents(out, context); !checked) return std::unexpected(checked.error());
  out.touches_protected = touches_protected(out.settings);
  if (out.touches_protected &&
      static_cast<int>(out.signers.size()) < root.threshold.protected_settings)
    return refuse(BundleCheck::Protected,
                  fmt::format("backend and payment settings need {} config signatures; {} signed",
                              root.threshold.protected_settings, out.signers.size()));
  return out;
}

}  // namespace kiosk::config

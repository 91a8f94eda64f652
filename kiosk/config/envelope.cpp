#include "kiosk/config/envelope.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk::config {
namespace {

using nlohmann::json;

bool is_key_id(std::string_view text) {
  return text.size() == 16 && std::ranges::all_of(text, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<EnvelopeSignature> parse_signature(const json& entry, std::size_t index) {
  const auto where = fmt::format("signature {}", index + 1);
  if (!entry.is_object() || !entry.contains("key_id") || !entry.contains("sig") ||
      !entry["key_id"].is_string() || !entry["sig"].is_string())
    return fail(Errc::InvalidInput, where + " needs a string key_id and sig");
  EnvelopeSignature out;
  out.key_id = entry["key_id"].get<std::string>();
  if (!is_key_id(out.key_id))
    return fail(Errc::InvalidInput, where + ": key_id is not 16 hex digits");
  auto sig = decode_base64(entry["sig"].get<std::string>(), 64);
  if (!sig || sig->size() != 64)
    return fail(Errc::InvalidInput, where + ": sig is not a base64 Ed25519 signature");
  std::copy(sig->begin(), sig->end(), reinterpret_cast<char*>(out.sig.data()));
  return out;
}

int digits_at(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

Result<PublicKey> parse_public_key(const json& value) {
  if (!value.is_string()) return fail(Errc::InvalidInput, "public_key must be base64");
  auto raw = decode_base64(value.get<std::string>(), 32);
  if (!raw || raw->size() != 32)
    return fail(Errc::InvalidInput, "public_key is not 32 bytes of base64");
  PublicKey key{};
  std::copy(raw->begin(), raw->end(), reinterpret_cast<char*>(key.data()));
  return key;
}

Result<TrustedKey> parse_trusted_key(const json& entry) {
  if (!entry.is_object() || !entry.contains("key_id") || !entry["key_id"].is_string() ||
      !entry.contains("role") || !entry["role"].is_string() || !entry.contains("public_key"))
    return fail(Errc::InvalidInput, "a root key needs key_id, public_key and role");
  TrustedKey key;
  auto public_key = parse_public_key(entry["public_key"]);
  if (!public_key) return std::unexpected(public_key.error());
  key.public_key = *public_key;
  key.key_id = entry["key_id"].get<std::string>();
  // The id is derived, so a document cannot name one key with another's id.
  if (key.key_id != key_id(key.public_key))
    return fail(Errc::InvalidInput,
                fmt::format("key_id {} is not its public key's", key.key_id.substr(0, 16)));
  const auto role = entry["role"].get<std::string>();
  if (role != "root" && role != "config")
    return fail(Errc::InvalidInput, "a key's role is root or config");
  key.role = role == "root" ? KeyRole::Root : KeyRole::Config;
  return key;
}

int keys_of(const RootDocument& doc, KeyRole role) {
  return static_cast<int>(std::ranges::count(doc.keys, role, &TrustedKey::role));
}

Status read_thresholds(const json& t, RootDocument& doc) {
  const auto read = [&](const char* name, int& out) {
    if (!t.contains(name) || !t[name].is_number_integer()) return false;
    const auto v = t[name].get<std::int64_t>();
    if (v < 1 || v > 64) return false;
    out = static_cast<int>(v);
    return true;
  };
  if (!t.is_object() || !read("root", doc.threshold.root) ||
      !read("config", doc.threshold.config) || !read("protected", doc.threshold.protected_settings))
    return fail(Errc::InvalidInput, "threshold needs root, config and protected, each 1 to 64");
  if (doc.threshold.root > keys_of(doc, KeyRole::Root) ||
      doc.threshold.config > keys_of(doc, KeyRole::Config) ||
      doc.threshold.protected_settings > keys_of(doc, KeyRole::Config))
    return fail(Errc::InvalidInput, "a threshold is higher than the keys that could meet it");
  return {};
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s) {
  const int y = digits_at(s, 0, 4), mo = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
  const int h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2), se = digits_at(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' || h > 23 || mi > 59 ||
      se > 60)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t first = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == first) return std::nullopt;
  }
  int offset_minutes = 0;
  const std::string_view zone = s.substr(std::min(pos, s.size()));
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = digits_at(zone, 1, 2), om = digits_at(zone, 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  return std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(se) - std::chrono::minutes(offset_minutes);
}

Result<Envelope> parse_envelope(std::string_view bytes) {
  if (bytes.size() > kMaxEnvelopeBytes)
    return fail(Errc::InvalidInput, fmt::format("{} bytes, more than the limit of {}", bytes.size(),
                                                kMaxEnvelopeBytes));
  const auto doc = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("payload") || !doc["payload"].is_string() ||
      !doc.contains("signatures") || !doc["signatures"].is_array())
    return fail(Errc::InvalidInput, "not an envelope: a JSON object with payload and signatures");
  if (doc["signatures"].empty() || doc["signatures"].size() > kMaxSignatures)
    return fail(Errc::InvalidInput, fmt::format("1 to {} signatures", kMaxSignatures));
  Envelope out;
  auto payload = decode_base64(doc["payload"].get<std::string>(), kMaxEnvelopeBytes);
  if (!payload) return fail(Errc::InvalidInput, "payload is not base64");
  out.payload = std::move(*payload);
  for (std::size_t i = 0; i < doc["signatures"].size(); ++i) {
    auto sig = parse_signature(doc["signatures"][i], i);
    if (!sig) return std::unexpected(sig.error());
    out.signatures.push_back(std::move(*sig));
  }
  return out;
}

std::string envelope_json(const Envelope& envelope) {
  json sigs = json::array();
  for (const auto& s : envelope.signatures) {
    sigs.push_back({{"key_id", s.key_id},
                    {"sig", encode_base64(std::string_view(
                                reinterpret_cast<const char*>(s.sig.data()), s.sig.size()))}});
  }
  return json{{"payload", encode_base64(envelope.payload)}, {"signatures", sigs}}.dump(2) + "\n";
}

std::string_view to_string(KeyRole role) {
  return role == KeyRole::Root ? "root" : "config";
}

Result<RootDocument> parse_root_payload(std::string_view payload) {
  const auto doc = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return fail(Errc::InvalidInput, "the root payload is not a JSON object");
  if (doc.value("schema", json()) != 1) return fail(Errc::InvalidInput, "root schema must be 1");
  RootDocument root;
  root.payload = std::string(payload);
  if (!doc.contains("version") || !doc["version"].is_number_unsigned() || doc["version"] == 0)
    return fail(Errc::InvalidInput, "root version must be a positive integer");
  root.version = doc["version"].get<std::uint64_t>();
  const auto expires = doc.contains("expires_at") && doc["expires_at"].is_string()
                           ? parse_rfc3339(doc["expires_at"].get<std::string>())
                           : std::nullopt;
  if (!expires) return fail(Errc::InvalidInput, "root expires_at must be an RFC 3339 time");
  root.expires_at = *expires;
  if (!doc.contains("keys") || !doc["keys"].is_array() || doc["keys"].empty() ||
      doc["keys"].size() > 64)
    return fail(Errc::InvalidInput, "root keys must be a list of 1 to 64 keys");
  std::set<std::string> seen;
  for (const auto& entry : doc["keys"]) {
    auto key = parse_trusted_key(entry);
    if (!key) return std::unexpected(key.error());
    if (!seen.insert(key->key_id).second)
      return fail(Errc::InvalidInput, "a key is listed twice in the root");
    root.keys.push_back(std::move(*key));
  }
  if (auto t = read_thresholds(doc.value("threshold", json()), root); !t)
    return std::unexpected(t.error());
  return root;
}

int count_signers(const Envelope& envelope, const RootDocument& trust, KeyRole role) {
  std::set<std::string> counted;
  for (const auto& s : envelope.signatures) {
    const auto key = std::ranges::find(trust.keys, s.key_id, &TrustedKey::key_id);
    if (key == trust.keys.end() || key->role != role || counted.contains(s.key_id)) continue;
    if (verify_signature(key->public_key, envelope.payload, s.sig)) counted.insert(s.key_id);
  }
  return static_cast<int>(counted.size());
}

std::vector<std::string> unknown_key_ids(const Envelope& envelope, const RootDocument& trust) {
  std::vector<std::string> unknown;
  for (const auto& s : envelope.signatures) {
    if (std::ranges::find(trust.keys, s.key_id, &TrustedKey::key_id) == trust.keys.end())
      unknown.push_back(s.key_id);
  }
  return unknown;
}

Result<RootDocument> shipped_root(std::string_view envelope_bytes) {
  auto envelope = parse_envelope(envelope_bytes);
  if (!envelope) return std::unexpected(envelope.error());
  auto root = parse_root_payload(envelope->payload);
  if (!root) return std::unexpected(root.error());
  if (count_signers(*envelope, *root, KeyRole::Root) < root->threshold.root)
    return fail(Errc::InvalidInput,
                "the shipped root is not signed by a threshold of its own root keys");
  return root;
}

Result<RootDocument> rotate_root(const RootDocument& current, std::string_view envelope_bytes) {
  auto envelope = parse_envelope(envelope_bytes);
  if (!envelope) return std::unexpected(envelope.error());
  auto next = parse_root_payload(envelope->payload);
  if (!next) return std::unexpected(next.error());
  if (next->version != current.version + 1)
    return fail(Errc::InvalidInput, fmt::format("root version {} does not follow {}: roots are "
                                                "walked one version at a time",
                                                next->version, current.version));
  const int by_old = count_signers(*envelope, current, KeyRole::Root);
  if (by_old < current.threshold.root)
    return fail(Errc::InvalidInput,
                fmt::format("root {} has {} of the {} signatures version {}'s root keys must make",
                            next->version, by_old, current.threshold.root, current.version));
  const int by_new = count_signers(*envelope, *next, KeyRole::Root);
  if (by_new < next->threshold.root)
    return fail(Errc::InvalidInput,
                fmt::format("root {} has {} of the {} signatures its own root keys must make",
                            next->version, by_new, next->threshold.root));
  return next;
}

bool is_root_document(std::string_view envelope_bytes) {
  auto envelope = parse_envelope(envelope_bytes);
  if (!envelope) return false;
  const auto payload =
      nlohmann::json::parse(envelope->payload, nullptr, /*allow_exceptions=*/false);
  return payload.is_object() && payload.contains("keys");
}

}  // namespace kiosk::config

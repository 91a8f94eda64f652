// Signed configuration bundles (the contract §3): every check of the verifier, each case
// refused by its own check, and signatures made by a second implementation (openssl).
#include "kiosk/config/bundle.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk::config;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const auto kNow = std::chrono::sys_days(std::chrono::year(2026) / 12 / 7) + 10h;

std::string text_of(const PublicKey& key) {
  return encode_base64(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

Envelope signed_by(std::string payload, const std::vector<const SigningKey*>& keys) {
  Envelope e{std::move(payload), {}};
  for (const auto* key : keys) e.signatures.push_back({key->id(), *sign(*key, e.payload)});
  return e;
}

struct Keys {
  SigningKey root1 = *generate_key(), root2 = *generate_key();
  SigningKey config1 = *generate_key(), config2 = *generate_key(), stranger = *generate_key();

  json root_payload(std::uint64_t version, const std::vector<const SigningKey*>& roots,
                    int protected_threshold = 2) const {
    json keys = json::array();
    for (const auto* k : roots)
      keys.push_back(
          {{"key_id", k->id()}, {"public_key", text_of(k->public_key)}, {"role", "root"}});
    for (const auto* k : {&config1, &config2})
      keys.push_back(
          {{"key_id", k->id()}, {"public_key", text_of(k->public_key)}, {"role", "config"}});
    return {{"schema", 1},
            {"version", version},
            {"expires_at", "2030-01-01T00:00:00Z"},
            {"keys", keys},
            {"threshold", {{"root", 1}, {"config", 1}, {"protected", protected_threshold}}}};
  }
  RootDocument root() const {
    auto doc = shipped_root(envelope_json(signed_by(root_payload(1, {&root1}).dump(), {&root1})));
    REQUIRE(doc);
    return *doc;
  }
};

json bundle_payload(std::uint64_t version = 5) {
  return {{"schema", 1},
          {"scope", {{"fleet", true}}},
          {"version", version},
          {"issued_at", "2026-12-07T09:00:00Z"},
          {"expires_at", "2027-01-07T00:00:00Z"},
          {"settings", {{"ui", {{"idle_timeout_s", 120}}}}}};
}

struct Rig {
  Keys keys;
  RootDocument root = keys.root();
  BundleContext context;
  Rig() {
    context.root = &root;
    context.kiosk_id = "CG-RPR-0042";
    context.now = kNow;
    context.string_keys = {"welcome.title", "home.title"};
  }
  std::expected<VerifiedBundle, BundleRefusal> verify(const json& payload,
                                                      const std::vector<const SigningKey*>& by) {
    return verify_bundle(envelope_json(signed_by(payload.dump(), by)), context);
  }
  std::expected<VerifiedBundle, BundleRefusal> verify(const json& payload) {
    return verify(payload, {&keys.config1});
  }
};

BundleCheck refused_by(const std::expected<VerifiedBundle, BundleRefusal>& r) {
  REQUIRE_FALSE(r);
  INFO(r.error().why);
  return r.error().check;
}

}  // namespace

TEST_CASE("A valid bundle passes every check", "[config][bundle]") {
  Rig rig;
  const auto ok = rig.verify(bundle_payload());
  REQUIRE(ok);
  CHECK(ok->version == 5);
  CHECK(ok->settings["ui"]["idle_timeout_s"] == 120);
  CHECK(ok->signers == std::set<std::string>{rig.keys.config1.id()});
  CHECK_FALSE(ok->already_applied);
  CHECK(ok->payload_sha256.size() == 64);
}

TEST_CASE("A tampered payload or signature, or an unknown key, is refused",
          "[config][bundle][signatures]") {
  Rig rig;
  auto envelope = signed_by(bundle_payload().dump(), {&rig.keys.config1});
  auto tampered = envelope;
  tampered.payload.replace(tampered.payload.find("120"), 3, "999");
  CHECK(refused_by(verify_bundle(envelope_json(tampered), rig.context)) == BundleCheck::Signatures);
  auto bad_sig = envelope;
  bad_sig.signatures[0].sig[10] ^= 0x01;
  CHECK(refused_by(verify_bundle(envelope_json(bad_sig), rig.context)) == BundleCheck::Signatures);
  CHECK(refused_by(rig.verify(bundle_payload(), {&rig.keys.stranger})) == BundleCheck::KeyIds);
  // A root key is known, but signs no bundle: it does not count towards the config threshold.
  CHECK(refused_by(rig.verify(bundle_payload(), {&rig.keys.root1})) == BundleCheck::Signatures);
}

TEST_CASE("A key that signs twice counts once", "[config][bundle][signatures][threshold]") {
  Rig rig;
  json payload = bundle_payload();
  payload["settings"] = {{"backend", {{"url", "https://backend.example.in"}}}};
  const auto twice = rig.verify(payload, {&rig.keys.config1, &rig.keys.config1});
  CHECK(refused_by(twice) == BundleCheck::Protected);
  const auto two_keys = rig.verify(payload, {&rig.keys.config1, &rig.keys.config2});
  REQUIRE(two_keys);
  CHECK(two_keys->touches_protected);
  CHECK(two_keys->signers.size() == 2);
}

TEST_CASE("Payment settings need the protected threshold too", "[config][bundle][threshold]") {
  Rig rig;
  json payload = bundle_payload();
  payload["settings"] = {{"payment", {{"upi_vpa", "attacker@upi"}}}};
  CHECK(refused_by(rig.verify(payload)) == BundleCheck::Protected);
  CHECK(rig.verify(payload, {&rig.keys.config1, &rig.keys.config2}));
}

TEST_CASE("Versions never go back, and the same bundle again is a no-op",
          "[config][bundle][version]") {
  Rig rig;
  const auto payload = bundle_payload(7);
  const std::string bytes = payload.dump();
  rig.context.floor = {7, sha256_hex(bytes), sha256_hex(bytes)};
  const auto again = rig.verify(payload);
  REQUIRE(again);
  CHECK(again->already_applied);
  json other = payload;
  other["settings"]["ui"]["idle_timeout_s"] = 100;
  CHECK(refused_by(rig.verify(other)) == BundleCheck::Version);
  CHECK(refused_by(rig.verify(bundle_payload(6))) == BundleCheck::Version);
  CHECK(rig.verify(bundle_payload(8)));
}

TEST_CASE("Expired bundles and bundles from the future are refused", "[config][bundle][time]") {
  Rig rig;
  json expired = bundle_payload();
  expired["expires_at"] = "2026-12-07T10:00:00Z";  // not after now
  CHECK(refused_by(rig.verify(expired)) == BundleCheck::Time);
  json future = bundle_payload();
  future["issued_at"] = "2026-12-07T15:36:00+05:30";  // 10:06 UTC: 6 minutes ahead
  CHECK(refused_by(rig.verify(future)) == BundleCheck::Time);
  future["issued_at"] = "2026-12-07T15:34:00+05:30";  // 4 minutes ahead: within the skew
  CHECK(rig.verify(future));
}

TEST_CASE("Scope: fleet, this state, this kiosk, never another", "[config][bundle][scope]") {
  Rig rig;
  json payload = bundle_payload();
  payload["scope"] = {{"state", "CG"}};
  CHECK(rig.verify(payload));
  payload["scope"] = {{"state", "MH"}};
  CHECK(refused_by(rig.verify(payload)) == BundleCheck::Scope);
  payload["scope"] = {{"kiosks", {"CG-RPR-0041", "CG-RPR-0042"}}};
  CHECK(rig.verify(payload));
  payload["scope"] = {{"kiosks", {"CG-RPR-0041"}}};
  CHECK(refused_by(rig.verify(payload)) == BundleCheck::Scope);
  CHECK(state_of("CG-RPR-0042") == "CG");
}

TEST_CASE("A bundle naming a local-only key is refused whole", "[config][bundle][contents]") {
  Rig rig;
  for (const json& settings :
       {json{{"devices", {{"p", {{"kind", "printer"}, {"simulated", true}}}}}},
        json{{"kiosk", {{"id", "CG-RPR-9999"}}}}, json{{"paths", {{"state_dir", "/tmp/x"}}}},
        json{{"ui", {{"idle_timeout_s", 120}}}, {"backend", {{"token_file", "/tmp/t"}}}}}) {
    json payload = bundle_payload();
    payload["settings"] = settings;
    CHECK(refused_by(rig.verify(payload, {&rig.keys.config1, &rig.keys.config2})) ==
          BundleCheck::Contents);
  }
  json bad_value = bundle_payload();
  bad_value["settings"] = {{"ui", {{"idle_timeout_s", 5}}}};  // below 60: the local rule
  CHECK(refused_by(rig.verify(bad_value)) == BundleCheck::Contents);
}

TEST_CASE("Strings override known keys only, and a catalogue must load",
          "[config][bundle][contents]") {
  Rig rig;
  json payload = bundle_payload();
  payload["strings"] = {{"hi", {{"welcome.title", "नमस्ते"}}}};
  CHECK(rig.verify(payload));
  payload["strings"] = {{"hi", {{"no.such.key", "x"}}}};
  CHECK(refused_by(rig.verify(payload)) == BundleCheck::Contents);
  payload["strings"] = {{"fr", {{"welcome.title", "Bonjour"}}}};
  CHECK(refused_by(rig.verify(payload)) == BundleCheck::Contents);
  json with_catalogue = bundle_payload();
  std::ifstream in(kiosk::testing::assets_dir() / "services" / "catalogue.json");
  with_catalogue["catalogue"] = json::parse(in);
  const auto ok = rig.verify(with_catalogue);
  REQUIRE(ok);
  CHECK(ok->catalogue);
  with_catalogue["catalogue"] = {{"services", "none"}};
  CHECK(refused_by(rig.verify(with_catalogue)) == BundleCheck::Contents);
}

TEST_CASE("Oversized, malformed and badly encoded bundles are refused early",
          "[config][bundle][envelope]") {
  Rig rig;
  CHECK(refused_by(verify_bundle(std::string(kMaxEnvelopeBytes + 1, ' '), rig.context)) ==
        BundleCheck::Size);
  CHECK(refused_by(verify_bundle("{\"payload\": ", rig.context)) == BundleCheck::Envelope);
  CHECK(refused_by(verify_bundle(
            R"({"payload":"%%%","signatures":[{"key_id":"0011223344556677","sig":"AA=="}]})",
            rig.context)) == BundleCheck::Envelope);
  CHECK(refused_by(verify_bundle(R"({"payload":"e30=","signatures":[]})", rig.context)) ==
        BundleCheck::Envelope);
  // Signed, but the payload is not JSON.
  CHECK(refused_by(verify_bundle(envelope_json(signed_by("not json", {&rig.keys.config1})),
                                 rig.context)) == BundleCheck::Payload);
  json unknown = bundle_payload();
  unknown["apply_now"] = true;
  CHECK(refused_by(rig.verify(unknown)) == BundleCheck::Payload);
}

TEST_CASE("Root rotation: the next version, signed by the old root keys and its own",
          "[config][root][rotation]") {
  Keys keys;
  const RootDocument v1 = keys.root();
  const std::string v2 = keys.root_payload(2, {&keys.root2}).dump();
  const auto good = rotate_root(v1, envelope_json(signed_by(v2, {&keys.root1, &keys.root2})));
  REQUIRE(good);
  CHECK(good->version == 2);
  CHECK_FALSE(rotate_root(v1, envelope_json(signed_by(v2, {&keys.root2}))));  // new keys only
  CHECK_FALSE(rotate_root(v1, envelope_json(signed_by(v2, {&keys.root1}))));  // old keys only
  const std::string v3 = keys.root_payload(3, {&keys.root2}).dump();
  CHECK_FALSE(
      rotate_root(v1, envelope_json(signed_by(v3, {&keys.root1, &keys.root2}))));  // skips 2
  CHECK(rotate_root(*good, envelope_json(signed_by(v3, {&keys.root2}))));
}

TEST_CASE("A root whose key id is not its key's, or whose threshold cannot be met, is refused",
          "[config][root]") {
  Keys keys;
  json payload = keys.root_payload(1, {&keys.root1});
  payload["keys"][0]["key_id"] = keys.root2.id();
  CHECK_FALSE(parse_root_payload(payload.dump()));
  payload = keys.root_payload(1, {&keys.root1}, 3);  // protected 3 of 2 config keys
  CHECK_FALSE(parse_root_payload(payload.dump()));
}

TEST_CASE("Signatures made by openssl's Ed25519 verify", "[config][bundle][interop]") {
  using kiosk::testing::run_process;
  const auto dir = kiosk::testing::scratch_dir("openssl-ed25519");
  const auto pem = (dir / "key.pem").string(), der = (dir / "pub.der").string();
  REQUIRE(run_process({"openssl", "genpkey", "-algorithm", "ed25519", "-out", pem}).exit_code == 0);
  REQUIRE(run_process({"openssl", "pkey", "-in", pem, "-pubout", "-outform", "DER", "-out", der})
              .exit_code == 0);
  std::ifstream in(der, std::ios::binary);
  const std::string spki{std::istreambuf_iterator<char>(in), {}};
  REQUIRE(spki.size() == 44);  // SubjectPublicKeyInfo: 12 bytes of header, the 32-byte key
  PublicKey openssl_key{};
  std::copy(spki.end() - 32, spki.end(), reinterpret_cast<char*>(openssl_key.data()));

  Keys keys;
  json root = keys.root_payload(1, {&keys.root1});
  root["keys"].push_back(
      {{"key_id", key_id(openssl_key)}, {"public_key", text_of(openssl_key)}, {"role", "config"}});
  auto trusted = shipped_root(envelope_json(signed_by(root.dump(), {&keys.root1})));
  REQUIRE(trusted);

  const std::string payload = bundle_payload().dump();
  std::ofstream(dir / "payload.json", std::ios::binary) << payload;
  const auto sig_file = (dir / "sig.bin").string();
  REQUIRE(run_process({"openssl", "pkeyutl", "-sign", "-inkey", pem, "-rawin", "-in",
                       (dir / "payload.json").string(), "-out", sig_file})
              .exit_code == 0);
  std::ifstream sig_in(sig_file, std::ios::binary);
  const std::string sig{std::istreambuf_iterator<char>(sig_in), {}};
  REQUIRE(sig.size() == 64);
  const json envelope{
      {"payload", encode_base64(payload)},
      {"signatures", {{{"key_id", key_id(openssl_key)}, {"sig", encode_base64(sig)}}}}};
  BundleContext context;
  context.root = &*trusted;
  context.kiosk_id = "CG-RPR-0042";
  context.now = kNow;
  const auto ok = verify_bundle(envelope.dump(), context);
  INFO((ok ? std::string() : ok.error().why));
  CHECK(ok);
}

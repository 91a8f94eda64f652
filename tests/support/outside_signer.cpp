#include "tests/support/outside_signer.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/config/signing.h"
#include "kiosk/core/file.h"
#include "tests/support/process.h"

namespace kiosk::testing {

namespace {

std::string read_all(const std::filesystem::path& file) {
  return read_text_file(file).value_or("");
}

}  // namespace

OutsideSigner::OutsideSigner(std::filesystem::path dir) : dir_(std::move(dir)) {
  root1 = make_key("root1");
  root2 = make_key("root2");
  config = make_key("config");
  shipped_root = root(1, {&root1}, {&config}, {&root1});
}

OutsideSigner::Key OutsideSigner::make_key(const std::string& name) {
  const auto pem = (dir_ / (name + ".pem")).string(), der = (dir_ / (name + ".der")).string();
  REQUIRE(run_process({"openssl", "genpkey", "-algorithm", "ed25519", "-out", pem}).exit_code == 0);
  REQUIRE(run_process({"openssl", "pkey", "-in", pem, "-pubout", "-outform", "DER", "-out", der})
              .exit_code == 0);
  const std::string spki = read_all(der);
  REQUIRE(spki.size() == 44);  // SubjectPublicKeyInfo: 12 bytes of header, the 32-byte key
  config::PublicKey key{};
  std::copy(spki.end() - 32, spki.end(), reinterpret_cast<char*>(key.data()));
  return {pem, config::key_id(key), config::encode_base64(std::string_view(spki.data() + 12, 32))};
}

std::string OutsideSigner::envelope(const std::string& payload, const std::vector<const Key*>& by) {
  const auto in = dir_ / ("payload-" + std::to_string(++files_));
  std::ofstream(in, std::ios::binary) << payload;
  nlohmann::json signatures = nlohmann::json::array();
  for (const Key* key : by) {
    const auto sig = (dir_ / ("sig-" + std::to_string(++files_))).string();
    REQUIRE(run_process({"openssl", "pkeyutl", "-sign", "-inkey", key->pem, "-rawin", "-in",
                         in.string(), "-out", sig})
                .exit_code == 0);
    signatures.push_back({{"key_id", key->key_id}, {"sig", config::encode_base64(read_all(sig))}});
  }
  return nlohmann::json{{"payload", config::encode_base64(payload)}, {"signatures", signatures}}
             .dump(2) +
         "\n";
}

nlohmann::json OutsideSigner::root_payload(std::uint64_t version,
                                           const std::vector<const Key*>& roots,
                                           const std::vector<const Key*>& configs) const {
  nlohmann::json keys = nlohmann::json::array();
  for (const Key* k : roots)
    keys.push_back({{"key_id", k->key_id}, {"public_key", k->public_base64}, {"role", "root"}});
  for (const Key* k : configs)
    keys.push_back({{"key_id", k->key_id}, {"public_key", k->public_base64}, {"role", "config"}});
  return {{"schema", 1},
          {"version", version},
          {"expires_at", "2031-01-01T00:00:00Z"},
          {"keys", keys},
          {"threshold", {{"root", 1}, {"config", 1}, {"protected", 1}}}};
}

std::string OutsideSigner::root(std::uint64_t version, const std::vector<const Key*>& roots,
                                const std::vector<const Key*>& configs,
                                const std::vector<const Key*>& by) {
  return envelope(root_payload(version, roots, configs).dump(), by);
}

nlohmann::json OutsideSigner::bundle_payload(std::uint64_t version, nlohmann::json settings) {
  nlohmann::json p{{"schema", 1},
                   {"scope", {{"fleet", true}}},
                   {"version", version},
                   {"issued_at", "2026-12-01T00:00:00Z"},
                   {"expires_at", "2030-01-01T00:00:00Z"}};
  if (!settings.empty()) p["settings"] = std::move(settings);
  return p;
}

}  // namespace kiosk::testing

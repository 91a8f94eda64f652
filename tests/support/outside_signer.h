// Signed configuration made by a second implementation: openssl's Ed25519 (genpkey,
// pkeyutl -rawin), never the kiosk's own signing code. Root and config keys are PEM files in
// a scratch folder; documents come out as the contract's envelopes.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kiosk::testing {

class OutsideSigner {
 public:
  struct Key {
    std::string pem;  // the private key file
    std::string key_id;
    std::string public_base64;
  };

  // Two root keys and one config key, made by openssl in `dir`.
  explicit OutsideSigner(std::filesystem::path dir);

  Key make_key(const std::string& name);
  // The envelope: `payload` signed byte for byte by each key.
  std::string envelope(const std::string& payload, const std::vector<const Key*>& by);
  // A root document naming `roots` (role root) and `configs` (role config).
  nlohmann::json root_payload(std::uint64_t version, const std::vector<const Key*>& roots,
                              const std::vector<const Key*>& configs) const;
  std::string root(std::uint64_t version, const std::vector<const Key*>& roots,
                   const std::vector<const Key*>& configs, const std::vector<const Key*>& by);
  // A fleet bundle of `version`, valid from 2026-12-01 to 2030-01-01, with `settings`.
  static nlohmann::json bundle_payload(std::uint64_t version,
                                       nlohmann::json settings = nlohmann::json::object());
  std::string bundle(const nlohmann::json& payload) { return envelope(payload.dump(), {&config}); }

  Key root1, root2, config;
  std::string shipped_root;  // version 1: root1, config; signed by root1

 private:
  std::filesystem::path dir_;
  int files_ = 0;
};

}  // namespace kiosk::testing

// Issuing signed configuration (docs/remote-config.md): `kioskctl config keygen | sign |
// root sign | verify | inspect`. keygen and sign need no kiosk; verify and inspect check a
// bundle exactly as this kiosk would (kiosk/ctl/config_bundle.h) and apply nothing.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/config/bundle.h"
#include "kiosk/core/file.h"
#include "kiosk/ctl/config_bundle.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;
namespace cfg = kiosk::config;

struct ConfigArgs {
  std::string out_dir, name = "config", role = "config", out, file;
  std::vector<std::string> keys;
};

ConfigArgs& config_args() {
  static ConfigArgs a;  // CLI11 binds to storage that outlives parse()
  return a;
}

int fail_with(const Globals& g, kiosk::Errc code, const std::string& message, int& exit_code) {
  print_error(g, kiosk::Error{code, message}, exit_code);
  return exit_code;
}

void keygen(const Globals& g, int& exit_code) {
  auto key = cfg::generate_key();
  if (!key) return print_error(g, key.error(), exit_code);
  const std::filesystem::path dir = config_args().out_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (auto written = cfg::write_private_key(dir / (config_args().name + ".key"), *key); !written)
    return print_error(g, written.error(), exit_code);
  const json pub{{"key_id", key->id()},
                 {"public_key", cfg::encode_base64(std::string_view(
                                    reinterpret_cast<const char*>(key->public_key.data()), 32))},
                 {"role", config_args().role}};
  std::ofstream(dir / (config_args().name + ".pub")) << pub.dump(2) << "\n";
  print(g.json ? json{{"key_id", key->id()},
                      {"private", (dir / (config_args().name + ".key")).string()},
                      {"public", (dir / (config_args().name + ".pub")).string()}}
                         .dump(2) +
                     "\n"
               : key->id() + "\n");
  exit_code = static_cast<int>(ExitCode::Ok);
}

// Signs the file's exact bytes with every key; a root payload is checked first.
void sign_file(const Globals& g, bool root, int& exit_code) {
  auto payload = kiosk::read_text_file(config_args().file);
  if (!payload) return print_error(g, payload.error(), exit_code);
  if (root) {
    if (auto doc = cfg::parse_root_payload(*payload); !doc)
      return (void)fail_with(g, kiosk::Errc::InvalidInput,
                             "not a root payload: " + doc.error().message, exit_code);
  } else if (json::parse(*payload, nullptr, false).is_discarded()) {
    return (void)fail_with(g, kiosk::Errc::InvalidInput, "the payload is not JSON", exit_code);
  }
  cfg::Envelope envelope{*payload, {}};
  for (const auto& file : config_args().keys) {
    auto key = cfg::read_private_key(file);
    if (!key) return print_error(g, key.error(), exit_code);
    auto sig = cfg::sign(*key, envelope.payload);
    if (!sig) return print_error(g, sig.error(), exit_code);
    envelope.signatures.push_back({key->id(), *sig});
  }
  const std::string text = cfg::envelope_json(envelope);
  if (config_args().out.empty()) {
    print(text);
  } else {
    std::ofstream(config_args().out, std::ios::binary) << text;
  }
  exit_code = static_cast<int>(ExitCode::Ok);
}

// verify (inspect = false) or inspect: the bundle against this kiosk.
void check_file(const Globals& g, bool inspect, int& exit_code) {
  auto layers =
      cfg::read_layers(g.config ? std::optional<std::filesystem::path>(*g.config) : std::nullopt);
  if (!layers) return print_error(g, layers.error(), exit_code);
  auto config = load_config(g, exit_code);
  if (!config) return;
  kiosk::SystemClock clock;
  auto inputs = kiosk::ctl::bundle_inputs(*config, *layers, clock);
  if (!inputs) return print_error(g, inputs.error(), exit_code);
  auto bytes = kiosk::read_text_file(config_args().file);
  if (!bytes) return print_error(g, bytes.error(), exit_code);
  const auto result = cfg::verify_bundle(*bytes, (*inputs)->context);
  if (inspect && result) {
    const auto report = kiosk::ctl::inspect_report(*result, *config);
    print(g.json ? report.dump(2) + "\n" : kiosk::ctl::inspect_text(report));
  } else {
    const auto report = kiosk::ctl::verify_report(result);
    print(g.json ? report.dump(2) + "\n" : kiosk::ctl::verify_text(report));
  }
  exit_code = static_cast<int>(result ? ExitCode::Ok : ExitCode::Failed);
}

}  // namespace

void register_config_bundle_verbs(CLI::App& config, const Globals& g, int& exit_code) {
  auto& a = config_args();
  CLI::App* keygen_cmd =
      config.add_subcommand("keygen", "An Ed25519 key pair: NAME.key (0600), NAME.pub");
  keygen_cmd->add_option("--out", a.out_dir, "Folder for the key files")->required();
  keygen_cmd->add_option("--name", a.name, "File name (default: config)");
  keygen_cmd->add_option("--role", a.role, "root or config (written into NAME.pub)")
      ->check(CLI::IsMember({"root", "config"}));
  keygen_cmd->callback([&g, &exit_code] { keygen(g, exit_code); });

  CLI::App* sign_cmd = config.add_subcommand("sign", "Sign a bundle payload: writes the envelope");
  sign_cmd->add_option("--key", a.keys, "Private key file (repeat for more signatures)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sign_cmd->add_option("--out", a.out, "Envelope file (default: stdout)");
  sign_cmd->add_option("PAYLOAD", a.file, "The payload JSON, signed byte for byte")->required();
  sign_cmd->callback([&g, &exit_code] { sign_file(g, false, exit_code); });

  CLI::App* root = config.add_subcommand("root", "Root documents");
  root->require_subcommand(1);
  CLI::App* root_sign =
      root->add_subcommand("sign", "Sign a root payload with old and new root keys");
  root_sign->add_option("--key", a.keys, "Private root key file (repeat)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  root_sign->add_option("--out", a.out, "Envelope file (default: stdout)");
  root_sign->add_option("PAYLOAD", a.file, "The root payload JSON")->required();
  root_sign->callback([&g, &exit_code] { sign_file(g, true, exit_code); });

  CLI::App* verify =
      config.add_subcommand("verify", "Every check of a bundle, without applying it");
  verify->add_option("FILE", a.file, "The bundle (envelope)")->required();
  verify->callback([&g, &exit_code] { check_file(g, false, exit_code); });

  CLI::App* inspect =
      config.add_subcommand("inspect", "A bundle's payload and what it would change");
  inspect->add_option("FILE", a.file, "The bundle (envelope)")->required();
  inspect->callback([&g, &exit_code] { check_file(g, true, exit_code); });
}

}  // namespace kioskctl

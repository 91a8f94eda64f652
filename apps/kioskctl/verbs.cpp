#include "apps/kioskctl/verbs.h"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kiosk/config/config.h"
#include "kiosk/control/client.h"
#include "kiosk/control/verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/log.h"
#include "kiosk/ctl/decode_qr.h"
#include "kiosk/ctl/reports.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;

template <class Report, class Text>
void emit(const Globals& g, const Report& report, Text text) {
  print(g.json ? report.dump(2) + "\n" : text(report));
}

void register_decode_qr(CLI::App& app, const Globals& g, int& exit_code) {
  static std::string image;  // CLI11 binds options to storage that outlives parse()
  CLI::App* verb = app.add_subcommand(
      "decode-qr", "Read the QR codes in an image: kind, masked fields, signature");
  verb->add_option("IMAGE", image, "PNG or JPEG file")->required();
  verb->callback([&] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    std::error_code ec;
    std::optional<std::filesystem::path> cert;
    if (std::filesystem::is_regular_file(config->uidai_cert_path, ec))
      cert = config->uidai_cert_path;
    auto report = kiosk::ctl::decode_qr_report(image, cert);
    if (!report) {
      exit_code = static_cast<int>(ExitCode::Failed);
      if (g.json)
        print(nlohmann::json{{"error",
                              {{"code", kiosk::to_string(report.error().code)},
                               {"message", report.error().message}}}}
                  .dump(2) +
              "\n");
      kiosk::log::error("kioskctl", "{}", report.error().message);
      return;
    }
    emit(g, report->json, kiosk::ctl::decode_qr_text);
    exit_code = static_cast<int>(report->recognised ? ExitCode::Ok : ExitCode::Failed);
  });
}

}  // namespace

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

std::optional<kiosk::config::Config> load_config(const Globals& g, int& exit_code) {
  auto config = kiosk::config::load(g.config);
  if (config) return std::move(*config);
  exit_code = static_cast<int>(kiosk::exit_code_for(config.error().code));
  if (g.json) {
    print(nlohmann::json{{"error",
                          {{"code", kiosk::to_string(config.error().code)},
                           {"message", config.error().message}}}}
              .dump(2) +
          "\n");
  }
  kiosk::log::error("kioskctl", "{}", config.error().message);
  return std::nullopt;
}

void print_error(const Globals& g, const kiosk::Error& error, int& exit_code) {
  exit_code = static_cast<int>(kiosk::exit_code_for(error.code));
  if (g.json) {
    print(nlohmann::json{
              {"error", {{"code", kiosk::to_string(error.code)}, {"message", error.message}}}}
              .dump(2) +
          "\n");
  }
  kiosk::log::error("kioskctl", "{}", error.message);
}

std::optional<nlohmann::json> ask_kiosk(const kiosk::config::Config& c,
                                        const nlohmann::json& request,
                                        std::chrono::milliseconds budget,
                                        std::optional<kiosk::Error>& error) {
  auto answer =
      kiosk::control::exchange(c.control_socket, request, kiosk::control::client_timeout(budget));
  if (answer) {
    if (answer->refused) error = *answer->refused;
    return answer->body;
  }
  if (answer.error().code == kiosk::Errc::Access) error = answer.error();
  return std::nullopt;
}

void register_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  register_decode_qr(app, g, exit_code);
  register_queue_verbs(app, g, exit_code);
  register_device_verbs(app, g, exit_code);
  register_receipt_verbs(app, g, exit_code);
  register_print_test_verb(app, g, exit_code);
  register_scan_test_verb(app, g, exit_code);
  register_capture_test_verb(app, g, exit_code);
  CLI::App* status = app.add_subcommand(
      "status", "Kiosk identity, config, devices, queue, delivery and operator alerts");
  static std::string status_language = "en";  // CLI11 binds to storage that outlives parse()
  status->add_option("--lang", status_language, "Language of the device texts (en, hi)")
      ->check(CLI::IsMember({"en", "hi"}));
  status->callback([&] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    kiosk::SystemClock clock;
    emit(g, kiosk::ctl::status_report(*config, clock, {local_probe(*config), status_language}),
         kiosk::ctl::status_text);
    exit_code = static_cast<int>(ExitCode::Ok);
  });

  CLI::App* config = app.add_subcommand("config", "The configuration, and signed bundles");
  config->require_subcommand(1);
  CLI::App* show = config->add_subcommand("show", "Every key: effective value, origin and class");
  show->callback([&] {
    auto loaded = load_config(g, exit_code);
    if (!loaded) return;
    emit(g, kiosk::ctl::config_report(*loaded), kiosk::ctl::config_text);
    exit_code = static_cast<int>(ExitCode::Ok);
  });
  register_config_bundle_verbs(*config, g, exit_code);
  register_config_apply_verbs(*config, g, exit_code);
  register_operator_verbs(app, g, exit_code);
  register_payment_verbs(app, g, exit_code);
}

}  // namespace kioskctl

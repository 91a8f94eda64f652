#include "apps/kioskctl/verbs.h"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kiosk/config/config.h"
#include "kiosk/core/log.h"
#include "kiosk/ctl/reports.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;

void print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// Loads the config; on failure prints the problem (JSON on --json) and sets exit 3.
std::optional<kiosk::config::Config> load_config(const Globals& g, int& exit_code) {
  auto config = kiosk::config::load(g.config);
  if (config) return std::move(*config);
  exit_code = static_cast<int>(kiosk::exit_code_for(config.error().code));
  if (g.json) {
    print(nlohmann::json{{"error", {{"code", kiosk::to_string(config.error().code)},
                                    {"message", config.error().message}}}}
              .dump(2) + "\n");
  }
  kiosk::log::error("kioskctl", "{}", config.error().message);
  return std::nullopt;
}

template <class Report, class Text>
void emit(const Globals& g, const Report& report, Text text) {
  print(g.json ? report.dump(2) + "\n" : text(report));
}

}  // namespace

void register_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  CLI::App* status = app.add_subcommand("status", "Kiosk identity, config source, state and devices");
  status->callback([&] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    emit(g, kiosk::ctl::status_report(*config), kiosk::ctl::status_text);
    exit_code = static_cast<int>(ExitCode::Ok);
  });

  CLI::App* config = app.add_subcommand("config", "Inspect the configuration");
  config->require_subcommand(1);
  CLI::App* show = config->add_subcommand("show", "Every key: effective value, origin and class");
  show->callback([&] {
    auto loaded = load_config(g, exit_code);
    if (!loaded) return;
    emit(g, kiosk::ctl::config_report(*loaded), kiosk::ctl::config_text);
    exit_code = static_cast<int>(ExitCode::Ok);
  });
}

}  // namespace kioskctl

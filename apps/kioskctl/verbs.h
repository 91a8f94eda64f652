// kioskctl's verbs, registered on a CLI11 app. Each verb sets the exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/core/result.h"
#include "kiosk/devices/device_query.h"

namespace kioskctl {

struct Globals {
  std::optional<std::string> config;
  bool json = false;
};

// Shared by the verb files: stdout, config loading (exit 3 and a printed problem on
// failure) and error reporting (JSON on --json, exit code from the Errc).
void print(const std::string& text);
std::optional<kiosk::config::Config> load_config(const Globals& g, int& exit_code);
void print_error(const Globals& g, const kiosk::Error& error, int& exit_code);

// One request to the running kiosk, for verbs that can also work without it: its answer,
// or nullopt when no kiosk answered. `error` is set when the kiosk refused, or when the
// socket's permissions kept us out (then no offline fallback is allowed either).
std::optional<nlohmann::json> ask_kiosk(const kiosk::config::Config& c,
                                        const nlohmann::json& request,
                                        std::chrono::milliseconds budget,
                                        std::optional<kiosk::Error>& error);

void register_verbs(CLI::App& app, const Globals& globals, int& exit_code);

// Verb families, one file each (verbs_<family>.cpp), all called from register_verbs.
void register_queue_verbs(CLI::App& app, const Globals& globals, int& exit_code);      // outbox
void register_device_verbs(CLI::App& app, const Globals& globals, int& exit_code);     // devices
void register_receipt_verbs(CLI::App& app, const Globals& globals, int& exit_code);    // receipt
void register_print_test_verb(CLI::App& app, const Globals& globals, int& exit_code);  // print-test
void register_scan_test_verb(CLI::App& app, const Globals& globals, int& exit_code);   // scan-test
void register_capture_test_verb(CLI::App& app, const Globals& g, int& exit_code);  // capture-test
// `config keygen | sign | root sign | verify | inspect` (verbs_config.cpp).
void register_config_bundle_verbs(CLI::App& config, const Globals& g, int& exit_code);
// `operator set-pin`, `audit list` (verbs_operator.cpp).
void register_operator_verbs(CLI::App& app, const Globals& g, int& exit_code);
void register_payment_verbs(CLI::App& app, const Globals& g, int& exit_code);
// `config apply | status` (verbs_config_apply.cpp).
void register_config_apply_verbs(CLI::App& config, const Globals& g, int& exit_code);
// Opens the devices through the USB layer when no kiosk runs (devices, status).
kiosk::devices::LocalProbe local_probe(const kiosk::config::Config& config);

}  // namespace kioskctl

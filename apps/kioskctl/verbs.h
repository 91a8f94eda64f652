// kioskctl's verbs, registered on a CLI11 app. Each verb sets the exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace kioskctl {

struct Globals {
  std::optional<std::string> config;
  bool json = false;
};

void register_verbs(CLI::App& app, const Globals& globals, int& exit_code);

// Verb families, one file each (verbs_<family>.cpp), all called from register_verbs.
void register_queue_verbs(CLI::App& app, const Globals& globals, int& exit_code);   // outbox
void register_device_verbs(CLI::App& app, const Globals& globals, int& exit_code);  // devices

}  // namespace kioskctl

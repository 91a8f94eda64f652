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

}  // namespace kioskctl

// A scratch folder holding the smallest configuration a running csc-kiosk or kioskctl needs
// (state, log and socket inside it, no devices), and kioskctl run against it.
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/paths.h"
#include "tests/support/process.h"

namespace kiosk::testing {

struct KioskDir {
  explicit KioskDir(const std::string& name) : dir(scratch_dir(name)) {
    const nlohmann::json local{{"paths",
                                {{"state_dir", (dir / "state").string()},
                                 {"log_dir", (dir / "log").string()},
                                 {"control_socket", socket().string()},
                                 {"assets_dir", assets_dir().string()}}},
                               {"devices", nlohmann::json::object()}};
    std::ofstream(config()) << local.dump(2);
  }
  std::filesystem::path config() const { return dir / "config.json"; }
  std::filesystem::path socket() const { return dir / "state" / "ctl.sock"; }
  // kioskctl with `input` on its stdin (through sh: run_process gives none).
  ProcessResult ctl(const std::string& args, const std::string& input = "") const {
    const std::string command =
        "printf '" + input + "' | " + KIOSKCTL_PATH + " --config " + config().string() + " " + args;
    return run_process({"/bin/sh", "-c", command});
  }

  std::filesystem::path dir;
};

}  // namespace kiosk::testing

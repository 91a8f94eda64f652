// A kiosk config for the tests that run the real csc-kiosk and kioskctl beside a simulated
// bus: its own state folder, the repository's assets, a simulated receipt printer and a
// scanner that is never plugged in.
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/paths.h"

namespace usbtest {

inline std::filesystem::path write_config(const std::string& name) {
  const auto dir = kiosk::testing::scratch_dir(name);
  const nlohmann::json config{{"kiosk", {{"id", "CG-RPR-0042"}}},
                              {"paths",
                               {{"state_dir", (dir / "state").string()},
                                {"log_dir", (dir / "log").string()},
                                {"assets_dir", kiosk::testing::assets_dir().string()},
                                {"control_socket", (dir / "state" / "ctl.sock").string()}}},
                              {"devices",
                               {{"receipt_printer", {{"kind", "printer"}, {"simulated", true}}},
                                {"qr_scanner", {{"kind", "scanner"}, {"usb", "1eab:1303"}}}}}};
  std::ofstream(dir / "config.json") << config.dump(2);
  return dir / "config.json";
}

}  // namespace usbtest

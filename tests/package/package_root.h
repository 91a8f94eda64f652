// The Debian package cpack built in this tree (tools/test.sh runs `cpack -G DEB` after the
// Release build), unpacked with dpkg -x into a scratch root, its control area with dpkg-deb -e.
#pragma once

#include <filesystem>
#include <string>

namespace kiosk::testing {

struct UnpackedPackage {
  std::filesystem::path deb;      // build/…/csc-kiosk_<version>_<arch>.deb
  std::filesystem::path root;     // dpkg -x: the files as they land on a kiosk
  std::filesystem::path control;  // dpkg-deb -e: control, conffiles, maintainer scripts
};

// Unpacked once per test process. Throws, saying what to run, when the tree has no package
// or one older than the csc-kiosk it would ship.
const UnpackedPackage& unpacked_package();

// root / "etc/csc-kiosk/config.json" from "/etc/csc-kiosk/config.json".
std::filesystem::path in_root(const UnpackedPackage& package, const std::string& absolute);

std::string read_text(const std::filesystem::path& file);

// Permission bits as four octal digits, "0755".
std::string mode_of(const std::filesystem::path& file);

}  // namespace kiosk::testing

// The RD Service protocol's texts for the simulator: reading PidOptions without an XML
// library (a light check, as the brief for the simulator asks) and writing the RDService,
// DeviceInfo and PidData answers. Pure functions, no I/O.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "tools/rdsim/rd_sim.h"

namespace kiosk::rdsim {

// What a successful capture echoes from the request.
struct PidOptions {
  int fcount = 0;
  int ftype = 0;
};
// The options, or the errCode they earn (100, 120, 110, 150, 210).
std::expected<PidOptions, int> read_pid_options(std::string_view body);
std::string_view err_info(int err_code);

// Who the simulated device says it is (fixed per path style, plus the run's serial and
// device certificate).
struct DeviceIdentity {
  std::string_view dp_id = {};
  std::string_view rds_id = {};
  std::string_view model = {};
  std::string serial = {};
  std::string mc = {};  // base64 DER of the device certificate
};
DeviceIdentity device_identity(PathStyle style, std::string serial, std::string mc);

std::string info_path(PathStyle style, int port);
std::string capture_path(PathStyle style, int port);

std::string rdservice_xml(DeviceStatus status, PathStyle style, int port);
std::string device_info_xml(const DeviceIdentity& device);
std::string pid_error_xml(int err_code);

struct CaptureFacts {
  PidOptions options = {};
  int qscore = 0;
  int nmpoints = 0;
  bool with_data = true;              // false: errCode 0 without <Data>
  std::string_view data_marker = {};  // the Data's base64 begins with it
};
std::string pid_success_xml(const DeviceIdentity& device, const CaptureFacts& facts);

}  // namespace kiosk::rdsim

// The RD Service's XML, as pure functions: PidOptions out; RDService, DeviceInfo and
// PidData in (../shared/research/india.md §2). No I/O, no global state; fuzzed
// (tests/fuzz/rd_xml.fuzz.cpp).
//
//   [X] expat, not a hand parser: DOCTYPE refused (no entities, no billion laughs), a size
//       limit before any parsing, nesting bounded
//   [X] expat's memory is zeroed on free: PidData passes through its buffers
//   [X] PidData: only Resp's attributes and whether Data, Skey and Hmac are present are
//       read; the encrypted blocks are never copied out of the caller's (secret) buffer
//   [X] vendor quirks: INFO for DEVICEINFO, paths with an embedded host:port (Morpho)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::biometric {

enum class RdStatus { Ready, NotReady, Used };
std::string_view to_string(RdStatus status);  // "READY", "NOTREADY", "USED"

// The answer to RDSERVICE on "/".
struct RdServiceInfo {
  RdStatus status = RdStatus::NotReady;
  std::string info;          // the vendor's free text, e.g. "Mantra Authentication Vendor …"
  std::string info_path;     // DEVICEINFO (or INFO), host:port stripped; may be empty
  std::string capture_path;  // CAPTURE, host:port stripped
};

// The answer to DEVICEINFO.
struct DeviceInfo {
  std::string provider;  // dpId, e.g. "MANTRA.MSIPL"
  std::string rds_id;    // rdsId
  std::string rds_version;
  std::string model;               // mi, e.g. "MFS100"
  std::string serial;              // additional_info Param "srno", else dc
  std::string certificate_base64;  // mc: the device certificate (DER, base64)
};

// What the kiosk sends with CAPTURE. Defaults: one finger, FMR+FIR, XML, PID 2.0.
struct PidOptions {
  int finger_count = 1;  // fCount 1..10
  int finger_type = 2;   // fType: 0 FMR, 1 FIR, 2 FMR+FIR
  int format = 0;        // 0 XML, 1 protobuf
  std::string pid_version = "2.0";
  int timeout_ms = 10'000;
  std::string env = "P";  // P, PP or S
  std::string wadh;       // eKYC only, given per request by the backend
};

// What the kiosk reads from a PidData; the block itself is forwarded as it came.
struct CaptureSummary {
  int error_code = -1;          // Resp errCode; -1 when it is missing or not a number
  std::string error_info;       // Resp errInfo (the vendor's words, for the operator's log)
  std::optional<int> quality;   // qScore
  std::optional<int> minutiae;  // nmPoints
  bool has_data = false;        // a non-empty <Data>
  bool has_skey = false;        // a non-empty <Skey>
  bool has_hmac = false;
  // errCode 0 and both Data and Skey: the only capture that may be sent to /v1/auth.
  bool usable() const { return error_code == 0 && has_data && has_skey; }
};

inline constexpr std::size_t kMaxRdAnswerBytes = 64 * 1024;  // RDService, DeviceInfo
inline constexpr std::size_t kMaxPidDataBytes = 512 * 1024;  // a 10-finger FMR+FIR PID

std::string pid_options_xml(const PidOptions& options);  // one line, no CustOpts
// The settings a PidOptions may carry (india.md §2); nullopt when they are fine.
std::optional<std::string> check_pid_options(const PidOptions& options);

Result<RdServiceInfo> parse_rd_service(std::string_view xml);
Result<DeviceInfo> parse_device_info(std::string_view xml);
Result<CaptureSummary> parse_pid_data(std::string_view xml);

// "/127.0.0.1:11102/capture" → "/capture"; "/rd/capture" unchanged; a full
// "http://127.0.0.1:11100/rd/capture" → "/rd/capture". Always starts with '/'.
std::string strip_embedded_host(std::string_view path);

}  // namespace kiosk::biometric

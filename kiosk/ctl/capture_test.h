// `kioskctl capture-test`: one fingerprint capture through the RD Service, reported by
// its figures only (status, errCode, quality, minutiae), never the PID block, which is
// dropped (zeroed) as soon as it is read. Talks to the RD Service directly: it is the
// vendor's local program, not a device the kiosk claims.
#pragma once

#include <nlohmann/json.hpp>

#include "kiosk/biometric/rd_client.h"
#include "kiosk/core/result.h"

namespace kiosk::ctl {

struct CaptureTestReport {
  nlohmann::json json;           // docs/cli.md "capture-test"
  ExitCode exit = ExitCode::Ok;  // 0 a usable capture, 1 a capture error, 4 no RD Service
};

CaptureTestReport capture_test(biometric::RdClient& client);

// The report as a few lines for a person.
std::string capture_test_text(const nlohmann::json& report);

}  // namespace kiosk::ctl

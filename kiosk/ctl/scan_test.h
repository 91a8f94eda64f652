// `scan-test`: wait for one scan from any scanner and describe it (kioskctl scan-test, and
// the control verb the running kiosk answers it with). What it prints: the scanner, the
// payload's kind and its fields masked (describe_payload: never a full Aadhaar or mobile
// number); the raw text only for kinds that carry no Aadhaar data. A legacy XML QR holds
// the full number, so no Aadhaar kind ever shows its text.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/control/verbs.h"
#include "kiosk/devices/scan_board.h"

namespace kiosk::ctl {

inline constexpr std::chrono::seconds kScanTestDefault{30};
inline constexpr std::chrono::seconds kScanTestMax{300};

struct ScanTestRequest {
  std::chrono::seconds timeout = kScanTestDefault;
};
// {"timeout_s": 1..300}, optional.
Result<ScanTestRequest> parse_scan_test(const control::Request& request);

// {"scanner", "kind", "recognised", "valid"?, "fields"?, "verification"?, "text"?}.
nlohmann::json scan_report(std::string_view scanner, std::string_view text,
                           const std::optional<std::filesystem::path>& uidai_cert);

// Whether a report may show the raw text: only kinds without Aadhaar data.
bool may_show_text(std::string_view kind);

// The running kiosk's verb: waits on its scan board. NoDevice when no scanner is
// configured; Timeout when none came.
void register_scan_test_verb(control::VerbRegistry& verbs, devices::ScanBoard& board,
                             bool scanner_configured,
                             std::optional<std::filesystem::path> uidai_cert);

}  // namespace kiosk::ctl

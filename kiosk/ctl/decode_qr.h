// `kioskctl decode-qr IMAGE`: every symbol in an image, what kind of payload it carries,
// its fields (masked: never a full Aadhaar or mobile number) and, for Aadhaar, whether the
// UIDAI signature verified. The JSON schema is in docs/cli.md.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/core/result.h"

namespace kiosk::ctl {

struct DecodeQrReport {
  nlohmann::json json;
  bool recognised = false;  // at least one symbol carried a payload we understand
};

// The report for one decoded payload text (a symbol's content).
nlohmann::json describe_payload(std::string_view text,
                                const std::optional<std::filesystem::path>& uidai_cert,
                                bool& recognised);

Result<DecodeQrReport> decode_qr_report(const std::filesystem::path& image,
                                        const std::optional<std::filesystem::path>& uidai_cert);
std::string decode_qr_text(const nlohmann::json& report);

}  // namespace kiosk::ctl

// kioskctl's side of the control socket: one request, one answer, one deadline.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/core/result.h"

namespace kiosk::control {

struct Answer {
  nlohmann::json body;           // the kiosk's answer object
  std::optional<Error> refused;  // set when the answer is {"error": {...}}
};

// One exchange. An Error here means no answer: NotFound when no kiosk listens there,
// Access when the socket's permissions keep us out, Timeout when it does not answer in
// time. The kiosk's own refusals come back inside the Answer.
Result<Answer> exchange(const std::filesystem::path& socket, const nlohmann::json& request,
                        std::chrono::milliseconds timeout);

// exchange(), with a refusal turned into its Error (code read back with errc_from_string).
Result<nlohmann::json> request(const std::filesystem::path& socket, const nlohmann::json& request,
                               std::chrono::milliseconds timeout);

// The kiosk's own error answer as an Error; nullopt when the answer is not an error.
std::optional<Error> error_in(const nlohmann::json& answer);

}  // namespace kiosk::control

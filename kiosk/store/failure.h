// Why a delivery attempt failed, as a code that alerts, `kioskctl queue status` and exit
// codes switch on. The text beside it ("HTTP 401", "HTTP 503, Retry-After 30 s") is for
// people and may change wording freely; nothing parses it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::store {

enum class FailureCode {
  RetryLater,   // busy, unreachable, timed out or an unreadable answer: same bytes later
  Credentials,  // 401/403: the backend refuses this kiosk's token
  Endpoint,     // 404/405 or a refused URL: backend.url is wrong
  Rejected,     // the backend refused the item itself (400, per-item rejection)
  TooLarge,     // 413 for a single item
  Unreadable,   // the stored body could not be unsealed
};

std::string_view to_string(FailureCode code);
std::optional<FailureCode> failure_code_from(std::string_view name);

struct Failure {
  FailureCode code = FailureCode::RetryLater;
  std::string text;
};

}  // namespace kiosk::store

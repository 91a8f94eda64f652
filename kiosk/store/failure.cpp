#include "kiosk/store/failure.h"

#include <array>

namespace kiosk::store {

std::string_view to_string(FailureCode code) {
  switch (code) {
    case FailureCode::RetryLater:
      return "retry_later";
    case FailureCode::Credentials:
      return "credentials";
    case FailureCode::Endpoint:
      return "endpoint";
    case FailureCode::Rejected:
      return "rejected";
    case FailureCode::TooLarge:
      return "too_large";
    case FailureCode::Unreadable:
      return "unreadable";
  }
  return "retry_later";
}

std::optional<FailureCode> failure_code_from(std::string_view name) {
  for (const auto code : {FailureCode::RetryLater, FailureCode::Credentials, FailureCode::Endpoint,
                          FailureCode::Rejected, FailureCode::TooLarge, FailureCode::Unreadable})
    if (to_string(code) == name) return code;
  return std::nullopt;
}

}  // namespace kiosk::store

#include "kiosk/core/result.h"

namespace kiosk {

std::string_view to_string(Errc code) {
  switch (code) {
    case Errc::InvalidInput:
      return "invalid-input";
    case Errc::NotFound:
      return "not-found";
    case Errc::Config:
      return "config";
    case Errc::Io:
      return "io";
    case Errc::Busy:
      return "busy";
    case Errc::NoDevice:
      return "no-device";
    case Errc::Timeout:
      return "timeout";
    case Errc::Corrupt:
      return "corrupt";
    case Errc::Unavailable:
      return "unavailable";
    case Errc::Internal:
      return "internal";
    case Errc::Access:
      return "access";
    case Errc::Pipe:
      return "pipe";
  }
  return "unknown";
}

Errc errc_from_string(std::string_view name) {
  for (const Errc code : {Errc::InvalidInput, Errc::NotFound, Errc::Config, Errc::Io, Errc::Busy,
                          Errc::NoDevice, Errc::Timeout, Errc::Corrupt, Errc::Unavailable,
                          Errc::Internal, Errc::Access, Errc::Pipe}) {
    if (to_string(code) == name) return code;
  }
  return Errc::Internal;
}

ExitCode exit_code_for(Errc code) {
  switch (code) {
    case Errc::Config:
      return ExitCode::ConfigError;
    case Errc::Busy:
    case Errc::NoDevice:
      return ExitCode::DeviceUnavailable;
    case Errc::Unavailable:
    case Errc::Timeout:
      return ExitCode::TryLater;
    case Errc::InvalidInput:
    case Errc::NotFound:
    case Errc::Io:
    case Errc::Corrupt:
    case Errc::Internal:
    case Errc::Access:
    case Errc::Pipe:
      return ExitCode::Failed;
  }
  return ExitCode::Failed;
}

}  // namespace kiosk

// Errors as values for the kiosk core.
//
// Library codes (errno, SQLite, curl, OpenSSL …) are mapped to an Errc once, at the edge
// where the library is called; everything above that edge passes Result<T> along.
// Programmer errors are asserts, never Results.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace kiosk {

// A closed vocabulary, like libusb's enum libusb_error: callers switch on it.
enum class Errc {
  InvalidInput,  // bad data from a citizen, a file, a device or a peer
  NotFound,      // a file, key or record that is not there
  Config,        // configuration missing or invalid
  Io,            // the operating system failed a read or write
  Busy,          // a device or resource is held by someone else
  NoDevice,      // a device is absent or was unplugged
  Timeout,       // no answer in time
  Corrupt,       // stored data failed an integrity check
  Unavailable,   // try again later (network, backend, disk full)
  Internal,      // a library failed in a way we did not expect
  Access,        // not allowed: file permissions, udev rules, a peer outside the group
  Pipe,          // the other end stalled or hung up mid-exchange (USB stall, EPIPE)
};

std::string_view to_string(Errc code);
// The inverse of to_string, for codes that arrive as text (the control socket's JSON).
// An unknown name becomes Internal.
Errc errc_from_string(std::string_view name);

struct [[nodiscard]] Error {
  Errc code;
  std::string message;  // for operators and logs; never citizen data
};

// std::expected itself is not [[nodiscard]]: this thin subclass is, so a dropped Result is
// a -Werror build failure (tests/compile/ proves it with try_compile). It adds nothing else.
template <class T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using Base = std::expected<T, Error>;
  using Base::Base;
  Result() = default;
  Result(Base base) : Base(std::move(base)) {}  // what and_then/transform return
};

using Status = Result<void>;

inline std::unexpected<Error> fail(Errc code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

// Exit codes shared by csc-kiosk and kioskctl (docs/cli.md).
enum class ExitCode : int {
  Ok = 0,
  Failed = 1,             // the command failed, or its input was invalid
  Usage = 2,              // the command line itself was wrong
  ConfigError = 3,        // configuration missing or invalid
  DeviceUnavailable = 4,  // a device is busy or absent
  Restart = 10,           // csc-kiosk only: the operator asked for a restart (the unit restarts)
  TryLater = 75,          // EX_TEMPFAIL: try again later
};

ExitCode exit_code_for(Errc code);

}  // namespace kiosk

#include "kiosk/core/result.h"

#include <catch2/catch.hpp>

using kiosk::Errc;
using kiosk::ExitCode;

TEST_CASE("Each error kind maps to the documented kioskctl exit code", "[core][result]") {
  CHECK(exit_code_for(Errc::Config) == ExitCode::ConfigError);
  CHECK(exit_code_for(Errc::Busy) == ExitCode::DeviceUnavailable);
  CHECK(exit_code_for(Errc::NoDevice) == ExitCode::DeviceUnavailable);
  CHECK(exit_code_for(Errc::Unavailable) == ExitCode::TryLater);
  CHECK(exit_code_for(Errc::Timeout) == ExitCode::TryLater);
  CHECK(exit_code_for(Errc::InvalidInput) == ExitCode::Failed);
  CHECK(exit_code_for(Errc::Corrupt) == ExitCode::Failed);
  CHECK(static_cast<int>(ExitCode::TryLater) == 75);
  CHECK(static_cast<int>(ExitCode::Usage) == 2);
}

TEST_CASE("fail() carries the code and the message to the caller", "[core][result]") {
  const auto producer = []() -> kiosk::Result<int> {
    return kiosk::fail(Errc::NotFound, "no such receipt");
  };
  const auto r = producer();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == Errc::NotFound);
  CHECK(r.error().message == "no such receipt");
  CHECK(kiosk::to_string(Errc::NotFound) == "not-found");
}

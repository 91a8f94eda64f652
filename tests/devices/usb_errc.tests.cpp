// The one place a USB error becomes a kiosk error (apps/usb_errc.h), and on to kioskctl's
// exit code: each libusb meaning stays itself on the way up, and the exit codes group
// them as docs/cli.md says.
#include "apps/usb_errc.h"

#include <catch2/catch.hpp>
#include <set>

using drivers::usb::UsbErrc;
using kiosk::Errc;
using kiosk::ExitCode;

TEST_CASE("Every USB error keeps its meaning as a kiosk error and reaches its exit code",
          "[devices][errors][exit]") {
  struct Row {
    UsbErrc usb;
    Errc kiosk;
    ExitCode exit;
  };
  const Row table[] = {
      {UsbErrc::NoDevice, Errc::NoDevice, ExitCode::DeviceUnavailable},
      {UsbErrc::Busy, Errc::Busy, ExitCode::DeviceUnavailable},
      {UsbErrc::Timeout, Errc::Timeout, ExitCode::TryLater},
      {UsbErrc::Access, Errc::Access, ExitCode::Failed},
      {UsbErrc::Pipe, Errc::Pipe, ExitCode::Failed},
      {UsbErrc::Io, Errc::Io, ExitCode::Failed},
      {UsbErrc::NotFound, Errc::NotFound, ExitCode::Failed},
      {UsbErrc::Overflow, Errc::InvalidInput, ExitCode::Failed},
      {UsbErrc::Interrupted, Errc::Unavailable, ExitCode::TryLater},
      {UsbErrc::Cancelled, Errc::Unavailable, ExitCode::TryLater},
      {UsbErrc::InvalidParam, Errc::Internal, ExitCode::Failed},
      {UsbErrc::NoMemory, Errc::Internal, ExitCode::Failed},
      {UsbErrc::NotSupported, Errc::Internal, ExitCode::Failed},
      {UsbErrc::Other, Errc::Internal, ExitCode::Failed},
  };
  for (const auto& row : table) {
    INFO(drivers::usb::to_string(row.usb));
    CHECK(apps::errc_for(row.usb) == row.kiosk);
    CHECK(kiosk::exit_code_for(apps::errc_for(row.usb)) == row.exit);
    const auto error = apps::error_for({row.usb, "control (04b8:0e15)"});
    CHECK(error.code == row.kiosk);
    CHECK(error.message == "control (04b8:0e15)");
  }
  // The six a device can fail with stay six distinct codes for the JSON and the alerts.
  std::set<Errc> distinct;
  for (auto code : {UsbErrc::NoDevice, UsbErrc::Busy, UsbErrc::Access, UsbErrc::Timeout,
                    UsbErrc::Pipe, UsbErrc::Io})
    distinct.insert(apps::errc_for(code));
  CHECK(distinct.size() == 6);
}

// Must NOT compile (tests/CMakeLists.txt): a Result whose value nobody looks at. If this
// ever builds, an ignored failure (a write that did not happen) could pass silently.
#include "drivers/usb/usb_error.h"
#include "kiosk/core/result.h"

kiosk::Status write_receipt() {
  return kiosk::fail(kiosk::Errc::Io, "disk full");
}
drivers::usb::UsbResult<void> claim() {
  return {};
}

int main() {
#ifdef KEEP_RESULTS  // the positive control: the same calls, looked at, compile
  if (auto written = write_receipt(); !written) return 1;
  if (auto claimed = claim(); !claimed) return 1;
#else
  write_receipt();
  claim();
#endif
  return 0;
}

// The two general drivers every table ends with (register them last: the first registered
// driver that drives an interface wins):
//   plain-claim  claim mode, any kind, any interface: holds the claim and reports the
//                device online; the app reads and writes through the manager. What a
//                scanner gets until its own driver exists.
//   presence     watch mode, any kind: present while on the bus, no-device once gone.
#pragma once

#include "drivers/usb/driver_api.h"

namespace drivers::usb {

void register_plain_drivers(DriverTable& table);

}  // namespace drivers::usb

// Pre-flight (issue 25): before any money moves, can the kiosk finish the selected service
// with the devices it has now? Pure: the service's `requires` and the device views in, what
// blocks it out.
//
//  [X] A required kind blocks when the kiosk has devices of that kind and none is online
//      (a printer out of paper is offline, with "load paper").
//  [X] A kind the kiosk has no device entry for is not checked: the kiosk's device table
//      says what hardware it has, and a state sends it no service that hardware cannot
//      serve (docs/catalogue.md). Before the first device report nothing is known, and
//      nothing blocks: the check runs again before the payment.
//  [X] A printer that is not ready for a service that does not require one: the receipt
//      comes as an e-receipt QR on the screen.
#pragma once

#include <optional>
#include <vector>

#include "kiosk/app/snapshot.h"

namespace kiosk::app {

// nullopt when the service can be done as usual.
std::optional<PreflightView> preflight(const services::Service& service,
                                       const std::vector<DeviceView>& devices);

}  // namespace kiosk::app

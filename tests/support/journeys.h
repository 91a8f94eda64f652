// Tap sequences through the real screens, shared by the harness tests and the Xvfb tests
// (which replay the same taps as X clicks at the rects the harness found).
#pragma once

#include "tests/support/ui_harness.h"

namespace kiosk::testing {

// Welcome → English → income certificate → details typed on the keyboards → review →
// confirm: ends on the payment screen when the harness has a TransactionSink.
void tap_to_payment(UiHarness& h);

}  // namespace kiosk::testing

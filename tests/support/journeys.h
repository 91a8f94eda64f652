// Tap sequences through the real screens, shared by the harness tests and the Xvfb tests
// (which replay the same taps as X clicks at the rects the harness found).
#pragma once

#include <memory>
#include <string>

#include "kiosk/app/outbox_transactions.h"
#include "kiosk/store/outbox_writer.h"
#include "tests/support/ui_harness.h"

namespace kiosk::testing {

// The shipped income certificate's form, every field typed on the keyboards or tapped:
// name, father's or husband's name, mobile, Aadhaar number, income, purpose, PIN code.
// Fields the form lacks, or that hold a value already, are left as they are.
void fill_income_certificate(UiHarness& h);

// Welcome → English → income certificate → consent → details typed on the keyboards →
// review → confirm: ends on the payment screen when the harness has a TransactionSink.
void tap_to_payment(UiHarness& h);

// A real outbox in a fresh scratch folder, its group-commit writer, and the journey's
// TransactionSink on it: what csc-kiosk wires in main.
struct OutboxRig {
  explicit OutboxRig(const std::string& name, const std::string& kiosk_id = "CG-RPR-0042");
  ManualClock clock;
  store::OutboxOptions options;
  std::unique_ptr<store::OutboxWriter> writer;
  std::unique_ptr<app::OutboxTransactions> sink;
};

}  // namespace kiosk::testing

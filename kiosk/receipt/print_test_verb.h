// The control socket's `print-test` verb (change: it uses paper): the running kiosk prints
// the test receipt (test_receipt.h) between its jobs and answers with the printer's
// outcome. kioskctl print-test uses it, and prints locally when no kiosk runs (docs/cli.md).
#pragma once

#include <chrono>
#include <string>

#include "kiosk/control/verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/receipt/print_test_reply.h"
#include "kiosk/receipt/print_worker.h"

namespace kiosk::receipt {

// The printer's own limit (its job timeout) plus a queued receipt ahead of the test one.
inline constexpr std::chrono::milliseconds kPrintTestBudget{75'000};

void register_print_test_verb(control::VerbRegistry& verbs, PrintWorker& worker, const Clock& clock,
                              std::string csc_id, std::string kiosk_id);

}  // namespace kiosk::receipt

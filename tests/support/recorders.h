// Stand-ins for the core's outside helpers that only remember what they were asked, for
// harness tests that answer as the real worker would (kiosk/app/lookup_worker.h, the
// print worker).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/app/app_core.h"
#include "kiosk/app/lookups.h"

namespace kiosk::testing {

// Takes every bill fetch and status lookup; the test posts the answer for `last`.
struct RecordedLookups final : app::Lookups {
  bool fetch_bill(std::uint64_t job, std::string, std::string) override {
    last = job;
    return true;
  }
  bool look_up_status(std::uint64_t job, std::string) override {
    last = job;
    return true;
  }
  std::uint64_t last = 0;
};

// The receipts "print again" was asked for, in order.
struct RecordedReprints final : app::ReceiptSink {
  std::vector<std::string> asked;
  void reprint(const std::string& receipt_no) override { asked.push_back(receipt_no); }
};

}  // namespace kiosk::testing

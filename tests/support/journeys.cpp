#include "tests/support/journeys.h"

#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/paths.h"
#include "ui/keyboards/keyboard.h"

namespace kiosk::testing {
namespace {

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(std::string("kb.k.") + c);
}

}  // namespace

void tap_to_payment(UiHarness& h) {
  h.tap("welcome.language.en");
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  h.tap("details.name");
  type(h, "sita");
  h.tap("kb.k.done");
  h.tap("details.mobile");
  type(h, "9876543210");
  h.tap("kb.k.done");
  h.tap("details.aadhaar");
  const std::string body = "23456789012";
  type(h, body + qr::verhoeff_check_digit(body));
  h.tap("kb.k.done");
  h.tap("details.continue");
  h.tap("review.confirm");
}

OutboxRig::OutboxRig(const std::string& name, const std::string& kiosk_id) {
  const auto dir = scratch_dir(name);
  options = {dir / "kiosk.db", dir / "outbox.key", kiosk_id};
  writer = std::move(*store::OutboxWriter::start(options, clock, {}));
  sink = std::make_unique<app::OutboxTransactions>(*writer);
}

}  // namespace kiosk::testing

#include "tests/support/journeys.h"

#include "kiosk/forms/form.h"
#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/paths.h"
#include "ui/keyboards/keyboard.h"

namespace kiosk::testing {
namespace {

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(std::string("kb.k.") + c);
}

}  // namespace

void fill_income_certificate(UiHarness& h) {
  // Each field the form has: the same journey serves the applicant-only forms of
  // testing::applicant_catalogue().
  const auto typed = [&](const std::string& field, std::string_view keys) {
    if (forms::find_field(h.snapshot().form, field) == nullptr) return;
    if (auto it = h.snapshot().fields.find(field);
        it != h.snapshot().fields.end() && !it->second.empty())
      return;  // filled already
    h.reveal("details." + field);
    h.tap("details." + field);
    type(h, keys);
    h.tap("kb.k.done");
  };
  typed("name", "sita");
  typed("father_or_husband_name", "ram");
  typed("mobile", "9876543210");
  const std::string body = "23456789012";
  typed("aadhaar", body + qr::verhoeff_check_digit(body));
  typed("annual_income", "120000");
  if (forms::find_field(h.snapshot().form, "purpose") != nullptr) {
    h.reveal("details.purpose");
    h.tap("details.purpose");  // a choice opens its answers in place of a keyboard
    h.tap("details.purpose.education");
  }
  typed("pincode", "492001");
}

void tap_to_payment(UiHarness& h) {
  h.tap("welcome.language.en");
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  if (h.snapshot().screen == app::Screen::Consent) h.tap("consent.accept");
  fill_income_certificate(h);
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

// The bill and status screens in the harness, tapped as a citizen would: what each shows,
// and that "pay" is there only for a fetched bill. The backend is answered by the test.
#include <catch2/catch.hpp>

#include "kiosk/app/lookups.h"
#include "kiosk/store/outbox.h"
#include "tests/support/journeys.h"
#include "tests/support/recorders.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

void type_keys(UiHarness& h, std::string_view keys) {
  for (char c : keys)
    h.tap(std::string("kb.k.") + (c == '-' ? std::string("minus") : std::string(1, c)));
}

}  // namespace

TEST_CASE("The electricity bill is fetched on the numeric pad's number and paid from its screen",
          "[ui][services][bill]") {
  testing::OutboxRig rig("ui-bill");
  UiHarness h({.display = ImVec2(1366, 768), .demo = true, .transactions = rig.sink.get()});
  testing::RecordedLookups lookups;
  h.core().set_lookups(&lookups);
  h.tap("welcome.language.en");
  h.tap("home.category.bills");  // nine services: the categories are tabs
  h.tap("home.service.bbps.electricity_bill");
  h.tap("service.apply");
  h.tap("consent.accept");
  h.tap("details.consumer_no");
  CHECK_FALSE(h.has("kb.k.q"));  // a number of digits only: the numeric pad
  type_keys(h, "1000234567");
  h.tap("kb.k.done");
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Bill);
  CHECK_FALSE(h.has("bill.pay"));  // nothing to pay while it is fetched
  h.core().post(BillAnswered{lookups.last,
                             services::Bill{"CSPDCL-2026-11-0042", "R**** K**** S***", 84750,
                                            "2026-12-10", "CSPDCL-REF-88231"},
                             {}});
  h.frames(2);
  CHECK(h.prompt() == "prompt.bill.shown");
  h.tap("bill.pay");
  REQUIRE(h.snapshot().screen == Screen::Payment);
  CHECK(h.snapshot().payment->total_paise == 85250);
  h.tap("payment.demo_paid");
  CHECK(h.snapshot().screen == Screen::Done);
}

TEST_CASE("A bill that cannot be fetched says so and offers no payment", "[ui][services][bill]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  testing::RecordedLookups lookups;
  h.core().set_lookups(&lookups);
  h.core().post(ChooseLanguage{"hi"});
  h.core().post(OpenService{"bbps.electricity_bill"});
  h.core().post(OpenDetails{});
  h.core().post(AcceptConsent{});
  h.core().post(SetField{"consumer_no", "1000234567"});
  h.core().post(ReviewDetails{});
  h.frames(2);
  REQUIRE(lookups.last != 0);  // asked; the backend answers that it cannot
  h.core().post(BillAnswered{lookups.last, std::nullopt, "unreachable"});
  h.frames(3);
  REQUIRE(h.snapshot().screen == Screen::Bill);
  CHECK(h.has("bill.message"));
  CHECK_FALSE(h.has("bill.pay"));
  CHECK(h.prompt() == "prompt.bill.unreachable");
}

TEST_CASE("A status is asked by receipt number on the English pad and shown in words",
          "[ui][services][status]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  testing::RecordedLookups lookups;
  h.core().set_lookups(&lookups);
  h.tap("welcome.language.en");
  h.tap("home.category.status");
  h.tap("home.service.status.application");
  h.tap("service.apply");
  REQUIRE(h.snapshot().screen == Screen::Details);  // no consent: no personal data asked
  h.tap("details.receipt_no");
  type_keys(h, "cg-rpr-0042-20261120-000007");  // upper-cased as typed
  h.tap("kb.k.done");
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Status);
  CHECK(h.snapshot().status->receipt_no == "CG-RPR-0042-20261120-000007");
  h.core().post(StatusAnswered{
      lookups.last,
      services::ApplicationStatus{"CG-RPR-0042-20261120-000007", "approved",
                                  "2026-11-25T16:05:00+05:30", "Collect at the tehsil office"},
      std::nullopt,
      {}});
  h.frames(2);
  const std::string shown(h.hits().text_of("status.message"));
  CHECK(shown.find(std::string(h.strings().get("en", "status.state.approved"))) !=
        std::string::npos);
  CHECK(shown.find("25-11-2026") != std::string::npos);
  h.tap("status.finish");
  CHECK(h.snapshot().screen == Screen::Welcome);
}

namespace {

// A value each kind refuses as it is typed, and the error the core gives it.
std::pair<std::string, std::string> refused_typing(forms::FieldKind kind) {
  using K = forms::FieldKind;
  switch (kind) {
    case K::Name:
      return {"R2D2", "name_characters"};
    case K::Text:
      return {"Ward\x01", "text_characters"};
    case K::HindiText:
      return {"abc", "hindi_characters"};
    case K::Mobile:
      return {"12345", "mobile_start"};
    case K::PinCode:
      return {"012345", "pincode_start"};
    case K::Amount:
      return {"12a", "amount_format"};
    case K::Choice:
      return {"nonsense", "choose"};
    case K::Date:
      return {"3102200a", "digits_only"};
    case K::ConsumerNo:
      return {"?", "consumer_no_characters"};
    default:
      return {"", ""};  // Aadhaar is typed key by key; Receipt is not a catalogue kind
  }
}

// A value each kind accepts.
std::string good_value(const forms::FieldSpec& f) {
  using K = forms::FieldKind;
  switch (f.kind) {
    case K::Name:
      return "Sita Devi";
    case K::Text:
      return "Ward 4, Rampur";
    case K::HindiText:
      return "साहू";
    case K::Mobile:
      return "9876543210";
    case K::PinCode:
      return "492001";
    case K::Amount:
      return "120000";
    case K::Choice:
      return f.choices.front().id;
    case K::Date:
      return "15081990";
    case K::ConsumerNo:
      return f.masks.front() == "A-99-9999" ? "W-44-1207" : "1000234567";
    default:
      return "";
  }
}

bool has_error(const UiHarness& h, const std::string& field, const std::string& code) {
  return std::ranges::any_of(h.snapshot().field_errors, [&](const forms::FieldError& e) {
    return e.field == field && e.code == code;
  });
}

}  // namespace

TEST_CASE("Every field of every shipped service refuses bad input with its own error",
          "[ui][services][forms][errors]") {
  UiHarness h({.display = ImVec2(1366, 768)});
  testing::RecordedLookups lookups;
  h.core().set_lookups(&lookups);
  int fields = 0;
  const auto shipped = h.snapshot().services;  // a copy: each frame publishes a new snapshot
  for (const auto& service : shipped) {
    if (service.kind == services::ServiceKind::StatusLookup) continue;
    INFO(service.id);
    h.core().post(StartOver{});
    h.core().post(ChooseLanguage{"hi"});
    h.core().post(OpenService{service.id});
    h.core().post(OpenDetails{});
    h.core().post(AcceptConsent{});
    h.frames(2);
    REQUIRE(h.snapshot().screen == Screen::Details);
    const forms::Form form = h.snapshot().form;  // a copy: each frame publishes a new snapshot
    for (const auto& f : form) {
      INFO(f.id);
      ++fields;
      if (f.kind == forms::FieldKind::Aadhaar) {
        h.core().post(TypeSecret{f.id, '1'});  // UIDAI never issues numbers starting 1
        h.frames(2);
        CHECK(has_error(h, f.id, "aadhaar_start"));
        continue;
      }
      const auto [bad, code] = refused_typing(f.kind);
      h.core().post(SetField{f.id, bad});
      h.frames(2);
      CHECK(has_error(h, f.id, code));
      CHECK_FALSE(h.snapshot().fields.contains(f.id));  // refused: nothing was kept
    }
    // What typing cannot see, the review does: an impossible date, a number of the wrong
    // shape, what could be an Aadhaar number in a text box.
    for (const auto& f : form) {
      using K = forms::FieldKind;
      const std::string value = f.kind == K::Date         ? "31022001"
                                : f.kind == K::ConsumerNo ? good_value(f).substr(0, 4)
                                : f.kind == K::Text       ? "2345 6789 0123"
                                                          : good_value(f);
      if (f.kind != K::Aadhaar) h.core().post(SetField{f.id, value});
    }
    h.core().post(ReviewDetails{});
    h.frames(2);
    const auto next_screen =
        service.kind == services::ServiceKind::BillPayment ? Screen::Bill : Screen::Review;
    const bool review_catches = std::ranges::any_of(form, [](const forms::FieldSpec& f) {
      return f.kind == forms::FieldKind::Date || f.kind == forms::FieldKind::ConsumerNo ||
             f.kind == forms::FieldKind::Text;
    });
    if (!review_catches) {  // nothing for the review to catch: the form was good
      CHECK(h.snapshot().screen == next_screen);
      continue;
    }
    REQUIRE(h.snapshot().screen == Screen::Details);
    for (const auto& f : form) {
      INFO(f.id);
      if (f.kind == forms::FieldKind::Date) CHECK(has_error(h, f.id, "date_invalid"));
      if (f.kind == forms::FieldKind::ConsumerNo) CHECK(has_error(h, f.id, "consumer_no_format"));
      if (f.kind == forms::FieldKind::Text) CHECK(has_error(h, f.id, "aadhaar_like"));
    }
    const auto errors = h.snapshot().field_errors;
    for (const auto& e : errors) {  // each error has its words, both languages
      CHECK(h.strings().keys("hi").contains("form.error." + e.code));
      CHECK(h.strings().keys("en").contains("form.error." + e.code));
    }
    // Mended, the form goes on: to the review, or to the bill being fetched.
    for (const auto& f : form)
      if (f.kind != forms::FieldKind::Aadhaar) h.core().post(SetField{f.id, good_value(f)});
    h.core().post(TypeSecret{"aadhaar", '\b'});
    h.core().post(ReviewDetails{});
    h.frames(2);
    CHECK(h.snapshot().screen == next_screen);
  }
  CHECK(fields > 40);
}

TEST_CASE("A bill cannot be paid while the printer is out, and nothing is charged",
          "[ui][services][bill][preflight]") {
  testing::OutboxRig rig("ui-bill-preflight");
  UiHarness h({.display = ImVec2(1366, 768), .demo = true, .transactions = rig.sink.get()});
  testing::RecordedLookups lookups;
  h.core().set_lookups(&lookups);
  h.tap("welcome.language.en");
  h.tap("home.category.bills");
  h.tap("home.service.bbps.electricity_bill");
  h.tap("service.apply");
  h.tap("consent.accept");
  h.core().post(SetField{"consumer_no", "1000234567"});
  h.frame();
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Bill);
  h.core().post(BillAnswered{
      lookups.last, services::Bill{"B-1", "R*** K***", 45000, "2026-12-31", "REF-1"}, {}});
  h.frames(2);
  REQUIRE(h.has("bill.pay"));
  namespace model = drivers::model;
  h.core().post(DevicesChanged{{{"receipt_printer", model::DeviceKind::Printer,
                                 model::Status::Offline, model::Action::LoadPaper, true}}});
  h.frames(2);
  CHECK_FALSE(h.has("bill.pay"));
  CHECK(h.has("preflight.blocked.receipt_printer"));
  h.core().post(PayBill{});  // a stale tap: refused as well
  h.frames(2);
  CHECK(h.snapshot().screen == Screen::Bill);
  auto outbox = store::Outbox::open(rig.options, rig.clock);
  CHECK(outbox->intake().intents(0)->empty());
}

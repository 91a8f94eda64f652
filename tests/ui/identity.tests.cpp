// Identity and pre-flight in the whole journey (issue 25), through the real screens, the
// real core and a real outbox: an Aadhaar QR scanned on the form (verified, unverified,
// tampered, the older XML kind), a device that stops a service before any money moves, and
// the idle reset in the middle of every demo service's form.
#include "kiosk/app/identity.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/app/lookups.h"
#include "kiosk/forms/form.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/store/outbox.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/recorders.h"
#include "tests/support/test_uidai.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;
namespace uidai = kiosk::testing::uidai;
namespace model = drivers::model;

namespace {

constexpr const char* kIncomeId = "cg.edistrict.income_certificate";

struct IdentityRig {
  explicit IdentityRig(const std::string& name, std::filesystem::path cert = uidai::pki().pem)
      : store(name, "DEMO-0001"),
        h({.display = ImVec2(1366, 768),
           .demo = true,
           .transactions = store.sink.get(),
           .uidai_cert = std::move(cert)}) {}
  // English, the income certificate, its consent: the empty form.
  void to_form() {
    h.tap("welcome.language.en");
    h.tap(std::string("home.service.") + kIncomeId);
    h.tap("service.apply");
    h.tap("consent.accept");
    REQUIRE(h.snapshot().screen == Screen::Details);
  }
  void scan(const std::string& text) {
    h.core().post(ScanReceived{"qr_scanner", text});
    h.frames(2);
  }
  std::string field(const std::string& id) const {
    const auto& f = h.snapshot().fields;
    auto it = f.find(id);
    return it == f.end() ? std::string() : it->second;
  }
  // What the QR left out, typed; then review, confirm and pay: the transaction's body.
  std::string finish() {
    for (auto [id, value] : {std::pair{"name", "Sita Devi"},
                             {"father_or_husband_name", "Ram Kumar"},
                             {"mobile", "9876543210"},
                             {"annual_income", "120000"},
                             {"purpose", "education"},
                             {"pincode", "492001"}})
      if (field(id).empty()) h.core().post(SetField{id, value});
    h.frame();
    h.tap("details.continue");
    REQUIRE(h.snapshot().screen == Screen::Review);
    h.tap("review.confirm");
    REQUIRE(h.snapshot().screen == Screen::Payment);
    h.tap("payment.demo_paid");
    REQUIRE(h.snapshot().screen == Screen::Done);
    auto outbox = store::Outbox::open(store.options, store.clock);
    auto shown = outbox->views().show(h.snapshot().receipt_no);
    REQUIRE(shown);
    return shown->second;
  }
  testing::OutboxRig store;
  UiHarness h;
};

DeviceView device_view_of(std::string name, model::DeviceKind kind, model::Status status,
                          model::Action action = model::Action::None) {
  return {std::move(name), kind, status, action, true};
}

DeviceView printer_view(model::Status status, model::Action action = model::Action::None) {
  return device_view_of("receipt_printer", model::DeviceKind::Printer, status, action);
}

bool holds_text(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("A verified Secure QR fills the name, care-of name and PIN code and says it is genuine",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-verified");
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu"}));
  const auto& id = rig.h.snapshot().identity;
  REQUIRE(id);
  CHECK(id->check == IdentityView::Check::Verified);
  CHECK(rig.field("name") == "Meena Sahu");
  CHECK(rig.field("father_or_husband_name") == "Ram Kumar");  // "S/O Ram Kumar"
  CHECK(rig.field("pincode") == "492001");
  CHECK(rig.field("mobile").empty());  // a QR holds no mobile number to fill
  CHECK(id->filled == std::vector<std::string>{"father_or_husband_name", "name", "pincode"});
  CHECK(id->aadhaar_masked == "XXXX XXXX 1234");
  CHECK(id->dob == "01-01-1990");
  CHECK(id->gender == "male");
  CHECK(rig.h.hits().text_of("identity.qr") == rig.h.strings().get("en", "identity.qr.verified"));
  const std::string body = rig.finish();
  CHECK(holds_text(body, R"("identity_check": "aadhaar_qr")"));
  CHECK(holds_text(body, R"("identity_qr": "verified")"));
  CHECK(holds_text(body, R"("identity_fields": "father_or_husband_name,name,pincode")"));
  CHECK(holds_text(body, R"("aadhaar_masked": "XXXX XXXX 1234")"));
}

TEST_CASE("Without UIDAI's certificate a Secure QR fills the form but is marked unverified",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-unverified", {});
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu"}));
  REQUIRE(rig.h.snapshot().identity);
  CHECK(rig.h.snapshot().identity->check == IdentityView::Check::Unverified);
  CHECK(rig.field("name") == "Meena Sahu");
  CHECK(rig.h.hits().text_of("identity.qr") == rig.h.strings().get("en", "identity.qr.unverified"));
  const std::string body = rig.finish();
  CHECK(holds_text(body, R"("identity_qr": "unverified")"));
}

TEST_CASE("A tampered Secure QR fills nothing and tells the citizen why",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-tampered");
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu"}, /*tampered=*/true));
  REQUIRE(rig.h.snapshot().identity);
  CHECK(rig.h.snapshot().identity->check == IdentityView::Check::Invalid);
  CHECK(rig.h.snapshot().identity->filled.empty());
  CHECK(rig.h.snapshot().identity->aadhaar_masked.empty());
  CHECK(rig.field("name").empty());
  CHECK(rig.field("pincode").empty());
  CHECK(rig.h.hits().text_of("identity.qr") == rig.h.strings().get("en", "identity.qr.invalid"));
  const std::string body = rig.finish();  // typed by hand: no identity claimed
  CHECK_FALSE(holds_text(body, "identity_check"));
}

TEST_CASE("An older XML QR fills the name and keeps only the masked number",
          "[ui][identity][aadhaar-qr][privacy]") {
  const std::string body11 = "56781234901";
  const std::string uid = body11 + qr::verhoeff_check_digit(body11);
  IdentityRig rig("identity-legacy");
  rig.to_form();
  rig.scan(uidai::legacy_xml_qr_for({.name = "Meena Sahu"}, uid));
  const auto snapshot = rig.h.snapshot();
  REQUIRE(snapshot.identity);
  CHECK(snapshot.identity->legacy);
  CHECK(snapshot.identity->check == IdentityView::Check::Unverified);
  CHECK(rig.field("name") == "Meena Sahu");
  CHECK(snapshot.identity->aadhaar_masked == "XXXX XXXX " + uid.substr(8));
  // The full number is in no field of the snapshot, nor in the transaction.
  for (const auto& [key, value] : snapshot.fields) CHECK_FALSE(holds_text(value, uid));
  const std::string body = rig.finish();
  CHECK_FALSE(holds_text(body, uid));
  CHECK(holds_text(body, "XXXX XXXX " + uid.substr(8)));
  // Positive control: the search above finds the number where it is.
  CHECK(holds_text(uidai::legacy_xml_qr_for({}, uid), uid));
}

TEST_CASE("A field typed over after the scan is no longer counted as the QR's",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-retyped");
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu"}));
  rig.h.core().post(SetField{"name", "Meena Kumari Sahu"});
  rig.h.frame();
  REQUIRE(rig.h.snapshot().identity);
  CHECK(rig.h.snapshot().identity->filled ==
        std::vector<std::string>{"father_or_husband_name", "pincode"});
}

TEST_CASE("An Aadhaar QR scanned outside an identity form fills nothing",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-elsewhere");
  rig.h.tap("welcome.language.en");
  rig.scan(uidai::secure_qr_for({}));  // on the home screen
  CHECK_FALSE(rig.h.snapshot().identity);
  rig.h.tap("home.category.bills");
  rig.h.tap("home.service.bbps.electricity_bill");
  rig.h.tap("service.apply");
  rig.h.tap("consent.accept");
  REQUIRE(rig.h.snapshot().screen == Screen::Details);
  rig.scan(uidai::secure_qr_for({}));  // a bill has no identity to prove
  CHECK_FALSE(rig.h.snapshot().identity);
  CHECK_FALSE(rig.h.snapshot().fields.contains("name"));
}

TEST_CASE("A printer out of paper stops a service on its first screen, and a refill lets it start",
          "[ui][preflight][printer]") {
  IdentityRig rig("preflight-service");
  rig.h.core().post(
      DevicesChanged{{printer_view(model::Status::Offline, model::Action::LoadPaper)}});
  rig.h.tap("welcome.language.en");
  rig.h.tap(std::string("home.service.") + kIncomeId);
  REQUIRE(rig.h.snapshot().preflight);
  CHECK(rig.h.has("preflight.blocked.receipt_printer"));
  CHECK(holds_text(rig.h.hits().text_of("preflight.blocked.receipt_printer"), "Load paper"));
  CHECK_FALSE(rig.h.has("service.apply"));
  rig.h.core().post(OpenDetails{});  // even if asked: refused
  rig.h.frames(2);
  CHECK(rig.h.snapshot().screen == Screen::Service);
  rig.h.reveal("preflight.help");
  rig.h.tap("preflight.help");
  CHECK(rig.h.snapshot().help_requested);
  rig.h.core().post(DevicesChanged{{printer_view(model::Status::Online)}});
  rig.h.frames(2);
  CHECK_FALSE(rig.h.snapshot().preflight);
  CHECK(rig.h.has("service.apply"));
}

TEST_CASE("A printer that runs out during the form refuses the payment before its intent",
          "[ui][preflight][printer][outbox]") {
  IdentityRig rig("preflight-review");
  rig.h.core().post(DevicesChanged{{printer_view(model::Status::Online)}});
  rig.to_form();
  testing::fill_income_certificate(rig.h);
  rig.h.tap("details.continue");
  REQUIRE(rig.h.snapshot().screen == Screen::Review);
  rig.h.core().post(
      DevicesChanged{{printer_view(model::Status::Offline, model::Action::LoadPaper)}});
  rig.h.frames(2);
  CHECK_FALSE(rig.h.has("review.confirm"));
  CHECK(rig.h.has("preflight.blocked.receipt_printer"));
  rig.h.core().post(ConfirmDetails{});  // a stale tap: still refused
  rig.h.frames(2);
  CHECK(rig.h.snapshot().screen == Screen::Review);
  CHECK_FALSE(rig.h.snapshot().payment);
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  CHECK(outbox->intake().intents(0)->empty());  // no intent: nothing could be charged
  // Positive control: with the printer back the same tap writes the intent.
  rig.h.core().post(DevicesChanged{{printer_view(model::Status::Online)}});
  rig.h.frames(2);
  rig.h.tap("review.confirm");
  REQUIRE(rig.h.snapshot().screen == Screen::Payment);
  CHECK(outbox->intake().intents(0)->size() == 1);
}

TEST_CASE("A service that needs no printer goes on with an e-receipt when the printer is out",
          "[ui][preflight][printer]") {
  auto catalogue = *services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json");
  auto& income = catalogue.services.front();
  REQUIRE(income.id == kIncomeId);
  income.required_devices.clear();
  testing::OutboxRig store("preflight-ereceipt", "DEMO-0001");
  UiHarness h({.display = ImVec2(1366, 768),
               .demo = true,
               .transactions = store.sink.get(),
               .catalogue = catalogue});
  h.core().post(DevicesChanged{{printer_view(model::Status::NoDevice)}});
  h.tap("welcome.language.en");
  h.tap(std::string("home.service.") + kIncomeId);
  REQUIRE(h.snapshot().preflight);
  CHECK(h.snapshot().preflight->blocking.empty());
  CHECK(h.snapshot().preflight->e_receipt);
  CHECK(h.has("preflight.e_receipt"));
  CHECK(h.has("service.apply"));
}

TEST_CASE("A fingerprint-only service stops when its reader is unplugged",
          "[ui][preflight][fingerprint]") {
  auto catalogue = *services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json");
  catalogue.services.front().required_devices = {services::Device::Fingerprint};
  UiHarness h({.display = ImVec2(1366, 768), .catalogue = catalogue});
  h.core().post(DevicesChanged{
      {device_view_of("fingerprint", model::DeviceKind::Fingerprint, model::Status::NoDevice)}});
  h.tap("welcome.language.en");
  h.tap(std::string("home.service.") + kIncomeId);
  CHECK(h.has("preflight.blocked.fingerprint"));
  CHECK_FALSE(h.has("service.apply"));
}

TEST_CASE("The idle reset in the middle of any demo service's form leaves nothing of it",
          "[ui][identity][idle][privacy]") {
  IdentityRig rig("identity-idle");
  const auto services = rig.h.snapshot().services;
  for (const auto& service : services) {
    DYNAMIC_SECTION(service.id) {
      rig.h.tap("welcome.language.en");
      rig.h.core().post(OpenService{service.id});
      rig.h.frames(2);
      rig.h.core().post(OpenDetails{});
      rig.h.frames(2);
      if (rig.h.snapshot().screen == Screen::Consent) rig.h.tap("consent.accept");
      REQUIRE(rig.h.snapshot().screen == Screen::Details);
      const auto form = rig.h.snapshot().form;
      REQUIRE_FALSE(form.empty());
      if (service.identity != services::Identity::None) rig.scan(uidai::secure_qr_for({}));
      rig.h.core().post(FocusField{form.front().id});
      rig.h.frames(2);
      const auto session = rig.h.snapshot().session;
      rig.h.clock().advance(std::chrono::seconds(91));
      rig.h.frames(2);
      const auto& s = rig.h.snapshot();
      CHECK(s.screen == Screen::Welcome);
      CHECK(s.session == session + 1);
      CHECK(s.fields.empty());
      CHECK(s.form.empty());
      CHECK_FALSE(s.identity);
      CHECK_FALSE(s.consent);
      CHECK_FALSE(s.preflight);
      CHECK(s.focused_field.empty());
      CHECK(s.language == "hi");
    }
  }
}

TEST_CASE("The demo card's QR verifies against the demo's UIDAI certificate, its altered copy not",
          "[ui][identity][aadhaar-qr][demo]") {
  const std::filesystem::path repo(KIOSK_SOURCE_DIR);
  const auto read = [](const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const auto form = forms::form_for(
      *services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json")
           ->services.begin(),
      "2026-12-08");
  const auto cert = repo / "config" / "keys" / "uidai_demo_sign.cer";
  const auto good = identity_from_qr(read(repo / "tools/demo/aadhaar-demo.txt"), form, cert);
  CHECK(good.view.check == IdentityView::Check::Verified);
  CHECK(good.values.at("name") == "Sunita Verma");
  CHECK(good.values.at("father_or_husband_name") == "Rakesh Verma");
  CHECK(good.values.at("pincode") == "492099");
  const auto bad =
      identity_from_qr(read(repo / "tools/demo/aadhaar-demo-tampered.txt"), form, cert);
  CHECK(bad.view.check == IdentityView::Check::Invalid);
  CHECK(bad.values.empty());
}

TEST_CASE("Every demo service that needs the printer stops before anything is typed when it is out",
          "[ui][preflight][printer]") {
  IdentityRig rig("preflight-every-service");
  rig.h.core().post(
      DevicesChanged{{printer_view(model::Status::Offline, model::Action::LoadPaper)}});
  const auto services = rig.h.snapshot().services;
  int needing = 0;
  for (const auto& service : services) {
    const bool needs = std::ranges::find(service.required_devices, services::Device::Printer) !=
                       service.required_devices.end();
    needing += needs ? 1 : 0;
    rig.h.core().post(OpenService{service.id});
    rig.h.frames(2);
    CHECK(rig.h.has("service.apply") == !needs);
    rig.h.core().post(OpenDetails{});
    rig.h.frames(2);
    CHECK((rig.h.snapshot().screen == Screen::Service) == needs);
    rig.h.core().post(GoHome{});
    rig.h.frames(2);
  }
  CHECK(needing == 8);  // all but the status lookup, which prints nothing
}

TEST_CASE("A typed Aadhaar number that is not the scanned card's is flagged and claims nothing",
          "[ui][identity][aadhaar-qr]") {
  IdentityRig rig("identity-other-number");
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu", .last4 = "1234"}));
  const std::string body11 = "23456789012";  // ends in ...0129 with its check digit: not 1234
  const std::string number = body11 + qr::verhoeff_check_digit(body11);
  REQUIRE(number.substr(8) != "1234");
  for (char c : number) rig.h.core().post(TypeSecret{"aadhaar", c});
  rig.h.frame();
  const std::string body = rig.finish();
  CHECK(holds_text(body, R"("identity_qr": "number_differs")"));
  CHECK_FALSE(holds_text(body, "identity_check"));
  CHECK(holds_text(body, "XXXX XXXX " + number.substr(8)));  // the typed number's mask wins
}

TEST_CASE("The scanned card's own number typed keeps the QR's proof",
          "[ui][identity][aadhaar-qr]") {
  const std::string body11 = "23456789012";
  const std::string number = body11 + qr::verhoeff_check_digit(body11);
  IdentityRig rig("identity-same-number");
  rig.to_form();
  rig.scan(uidai::secure_qr_for({.name = "Meena Sahu", .last4 = number.substr(8)}));
  for (char c : number) rig.h.core().post(TypeSecret{"aadhaar", c});
  rig.h.frame();
  const std::string body = rig.finish();
  CHECK(holds_text(body, R"("identity_qr": "verified")"));
}

namespace {

// A value each field kind accepts: what a citizen would type or tap.
std::string valid_value(const forms::FieldSpec& spec) {
  using forms::FieldKind;
  switch (spec.kind) {
    case FieldKind::Name:
      return "Sita Devi";
    case FieldKind::HindiText:
      return "साहू";
    case FieldKind::Text:
      return "Ward 4, Tatibandh";
    case FieldKind::Mobile:
      return "9876543210";
    case FieldKind::PinCode:
      return "492001";
    case FieldKind::Date:
      return "15082000";
    case FieldKind::Amount:
      return "120000";
    case FieldKind::Choice:
      return spec.choices.front().id;
    case FieldKind::ConsumerNo:
      return spec.masks.front() == "A-99-9999" ? "W-44-1207" : "1000234567";
    default:
      return {};  // the Aadhaar number is optional; a receipt is the status lookup's
  }
}

}  // namespace

TEST_CASE(
    "Every paying demo service commits, and a receipt that fails to print offers the e-receipt "
    "and a reprint",
    "[ui][journey][receipt]") {
  testing::OutboxRig store("journey-every-service", "DEMO-0001");
  UiHarness h({.display = ImVec2(1920, 1080),
               .demo = true,
               .transactions = store.sink.get(),
               .receipt_printer = "receipt_printer"});
  testing::RecordedLookups lookups;
  testing::RecordedReprints reprints;
  h.core().set_lookups(&lookups);
  h.core().set_receipts(&reprints);
  const auto services = h.snapshot().services;
  int paid = 0;
  for (const auto& service : services) {
    if (service.kind == services::ServiceKind::StatusLookup) continue;
    INFO(service.id);
    h.core().post(ChooseLanguage{"en"});
    h.core().post(OpenService{service.id});
    h.core().post(OpenDetails{});
    h.core().post(AcceptConsent{});
    h.frames(2);
    REQUIRE(h.snapshot().screen == Screen::Details);
    for (const auto& spec : std::vector<forms::FieldSpec>(h.snapshot().form))
      if (const auto value = valid_value(spec); !value.empty())
        h.core().post(SetField{spec.id, value});
    h.core().post(ReviewDetails{});
    h.frames(2);
    if (service.kind == services::ServiceKind::BillPayment) {
      REQUIRE(h.snapshot().screen == Screen::Bill);
      h.core().post(BillAnswered{
          lookups.last, services::Bill{"B-7", "S**** V****", 45000, "2026-12-31", "REF-7"}, {}});
      h.frames(2);
      h.tap("bill.pay");
    } else {
      REQUIRE(h.snapshot().screen == Screen::Review);
      h.tap("review.confirm");
    }
    REQUIRE(h.snapshot().screen == Screen::Payment);
    h.tap("payment.demo_paid");
    REQUIRE(h.snapshot().screen == Screen::Done);
    const std::string receipt = h.snapshot().receipt_no;
    h.core().post(ReceiptChanged{receipt, ReceiptPrint::Failed, "paper out"});
    h.frames(2);
    CHECK(h.has("done.ereceipt"));  // the receipt's QR on the screen
    REQUIRE(h.has("done.print_again"));
    h.tap("done.print_again");
    CHECK(reprints.asked.back() == receipt);
    h.tap("done.finish");
    CHECK(h.snapshot().screen == Screen::Welcome);
    ++paid;
  }
  CHECK(paid == 8);
  CHECK(reprints.asked.size() == 8);
}

// Identity and pre-flight in the citizen's journey (issue 25, docs/catalogue.md "identity"):
//   - an Aadhaar QR scanned on the form fills the fields whose `from_aadhaar` names what it
//     holds, and says whether UIDAI's signature checked out; a tampered one fills nothing;
//   - the review's "show a document to the operator" calls the operator, whose identity
//     page confirms the document seen (audited), for a citizen without Aadhaar;
//   - pre-flight: a required device that cannot finish the service stops it before any
//     money moves (preflight.h).
#include <algorithm>

#include "kiosk/app/app_core.h"
#include "kiosk/app/form_session.h"
#include "kiosk/app/identity.h"
#include "kiosk/app/preflight.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/form.h"

namespace kiosk::app {

namespace {

bool offers_identity(const Snapshot& s) {
  return s.selected_service && s.services[*s.selected_service].identity != services::Identity::None;
}

}  // namespace

bool is_aadhaar_payload(qr::PayloadKind kind) {
  return kind == qr::PayloadKind::AadhaarSecureQr || kind == qr::PayloadKind::AadhaarXml ||
         kind == qr::PayloadKind::AadhaarQpdb;
}

// Only on the form of a service that takes an identity: an Aadhaar QR shown to the scanner
// anywhere else is nobody's business, and its text goes no further.
void AppCore::identity_from_scan(Snapshot& next, std::string_view text) {
  if (next.screen != Screen::Details || !offers_identity(next)) return;
  touched(next);  // a citizen holding their card up is there
  IdentityFill fill = identity_from_qr(text, next.form, settings_.uidai_cert_path);
  for (auto& [field, value] : fill.values) {
    if (set_field(next, secrets_, field, value)) fill.view.filled.push_back(field);
    wipe(value.data(), value.size());
  }
  log::info("core", "an Aadhaar QR {} filled {} fields",
            fill.view.check == IdentityView::Check::Verified     ? "(verified)"
            : fill.view.check == IdentityView::Check::Unverified ? "(unverified)"
            : fill.view.check == IdentityView::Check::Invalid    ? "(altered)"
                                                                 : "(unreadable)",
            fill.view.filled.size());
  next.identity = std::move(fill.view);
}

// A field typed by hand no longer holds what the QR vouched for.
void AppCore::identity_field_typed(Snapshot& next, const std::string& field) {
  if (!next.identity || next.identity->source != IdentityView::Source::AadhaarQr) return;
  std::erase(next.identity->filled, field);
}

void AppCore::identity_number_check(Snapshot& next) const {
  if (!next.identity || next.identity->aadhaar_masked.size() < 4) return;
  const std::string_view typed = secrets_.value("aadhaar");
  const std::string_view masked = next.identity->aadhaar_masked;
  const std::string_view qr_last4 = masked.substr(masked.size() - 4);
  next.identity->number_differs = typed.size() >= 4 && typed.substr(typed.size() - 4) != qr_last4;
  if (next.identity->number_differs)
    log::info("core", "the typed Aadhaar number is not the scanned card's");
}

void AppCore::handle(const AskIdentityCheck&, Snapshot& next) {
  touched(next);
  if (next.screen != Screen::Review || !offers_identity(next)) return;
  if (!next.identity_check_asked) log::info("core", "a citizen asked for an identity check");
  next.identity_check_asked = true;
  next.help_requested = true;  // the alert citizen.help calls the operator over
}

// The identity page's buttons: the core's own, never the desk's (the desk holds no
// citizen data). Audited with the document's kind only.
bool AppCore::operator_identity_action(const OperatorAction& c, Snapshot& next) {
  if (c.action != "identity-confirm" && c.action != "identity-refuse") return false;
  auto& view = *next.operator_mode;
  const bool waiting = next.identity_check_asked && next.screen == Screen::Review;
  const bool known =
      std::ranges::find(kIdentityDocuments, c.subject) != std::end(kIdentityDocuments);
  if (!waiting || (c.action == "identity-confirm" && !known)) {
    view.result_ok = false;
    view.result_key = "operator.identity.nobody";
    return true;
  }
  const std::string service = next.services[*next.selected_service].id;
  OperatorDesk* desk = desk_.load();
  next.identity_check_asked = false;
  if (c.action == "identity-refuse") {
    if (desk != nullptr) desk->audit("operator", "identity.refuse", service, "not confirmed");
    view.result_ok = true;
    view.result_key = "operator.identity.refused";
    view.data = own_rows(next, OperatorPage::Identity);
    return true;
  }
  next.identity = IdentityView{.source = IdentityView::Source::Operator,
                               .check = IdentityView::Check::Verified,
                               .document = c.subject};
  if (desk != nullptr) desk->audit("operator", "identity.confirm", service, "ok: " + c.subject);
  leave_operator(next, "identity confirmed");
  return true;
}

OperatorPageData AppCore::identity_rows(const Snapshot& s) const {
  OperatorPageData data{OperatorPage::Identity, {}, {}};
  if (!s.identity_check_asked || s.screen != Screen::Review || !s.selected_service) {
    data.rows.push_back({.label_key = "operator.identity.waiting",
                         .value_key = "operator.identity.nobody_waiting"});
    return data;
  }
  const auto& service = s.services[*s.selected_service];
  data.rows.push_back({.label_key = "operator.identity.waiting",
                       .label = std::string(services::pick(service.title, s.language))});
  // The operator compares the document with the name the citizen typed.
  if (auto name = s.fields.find("name"); name != s.fields.end())
    data.rows.push_back({.label_key = "operator.identity.name", .value = name->second});
  for (std::string_view document : kIdentityDocuments)
    data.rows.push_back({.label_key = "operator.identity.document." + std::string(document),
                         .action = "identity-confirm",
                         .subject = std::string(document)});
  data.rows.push_back(
      {.label_key = "operator.identity.none", .problem = true, .action = "identity-refuse"});
  return data;
}

// The strongest proof this session has, and nothing of the proof itself: the relay's
// reference, the document's kind, which fields a QR vouched for.
void AppCore::identity_fields(const Snapshot& s, store::NewTransaction& t) const {
  if (t.applicant.aadhaar_masked.empty() && s.identity && !s.identity->aadhaar_masked.empty())
    t.applicant.aadhaar_masked = s.identity->aadhaar_masked;  // the QR's last 4 digits
  if (!auth_ref_.empty()) {  // the number authenticated by fingerprint: its reference only
    t.fields["auth_ref"] = auth_ref_;
    t.fields["identity_check"] = "fingerprint";
    return;
  }
  if (!s.identity) return;
  const auto& id = *s.identity;
  if (id.source == IdentityView::Source::Operator) {
    t.fields["identity_check"] = "operator";
    t.fields["identity_document"] = id.document;
    return;
  }
  if (id.check != IdentityView::Check::Verified && id.check != IdentityView::Check::Unverified)
    return;                 // an altered or unreadable QR proved nothing
  if (id.number_differs) {  // another person's card: the office is told, nothing is claimed
    t.fields["identity_qr"] = "number_differs";
    return;
  }
  t.fields["identity_check"] = "aadhaar_qr";
  t.fields["identity_qr"] = id.check == IdentityView::Check::Verified ? "verified" : "unverified";
  std::string filled;
  for (const auto& f : id.filled) filled += (filled.empty() ? "" : ",") + f;
  if (!filled.empty()) t.fields["identity_fields"] = filled;
}

// Re-judged whenever the devices or the service change, so the screen always says what
// holds now: a refilled printer clears the block at once.
void AppCore::update_preflight(Snapshot& next) const {
  if (!next.selected_service) {
    next.preflight.reset();
    return;
  }
  next.preflight = preflight(next.services[*next.selected_service], next.devices);
}

bool AppCore::preflight_blocks(Snapshot& next) const {
  update_preflight(next);
  if (!next.preflight || next.preflight->blocking.empty()) return false;
  log::warn("core", "{} cannot be done now: {} is not ready",
            next.services[*next.selected_service].id, next.preflight->blocking.front().device);
  return true;
}

}  // namespace kiosk::app

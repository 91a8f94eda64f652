// What the core decided about identity and pre-flight (issue 25), as the citizen sees it:
// which device stops the service and what still works; what a scanned Aadhaar QR did; the
// review's identity lines and "show a document to the operator". Drawing only: every
// decision is the snapshot's.
#include "ui/screens/journey_notices.h"

#include <fmt/format.h>

#include <algorithm>

#include "ui/icons.h"

namespace kiosk::ui {

namespace {

using Check = app::IdentityView::Check;

std::string sentence_end(const Frame& f) {
  return f.snapshot.language == "hi" ? "। " : ". ";
}

void help_button(Frame& f, std::string_view id, float width) {
  if (f.snapshot.help_requested) {
    notice_box(f,
               {std::string(id) + ".called", f.text("preflight.operator_called"),
                icons::kHelp.codepoint, f.theme.dialog, f.theme.dialog_text, f.theme.field_border},
               width);
    return;
  }
  if (button(f,
             {.id = id,
              .label = f.text("preflight.call_operator"),
              .icon = icons::kHelp.codepoint,
              .speech = "preflight.call_operator"},
             ImVec2(width, 0)))
    f.commands.post(app::AskForHelp{});
}

std::string_view qr_message_key(const app::IdentityView& id) {
  switch (id.check) {
    case Check::Verified:
      return "identity.qr.verified";
    case Check::Unverified:
      return id.legacy ? "identity.qr.legacy" : "identity.qr.unverified";
    case Check::Invalid:
      return "identity.qr.invalid";
    case Check::Unreadable:
      return "identity.qr.unreadable";
  }
  return "identity.qr.unreadable";
}

bool scanner_online(const Frame& f) {
  return std::ranges::any_of(f.snapshot.devices, [](const app::DeviceView& d) {
    return d.kind == drivers::model::DeviceKind::Scanner &&
           d.status == drivers::model::Status::Online;
  });
}

bool offers_identity(const Frame& f) {
  const auto& s = f.snapshot;
  return s.selected_service && s.services[*s.selected_service].identity != services::Identity::None;
}

}  // namespace

bool preflight_notice(Frame& f, float width) {
  const auto& pf = f.snapshot.preflight;
  if (!pf) return false;
  for (const app::DeviceBanner& b : pf->blocking) {
    std::string text = fmt::format(fmt::runtime(std::string(f.text("preflight.blocked"))),
                                   f.text(b.kind_key), f.text(b.status_key));
    if (!b.action_key.empty()) text += sentence_end(f) + std::string(f.text(b.action_key));
    error_box(f, "preflight.blocked." + b.device, text);
  }
  if (!pf->blocking.empty()) {
    help_button(f, "preflight.help", width);
    return true;
  }
  if (pf->e_receipt)
    notice_box(f,
               {"preflight.e_receipt", f.text("preflight.e_receipt"), icons::kReceipt.codepoint,
                f.theme.dialog, f.theme.dialog_text, f.theme.field_border},
               width);
  return false;
}

void identity_scan_notice(Frame& f, float width) {
  if (!offers_identity(f)) return;
  const auto& id = f.snapshot.identity;
  if (id && id->source == app::IdentityView::Source::AadhaarQr) {
    const bool bad = id->check == Check::Invalid || id->check == Check::Unreadable;
    notice_box(
        f,
        {"identity.qr", f.text(qr_message_key(*id)),
         bad                            ? icons::kError.codepoint
         : id->check == Check::Verified ? icons::kCheck.codepoint
                                        : icons::kWarning.codepoint,
         bad ? f.theme.error : f.theme.dialog, bad ? f.theme.error_text : f.theme.dialog_text,
         bad ? f.theme.error_text : f.theme.field_border},
        width);
    if (!bad) return;
  }
  if (scanner_online(f)) icon_line(f, icons::kAadhaar.codepoint, f.text("identity.scan_hint"));
}

void identity_review(Frame& f, float width) {
  if (!offers_identity(f)) return;
  const auto& s = f.snapshot;
  const auto& id = s.identity;
  if (id && id->source == app::IdentityView::Source::Operator) {
    icon_line(f, icons::kCheck.codepoint,
              fmt::format("{}: {}", f.text("identity.operator_checked"),
                          f.text("operator.identity.document." + id->document)));
    return;
  }
  const bool from_qr = id && (id->check == Check::Verified || id->check == Check::Unverified);
  if (from_qr && id->number_differs) {
    notice_box(f,
               {"review.identity.number_differs", f.text("identity.qr.number_differs"),
                icons::kWarning.codepoint, f.theme.error, f.theme.error_text, f.theme.error_text},
               width);
  } else if (from_qr) {
    icon_line(f, id->check == Check::Verified ? icons::kCheck.codepoint : icons::kWarning.codepoint,
              f.text(qr_message_key(*id)));
    if (!id->dob.empty())
      icon_line(f, icons::kTime.codepoint, fmt::format("{}: {}", f.text("identity.dob"), id->dob));
    if (!id->gender.empty())
      icon_line(f, icons::kPerson.codepoint,
                fmt::format("{}: {}", f.text("identity.gender"),
                            f.text("identity.gender." + id->gender)));
  }
  const bool proven =
      (from_qr && id->check == Check::Verified && !id->number_differs) ||
      (s.fingerprint && s.fingerprint->state == app::FingerprintView::State::Verified);
  if (proven) return;
  if (s.identity_check_asked) {
    notice_box(f,
               {"review.identity.asked", f.text("identity.operator_asked"), icons::kHelp.codepoint,
                f.theme.dialog, f.theme.dialog_text, f.theme.field_border},
               width);
    return;
  }
  if (button(f,
             {.id = "review.identity",
              .label = f.text("review.identity"),
              .icon = icons::kPerson.codepoint,
              .speech = "review.identity"},
             ImVec2(width, 0)))
    f.commands.post(app::AskIdentityCheck{});
}

}  // namespace kiosk::ui

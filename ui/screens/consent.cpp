// Consent: before any personal data is asked for, what the service uses it for, which data,
// and what the citizen can do instead (india.md §5), each read aloud in listen mode. One
// decision on the screen: "I agree" opens the form; "Back" returns to the service.
#include "kiosk/services/catalogue.h"
#include "ui/icons.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {
namespace {

// A heading and its text: "Why we ask" and the service's purpose.
void consent_block(Frame& f, const std::string& id, char32_t pictogram) {
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px / 2));
  icon_line(f, pictogram, f.text("consent." + id));
  text_block(
      f, f.text("svc." + f.snapshot.services[*f.snapshot.selected_service].id + ".consent." + id),
      TextSize::Body);
}

}  // namespace

void draw_consent(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.selected_service || *snap.selected_service >= snap.services.size()) return;
  const auto& service = snap.services[*snap.selected_service];
  const std::string prefix = "svc." + service.id + ".consent.";
  const std::string title(services::pick(service.title, snap.language));
  const std::string heading = std::string(f.text("consent.title")) + ": " + title;
  begin_screen(f, {.title = heading,
                   .prompt = {.key = "prompt.consent",
                              .args = {title, std::string(f.text(prefix + "purpose")),
                                       std::string(f.text(prefix + "data")),
                                       std::string(f.text(prefix + "alternatives"))}},
                   .step = 1});
  consent_block(f, "purpose", icons::kReview.codepoint);
  consent_block(f, "data", icons::kDetails.codepoint);
  consent_block(f, "alternatives", icons::kDocument.codepoint);
  const auto tap = end_screen(
      f, {.back = FooterButton{"nav.back", f.text("nav.back"), icons::kBack.codepoint, "nav.back"},
          .primary = FooterButton{"consent.accept", f.text("consent.accept"),
                                  icons::kCheck.codepoint, "consent.accept"}});
  if (tap == FooterTap::Back) f.commands.post(app::OpenService{service.id});
  if (tap == FooterTap::Primary) f.commands.post(app::AcceptConsent{});
}

}  // namespace kiosk::ui

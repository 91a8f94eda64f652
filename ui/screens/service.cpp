// Service: what the chosen service is, what it costs, how long it takes, and which
// documents to bring, each with its picture. Step 1 of a service.
#include <fmt/format.h>

#include "kiosk/qr/upi.h"
#include "kiosk/services/catalogue.h"
#include "ui/icons.h"
#include "ui/screens/journey_notices.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"

namespace kiosk::ui {
std::string rupees(std::int64_t paise) {
  return "₹" + qr::rupees_from_paise(paise);
}

namespace {

void price_block(Frame& f, const services::Service& service) {
  if (service.total_paise() == 0) {
    icon_line(f, icons::kPayment.codepoint, f.text("service.free"));
    return;
  }
  // The two figures apart, then what the citizen pays.
  if (service.amount_paise > 0)
    icon_line(f, icons::kPayment.codepoint,
              fmt::format("{}: {}", f.text("service.amount"), rupees(service.amount_paise)));
  if (service.fee_paise > 0)
    icon_line(f, icons::kPayment.codepoint,
              fmt::format("{}: {}", f.text("service.fee"), rupees(service.fee_paise)));
  icon_line(f, icons::kPayment.codepoint,
            fmt::format("{}: {}", f.text("service.total"), rupees(service.total_paise())));
}

}  // namespace

void draw_service(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.selected_service || *snap.selected_service >= snap.services.size()) return;
  const auto& service = snap.services[*snap.selected_service];
  const std::string_view lang = snap.language;
  begin_screen(f, {.title = services::pick(service.title, lang),
                   .prompt = {.key = "prompt.service",
                              .args = {std::string(services::pick(service.title, lang)),
                                       spoken_amount(f.strings, lang, service.total_paise()),
                                       std::to_string(service.minutes)}},
                   .step = 1});
  icon_line(f, catalogue_icon(f, service.icon), services::pick(service.summary, lang));
  price_block(f, service);
  icon_line(f, icons::kTime.codepoint,
            fmt::format(fmt::runtime(std::string(f.text("service.time"))), service.minutes));
  if (!service.documents.empty()) {
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
    text_block(f, f.text("service.documents"), TextSize::Body);
    for (const auto& doc : service.documents)
      icon_line(f, catalogue_icon(f, doc.icon), services::pick(doc.title, lang));
  }
  // A device the service cannot finish without: said here, before anything is typed.
  const bool blocked =
      preflight_notice(f, std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150)));
  FooterSpec footer{
      .back = FooterButton{"nav.back", f.text("nav.back"), icons::kBack.codepoint, "nav.back"}};
  if (!blocked)
    footer.primary = FooterButton{"service.apply", f.text("service.apply"),
                                  icons::kForward.codepoint, "service.apply"};
  const auto tap = end_screen(f, footer);
  if (tap == FooterTap::Back) f.commands.post(app::GoHome{});
  if (tap == FooterTap::Primary) f.commands.post(app::OpenDetails{});
}

}  // namespace kiosk::ui

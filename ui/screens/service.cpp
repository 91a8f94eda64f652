// Service: what the chosen service is, what it costs, and which documents to bring.
#include <fmt/format.h>

#include "kiosk/services/catalogue.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {
namespace {

// Money is integer paise everywhere; shown as ₹30.00.
std::string rupees(std::int64_t paise) {
  return fmt::format("\u20B9{}.{:02}", paise / 100, paise % 100);
}

}  // namespace

void draw_service(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.selected_service || *snap.selected_service >= snap.services.size()) return;
  const auto& service = snap.services[*snap.selected_service];
  const std::string_view lang = snap.language;

  screen_header(f, services::pick(service.title, lang), services::pick(service.summary, lang));
  paragraph(f, services::pick(service.summary, lang));
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (service.total_paise() == 0) {
    paragraph(f, f.text("service.free"));
  } else {  // the two figures apart, then what the citizen pays
    if (service.amount_paise > 0)
      paragraph(f, fmt::format("{}: {}", f.text("service.amount"), rupees(service.amount_paise)));
    if (service.fee_paise > 0)
      paragraph(f, fmt::format("{}: {}", f.text("service.fee"), rupees(service.fee_paise)));
    paragraph(f, fmt::format("{}: {}", f.text("service.total"), rupees(service.total_paise())));
  }
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (!service.documents.empty()) {
    paragraph(f, f.text("service.documents"));
    for (const auto& doc : service.documents) {
      paragraph(f, fmt::format("  \u2022 {}", services::pick(doc, lang)));
    }
  }
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px * 2));
  if (big_button(f, "service.back", f.text("service.back"), ImVec2(f.metrics.mm(70), 0))) {
    f.commands.post(app::GoHome{});
  }
  ImGui::SameLine();
  if (big_button(f, "service.apply", f.text("service.apply"), ImVec2(f.metrics.mm(70), 0))) {
    f.commands.post(app::OpenDetails{});
  }
}

}  // namespace kiosk::ui

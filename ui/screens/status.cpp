// Status: what became of an application, by its receipt number. The office's word when the
// backend has it; otherwise what this kiosk's own receipts say ("received here on …, not
// yet sent"); otherwise why the kiosk cannot tell. Nothing is charged.
#include <fmt/format.h>

#include "kiosk/forms/rules.h"
#include "ui/icons.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"

namespace kiosk::ui {
namespace {

using State = app::StatusView::State;

// "2026-11-22T11:04:00+05:30" → "22-11-2026".
std::string day_of(const std::string& rfc3339) {
  return forms::display_date(rfc3339.substr(0, 10));
}

char32_t status_icon(const std::string& status) {
  if (status == "approved" || status == "delivered") return icons::kDone.codepoint;
  if (status == "rejected") return icons::kError.codepoint;
  return icons::kPending.codepoint;
}

// The sentence the screen shows and says, and what fills it.
std::pair<std::string, std::vector<std::string>> status_text(const app::StatusView& s) {
  switch (s.state) {
    case State::Looking:
      return {"status.looking", {}};
    case State::Found:
      return {"status.found", {"status.state." + s.status, day_of(s.updated_at)}};
    case State::LocalOnly:
      if (s.sent_at.empty()) return {"status.local_received", {day_of(s.received_at)}};
      return {"status.local_sent", {day_of(s.received_at), day_of(s.sent_at)}};
    case State::Unknown:
      return {"status.unknown", {}};
    case State::Unreachable:
      break;
  }
  return {"status.unreachable", {}};
}

}  // namespace

void draw_status(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.status) return;
  const auto& view = *snap.status;
  auto [key, args] = status_text(view);
  if (view.state == State::Found) args[0] = std::string(f.text(args[0]));  // the status word
  const std::string sentence = spoken_text(f.strings, snap.language, key, args);
  begin_screen(f, {.title = f.text("status.title"),
                   .prompt = {.key = "prompt." + key, .args = args},
                   .step = 0});
  icon_line(f, icons::kReceipt.codepoint,
            fmt::format("{}: {}", f.text("status.receipt_no"), view.receipt_no));
  const bool trouble = view.state == State::Unknown || view.state == State::Unreachable;
  if (trouble) {
    error_box(f, "status.message", sentence);
  } else {
    const char32_t icon =
        view.state == State::Found ? status_icon(view.status) : icons::kPending.codepoint;
    notice_box(f,
               {"status.message", sentence, icon, f.theme.dialog, f.theme.dialog_text,
                f.theme.field_border},
               ImGui::GetContentRegionAvail().x);
  }
  if (view.state == State::Found && !view.note.empty()) paragraph(f, view.note);
  const auto tap =
      end_screen(f, {.back = FooterButton{"status.another", f.text("status.another"),
                                          icons::kBack.codepoint, "status.another"},
                     .primary = FooterButton{"status.finish", f.text("status.finish"),
                                             icons::kDone.codepoint, "status.finish"}});
  if (tap == FooterTap::Back) f.commands.post(app::OpenDetails{});
  if (tap == FooterTap::Primary) f.commands.post(app::StartOver{});
}

}  // namespace kiosk::ui

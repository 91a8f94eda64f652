// Operator mode's screens (docs/operator.md), drawn over the citizen's screen, which stays
// as it was: the PIN pad, the menu, and each page's rows as the core decided them. The
// operator's language is their own; the citizen's session keeps its language.
#include <fmt/format.h>
#include <imgui.h>

#include "ui/icons.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {
namespace {

using app::OperatorPage;
using app::OperatorView;

std::string_view ot(const Frame& f, std::string_view key) {
  return f.strings.get(f.snapshot.operator_mode->language, key);
}

char32_t page_icon(OperatorPage page) {
  switch (page) {
    case OperatorPage::Payment:
      return icons::kPayment.codepoint;
    case OperatorPage::Devices:
      return icons::kDevices.codepoint;
    case OperatorPage::Alerts:
      return icons::kNotifications.codepoint;
    case OperatorPage::Queue:
      return icons::kSync.codepoint;
    case OperatorPage::Report:
      return icons::kAssessment.codepoint;
    case OperatorPage::Log:
      return icons::kList.codepoint;
    case OperatorPage::Config:
      return icons::kSettings.codepoint;
    case OperatorPage::Restart:
      return icons::kRestart.codepoint;
    case OperatorPage::Identity:
      return icons::kPerson.codepoint;
    case OperatorPage::Menu:
      break;
  }
  return icons::kBuild.codepoint;
}

std::string page_key(OperatorPage page) {
  return "operator.page." + std::string(app::to_string(page));
}

bool op_button(Frame& f, std::string_view id, std::string_view label, char32_t icon, ImVec2 size,
               ButtonStyle style = ButtonStyle::Secondary) {
  return button(f, {.id = id, .label = label, .icon = icon, .style = style}, size);
}

// The top bar: the title, the operator's language switch, and leave (lock).
void top_bar(Frame& f, std::string_view title) {
  const auto& view = *f.snapshot.operator_mode;
  const float w = ImGui::GetContentRegionAvail().x;
  const float bw = f.metrics.mm(40);
  text_block(f, title, TextSize::Title);
  const auto& langs = f.snapshot.languages;
  auto it = std::ranges::find(langs, view.language);
  if (langs.size() > 1 && it != langs.end()) {
    const std::string& other = std::next(it) == langs.end() ? langs.front() : *std::next(it);
    if (op_button(f, "operator.language", f.strings.get(other, "language.name"),
                  icons::kLanguage.codepoint, ImVec2(bw, 0)))
      f.commands.post(app::SetOperatorLanguage{other});
    ImGui::SameLine();
  }
  if (op_button(f, "operator.leave", ot(f, "operator.leave"), icons::kLock.codepoint,
                ImVec2(std::min(f.metrics.mm(60), w), 0)))
    f.commands.post(app::LeaveOperator{});
}

void message_line(Frame& f, std::string_view id, std::string_view text) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  text_block(f, text, TextSize::Body);
  f.hits.note(std::string(id), {at, ImGui::GetCursorScreenPos()}, std::string(text));
}

// Digits 1–9, then ⌫ 0 and OK; 15 mm keys. Posts through `key` and `ok`.
template <class Key, class Ok>
void keypad(Frame& f, std::string_view prefix, Key key, Ok ok, std::string_view ok_label) {
  const float side = f.metrics.mm(20);
  for (int row = 0; row < 4; ++row) {
    for (int col = 0; col < 3; ++col) {
      if (col > 0) ImGui::SameLine();
      const int n = row * 3 + col;
      if (row < 3) {
        const std::string digit(1, static_cast<char>('1' + n));
        if (button(f, {.id = fmt::format("{}.{}", prefix, digit), .label = digit, .icon = 0},
                   ImVec2(side, side)))
          key('1' + n);
      } else if (col == 0) {
        if (button(f,
                   {.id = fmt::format("{}.back", prefix),
                    .label = "⌫",
                    .icon = icons::kBackspace.codepoint,
                    .icon_only = true},
                   ImVec2(side, side)))
          key('\b');
      } else if (col == 1) {
        if (button(f, {.id = fmt::format("{}.0", prefix), .label = "0", .icon = 0},
                   ImVec2(side, side)))
          key('0');
      } else if (button(f,
                        {.id = fmt::format("{}.ok", prefix),
                         .label = ok_label,
                         .icon = icons::kCheck.codepoint,
                         .style = ButtonStyle::Primary,
                         .icon_only = true},  // the label is its spoken name
                        ImVec2(side, side))) {
        ok();
      }
    }
  }
}

void pin_pad(Frame& f) {
  const auto& view = *f.snapshot.operator_mode;
  message_line(f, "operator.prompt", ot(f, "operator.pin_prompt"));
  std::string dots;
  for (std::size_t i = 0; i < view.pin_digits; ++i) dots += "● ";
  f.hits.note("operator.pin", {ImGui::GetCursorScreenPos(), ImGui::GetCursorScreenPos()},
              std::to_string(view.pin_digits));
  text_block(f, dots.empty() ? std::string("–") : dots, TextSize::Title);
  if (!view.message.empty()) {
    std::string text(ot(f, view.message));
    if (view.message == "operator.locked") text = fmt::format(fmt::runtime(text), view.wait_s);
    error_box(f, "operator.message", text);
  }
  keypad(
      f, "operator.key", [&](char c) { f.commands.post(app::TypeOperatorPin{c}); },
      [&] { f.commands.post(app::SubmitOperatorPin{}); }, ot(f, "operator.enter"));
}

void menu(Frame& f) {
  const float w = ImGui::GetContentRegionAvail().x;
  const ImVec2 size((w - f.metrics.gap_px) / 2, f.metrics.mm(20));
  int i = 0;
  for (OperatorPage page : app::kOperatorPages) {
    if (i++ % 2 == 1) ImGui::SameLine();
    const std::string id = "operator.menu." + std::string(app::to_string(page));
    if (op_button(f, id, ot(f, page_key(page)), page_icon(page), size))
      f.commands.post(app::ShowOperatorPage{page});
  }
}

// One row: what it is, its value, what to do, and its button.
void row_line(Frame& f, const app::OperatorRow& row, std::size_t index) {
  std::string head = row.label_key.empty() ? std::string() : std::string(ot(f, row.label_key));
  if (!row.label.empty()) head += head.empty() ? row.label : "  ·  " + row.label;
  std::string value = row.value;
  if (!row.value_key.empty())
    value += (value.empty() ? "" : "  ") + std::string(ot(f, row.value_key));
  const std::string id = fmt::format("operator.row.{}", index);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (row.problem) {
    error_box(f, id, value.empty() ? head : head + ":  " + value);
  } else {
    text_block(f, value.empty() ? head : head + ":  " + value, TextSize::Body);
    f.hits.note(id, {at, ImGui::GetCursorScreenPos()}, head + " " + value);
  }
  if (!row.advice_key.empty()) text_block(f, ot(f, row.advice_key), TextSize::Small);
  if (row.action.empty()) return;
  if (op_button(
          f, id + ".action", ot(f, "operator.action." + row.action),
          row.action.starts_with("test") ? icons::kCheck.codepoint : icons::kForward.codepoint,
          ImVec2(f.metrics.mm(60), 0)))
    f.commands.post(app::OperatorAction{row.action, row.subject});
}

// The payment the citizen waits for: the UTR typed on a pad, or cash.
void payment_confirm(Frame& f) {
  const auto& view = *f.snapshot.operator_mode;
  if (f.snapshot.screen != app::Screen::Payment || !f.snapshot.payment) return;
  message_line(f, "operator.utr_prompt", ot(f, "operator.payment.utr_prompt"));
  text_block(f, view.utr.empty() ? std::string("–") : view.utr, TextSize::Title);
  f.hits.note("operator.utr", {ImGui::GetCursorScreenPos(), ImGui::GetCursorScreenPos()}, view.utr);
  keypad(
      f, "operator.utr", [&](char c) { f.commands.post(app::TypeOperatorUtr{c}); },
      [&] { f.commands.post(app::ConfirmWaitingPayment{"UPI"}); }, ot(f, "operator.payment.upi"));
  if (op_button(f, "operator.payment.cash", ot(f, "operator.payment.cash"),
                icons::kPayment.codepoint, ImVec2(f.metrics.mm(70), 0), ButtonStyle::Primary))
    f.commands.post(app::ConfirmWaitingPayment{"CASH"});
}

void page_body(Frame& f) {
  const auto& view = *f.snapshot.operator_mode;
  if (op_button(f, "operator.menu", ot(f, "operator.page.menu"), icons::kBack.codepoint,
                ImVec2(f.metrics.mm(50), 0)))
    f.commands.post(app::ShowOperatorPage{OperatorPage::Menu});
  if (view.page == OperatorPage::Restart) {
    paragraph(f, ot(f, "operator.restart.explain"));
    if (op_button(f, "operator.restart", ot(f, "operator.action.restart"),
                  icons::kRestart.codepoint, ImVec2(f.metrics.mm(70), 0), ButtonStyle::Primary))
      f.commands.post(app::OperatorAction{"restart"});
  }
  if (view.page == OperatorPage::Payment) payment_confirm(f);
  if (!view.data) {
    if (view.page != OperatorPage::Restart)
      message_line(f, "operator.loading", ot(f, "operator.loading"));
    return;
  }
  if (!view.data->error_key.empty())
    error_box(f, "operator.page_error", ot(f, view.data->error_key));
  for (std::size_t i = 0; i < view.data->rows.size(); ++i) row_line(f, view.data->rows[i], i);
}

void result_line(Frame& f) {
  const auto& view = *f.snapshot.operator_mode;
  if (view.busy) return message_line(f, "operator.result", ot(f, "operator.busy"));
  if (view.result_key.empty()) return;
  std::string text(ot(f, view.result_key));
  if (!view.result_detail.empty()) text += "  (" + view.result_detail + ")";
  if (view.result_ok)
    message_line(f, "operator.result", text);
  else
    error_box(f, "operator.result", text);
}

}  // namespace

void draw_operator(Frame& f) {
  const auto& view = *f.snapshot.operator_mode;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::GetWindowDrawList()->AddRectFilled(
      vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y), u32(f.theme.background));
  const float pad = 2 * f.metrics.gap_px;
  ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + pad, vp->Pos.y + pad));
  // One region per page, so no page starts scrolled where the last one was left.
  begin_drag_scroll(f, "operator.body." + std::string(app::to_string(view.page)),
                    ImVec2(vp->Size.x - 2 * pad, vp->Size.y - 2 * pad));
  const bool open = view.stage == OperatorView::Stage::Open;
  top_bar(f, open && view.page != OperatorPage::Menu ? ot(f, page_key(view.page))
                                                     : ot(f, "operator.title"));
  switch (view.stage) {
    case OperatorView::Stage::Opening:
    case OperatorView::Stage::Checking:
      message_line(f, "operator.checking", ot(f, "operator.checking"));
      break;
    case OperatorView::Stage::Closed:
      error_box(f, "operator.message", ot(f, "operator.no_pin"));
      break;
    case OperatorView::Stage::Pin:
      pin_pad(f);
      break;
    case OperatorView::Stage::Open:
      result_line(f);
      if (view.page == OperatorPage::Menu)
        menu(f);
      else
        page_body(f);
      break;
  }
  end_drag_scroll(f);
}

}  // namespace kiosk::ui

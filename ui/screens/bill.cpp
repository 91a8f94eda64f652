// Bill: the bill the backend gave for the consumer number, and what paying it costs; or,
// while it is fetched, the hourglass; or why there is none. The amount is the bill's: the
// screen shows what the core decided and offers "Pay" only for a shown bill (a backend that
// cannot be reached means nothing is charged and no payment is offered).
#include <fmt/format.h>

#include "kiosk/forms/rules.h"
#include "ui/icons.h"
#include "ui/screens/journey_notices.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"

namespace kiosk::ui {
namespace {

using BillState = app::BillView::State;

std::string_view message_key(BillState state) {
  switch (state) {
    case BillState::Fetching:
      return "bill.fetching";
    case BillState::NothingDue:
      return "bill.nothing_due";
    case BillState::UnknownConsumer:
      return "bill.unknown";
    case BillState::Unreachable:
      return "bill.unreachable";
    case BillState::Shown:
      break;
  }
  return "bill.title";
}

void bill_lines(Frame& f, const app::BillView& bill) {
  const auto line = [&](char32_t icon, std::string_view key, const std::string& value) {
    icon_line(f, icon, fmt::format("{}: {}", f.text(key), value));
  };
  line(icons::kReceipt.codepoint, "bill.consumer_no", bill.consumer_no);
  line(icons::kPerson.codepoint, "bill.consumer_name", bill.consumer_name_masked);
  line(icons::kTime.codepoint, "bill.due_date", forms::display_date(bill.due_date));
  line(icons::kPayment.codepoint, "bill.amount", rupees(bill.amount_paise));
  line(icons::kPayment.codepoint, "service.fee", rupees(bill.fee_paise));
  line(icons::kPayment.codepoint, "service.total", rupees(bill.amount_paise + bill.fee_paise));
}

ScreenPrompt bill_prompt(const Frame& f, const app::BillView& bill) {
  if (bill.state != BillState::Shown)
    return {.key = "prompt." + std::string(message_key(bill.state))};
  return {
      .key = "prompt.bill.shown",
      .args = {spoken_amount(f.strings, f.snapshot.language, bill.amount_paise),
               forms::display_date(bill.due_date),
               spoken_amount(f.strings, f.snapshot.language, bill.amount_paise + bill.fee_paise)}};
}

}  // namespace

void draw_bill(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.bill || !snap.selected_service) return;
  const auto& bill = *snap.bill;
  const auto& service = snap.services[*snap.selected_service];
  begin_screen(f, {.title = services::pick(service.title, snap.language),
                   .prompt = bill_prompt(f, bill),
                   .step = 3});
  if (bill.state == BillState::Shown) {
    bill_lines(f, bill);
  } else if (bill.state == BillState::Fetching) {
    icon_line(f, icons::kPending.codepoint, f.text(message_key(bill.state)));
  } else {
    error_box(f, "bill.message", f.text(message_key(bill.state)));
  }
  const bool blocked =
      bill.state == BillState::Shown &&
      preflight_notice(f, std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150)));
  if (!snap.error.empty()) error_box(f, "screen.error", f.text("error." + snap.error));
  FooterSpec footer{
      .back = FooterButton{"nav.back", f.text("nav.back"), icons::kBack.codepoint, "nav.back"}};
  if (bill.state == BillState::Shown && !blocked)
    footer.primary =
        FooterButton{"bill.pay", f.text("bill.pay"), icons::kPayment.codepoint, "bill.pay"};
  const auto tap = end_screen(f, footer);
  if (tap == FooterTap::Back) f.commands.post(app::OpenDetails{});
  if (tap == FooterTap::Primary) f.commands.post(app::PayBill{});
}

}  // namespace kiosk::ui

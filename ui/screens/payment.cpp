// The payment screen (UPI QR for the amount, its intent already on disk) and the done
// screen (the receipt number, shown only after its COMMIT).
#include <imgui.h>

#include "kiosk/qr/qr_generate.h"
#include "kiosk/qr/receipt_qr.h"
#include "kiosk/qr/upi.h"
#include "ui/icons.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"

namespace kiosk::ui {
namespace {

// Dark modules as filled squares: no texture upload, crisp at any size. The UPI QR is
// generated once per intent (UiState keeps it), not per frame.
void draw_qr(UiState& state, const std::string& text, float side) {
  if (state.qr_text != text) {
    auto image = qr::qr_pixels(text, 1, 4);
    state.qr = image ? std::optional<Image>(std::move(*image)) : std::nullopt;
    state.qr_text = text;
  }
  if (!state.qr) return;
  center_next(side);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float module = side / static_cast<float>(state.qr->width);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32_WHITE);
  for (int y = 0; y < state.qr->height; ++y) {
    for (int x = 0; x < state.qr->width; ++x) {
      if (state.qr->pixels[static_cast<std::size_t>(y * state.qr->width + x)] >= 128) continue;
      const ImVec2 a(origin.x + x * module, origin.y + y * module);
      draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
    }
  }
  ImGui::Dummy(ImVec2(side, side));
}

void error_line(Frame& f) {
  if (f.snapshot.error.empty()) return;
  error_box(f, "screen.error", f.text("error." + f.snapshot.error));
}

}  // namespace

void draw_payment(Frame& f, UiState& state) {
  const auto& payment = *f.snapshot.payment;
  const std::string amount = "₹ " + qr::rupees_from_paise(payment.total_paise);
  begin_screen(
      f, {.title = f.text("payment.title"),
          .prompt = {.key = payment.upi_uri.empty() ? "prompt.payment_cash" : "prompt.payment_upi",
                     .args = {spoken_amount(f.strings, f.snapshot.language, payment.total_paise)}},
          .step = 4});
  centered_text(f, amount, TextSize::Title);
  if (!payment.upi_uri.empty()) {
    const float side = std::min(f.metrics.mm(70), ImGui::GetContentRegionAvail().y * 0.6f);
    draw_qr(state, payment.upi_uri, side);
    centered_text(f, f.text("payment.scan"), TextSize::Body);
  } else {
    centered_text(f, f.text("payment.cash"), TextSize::Body);
  }
  error_line(f);
  FooterSpec footer{.back = FooterButton{"payment.cancel", f.text("payment.cancel"),
                                         icons::kCancel.codepoint, "payment.cancel"}};
  if (f.snapshot.demo)  // the demo has no PSP: the citizen's "I have paid" stands in for it
    footer.primary = FooterButton{"payment.demo_paid", f.text("payment.demo_paid"),
                                  icons::kCheck.codepoint, "payment.demo_paid"};
  const auto tap = end_screen(f, footer);
  if (tap == FooterTap::Back) f.commands.post(app::CancelPayment{});
  if (tap == FooterTap::Primary)
    f.commands.post(app::PaymentReceived{"UPI", "DEMO" + payment.txn_id.substr(0, 8)});
}

namespace {

// How the receipt is printing, as the core was told. A receipt that did not print shows
// its QR on screen (an e-receipt the citizen can photograph) and offers "print again".
void receipt_print_status(Frame& f, UiState& state) {
  if (!f.snapshot.receipt_print) return;
  using app::ReceiptPrint;
  const ReceiptPrint s = f.snapshot.receipt_print->state;
  const char* key = s == ReceiptPrint::Printed   ? "done.printed"
                    : s == ReceiptPrint::Failed  ? "done.print_failed"
                    : s == ReceiptPrint::Unknown ? "done.print_unknown"
                                                 : "done.printing";
  const ImVec2 at = ImGui::GetCursorScreenPos();
  centered_text(f, f.text(key), TextSize::Body);
  f.hits.note("done.print_status", {at, ImGui::GetCursorScreenPos()}, std::string(f.text(key)));
  if (s != ReceiptPrint::Failed && s != ReceiptPrint::Unknown) return;
  const ImVec2 told = ImGui::GetCursorScreenPos();
  paragraph(f, f.text("done.ereceipt"));
  f.hits.note("done.ereceipt", {told, ImGui::GetCursorScreenPos()},
              std::string(f.text("done.ereceipt")));
  if (auto payload = qr::build_receipt_qr(f.snapshot.receipt_no)) {
    const float side = std::min(f.metrics.mm(45), ImGui::GetContentRegionAvail().y * 0.4f);
    const ImVec2 qr_at = ImGui::GetCursorScreenPos();
    draw_qr(state, *payload, side);
    f.hits.note("done.ereceipt_qr", {qr_at, ImVec2(qr_at.x + side, qr_at.y + side)}, *payload);
  }
  if (button(f,
             {"done.print_again", f.text("done.print_again"), icons::kPrint.codepoint,
              ButtonStyle::Secondary, IconPlace::Left, "done.print_again"},
             ImVec2(f.metrics.mm(70), 0)))
    f.commands.post(app::ReprintReceipt{});
}

}  // namespace

void draw_done(Frame& f, UiState& state) {
  begin_screen(f,
               {.title = f.text("done.title"),
                .prompt = {.key = "prompt.done", .args = {spoken_receipt(f.snapshot.receipt_no)}},
                .step = 5});
  centered_text(f, f.text("done.receipt_no"), TextSize::Body);
  centered_text(f, f.snapshot.receipt_no, TextSize::Title);
  icon_line(f, icons::kReceipt.codepoint, f.text("done.keep_number"));
  receipt_print_status(f, state);
  const auto tap = end_screen(f, {.start_over = false,
                                  .primary = FooterButton{"done.finish", f.text("done.finish"),
                                                          icons::kDone.codepoint, "done.finish"}});
  if (tap == FooterTap::Primary) f.commands.post(app::StartOver{});
}

}  // namespace kiosk::ui

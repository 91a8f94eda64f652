// Operator mode in the core: entry (gesture or card, then the PIN), the pages, payment
// confirmation for the citizen waiting at the payment screen, and leaving. The citizen's
// screen, fields and payment stay untouched underneath; their idle reset waits meanwhile.
#include <fmt/format.h>

#include <algorithm>

#include "kiosk/app/app_core.h"
#include "kiosk/core/log.h"
#include "kiosk/qr/upi.h"

namespace kiosk::app {

std::string_view to_string(OperatorPage page) {
  switch (page) {
    case OperatorPage::Menu:
      return "menu";
    case OperatorPage::Payment:
      return "payment";
    case OperatorPage::Devices:
      return "devices";
    case OperatorPage::Alerts:
      return "alerts";
    case OperatorPage::Queue:
      return "queue";
    case OperatorPage::Report:
      return "report";
    case OperatorPage::Log:
      return "log";
    case OperatorPage::Config:
      return "config";
    case OperatorPage::Restart:
      return "restart";
    case OperatorPage::Identity:
      return "identity";
  }
  return "menu";
}

bool valid_utr(std::string_view utr) {
  return utr.size() == 12 && std::ranges::all_of(utr, [](char c) { return c >= '0' && c <= '9'; });
}

namespace {

bool is_open(const Snapshot& s) {
  return s.operator_mode && s.operator_mode->stage == OperatorView::Stage::Open;
}

bool waiting_payment(const Snapshot& s) {
  return s.screen == Screen::Payment && s.payment.has_value();
}

// A device's line: its state and what to do in words, and its test.
OperatorRow device_row(const DeviceView& d) {
  namespace model = drivers::model;
  auto action = d.action;  // a missing device wants reconnecting even when no action was named
  if (action == model::Action::None && d.status == model::Status::NoDevice)
    action = model::Action::Reconnect;
  OperatorRow row{.label_key = model::kind_text_key(d.kind),
                  .label = d.name,
                  .value_key = model::status_text_key(d.status),
                  .advice_key = model::action_text_key(action),
                  .problem = d.status != model::Status::Online};
  switch (d.kind) {
    case model::DeviceKind::Printer:
      row.action = "test-print";
      break;
    case model::DeviceKind::Scanner:
      row.action = "test-scan";
      break;
    case model::DeviceKind::Fingerprint:
      row.action = "test-capture";
      break;
    case model::DeviceKind::Camera:
      break;
  }
  row.subject = d.name;
  return row;
}

}  // namespace

void AppCore::handle(const OperatorGesture&, Snapshot& next) {
  if (next.operator_mode) return;
  const auto now = clock_.steady_now();
  gesture_taps_.push_back(now);
  while (!gesture_taps_.empty() && now - gesture_taps_.front() > kGestureWindow)
    gesture_taps_.pop_front();
  if (gesture_taps_.size() < static_cast<std::size_t>(kGestureTaps)) return;
  gesture_taps_.clear();
  open_operator(next, "gesture");
}

// The citizen's timers stop while the operator works: their idle reset would wipe the
// session the operator is confirming a payment for.
void AppCore::open_operator(Snapshot& next, std::string via) {
  OperatorView view;
  view.entered_via = std::move(via);
  view.language = next.languages.empty() ? "en" : next.languages.front();
  view.idle_deadline = clock_.steady_now() + kOperatorIdle;
  next.operator_mode = std::move(view);
  next.idle_deadline.reset();
  next.attract_at.reset();
  operator_pin_.clear();
  if (desk_.load() == nullptr) {
    next.operator_mode->stage = OperatorView::Stage::Closed;
    return;
  }
  entry_job_ = next_job_++;
  desk_.load()->ask_entry(entry_job_);
}

void AppCore::handle(const OperatorEntryAnswer& c, Snapshot& next) {
  if (!next.operator_mode || c.job != entry_job_) return;
  auto& view = *next.operator_mode;
  if (view.stage != OperatorView::Stage::Opening) return;
  view.stage = c.pin_set ? OperatorView::Stage::Pin : OperatorView::Stage::Closed;
  if (!c.pin_set) log::warn("operator", "operator mode refused: no PIN is set");
}

void AppCore::handle(const TypeOperatorPin& c, Snapshot& next) {
  if (!next.operator_mode || next.operator_mode->stage != OperatorView::Stage::Pin) return;
  operator_touched(next);
  if (operator_pin_.capacity() == 0) {
    auto pin = Secret::with_capacity(kPinPadDigits);
    if (!pin) {
      next.operator_mode->message = "operator.failed";
      return;
    }
    operator_pin_ = std::move(*pin);
  }
  if (c.key == '\b') {
    if (!operator_pin_.empty()) operator_pin_.pop_back();
  } else if (c.key >= '0' && c.key <= '9') {
    (void)operator_pin_.push_back(c.key);  // a ninth digit is not taken
  }
  next.operator_mode->pin_digits = operator_pin_.size();
}

void AppCore::handle(const SubmitOperatorPin&, Snapshot& next) {
  if (!next.operator_mode || next.operator_mode->stage != OperatorView::Stage::Pin) return;
  auto& view = *next.operator_mode;
  operator_touched(next);
  if (operator_pin_.size() < kPinMinDigits) {
    view.message = "operator.pin_short";
    return;
  }
  pin_job_ = next_job_++;
  view.stage = OperatorView::Stage::Checking;
  view.message.clear();
  view.pin_digits = 0;
  desk_.load()->check_pin(pin_job_, std::exchange(operator_pin_, Secret()));
}

void AppCore::handle(const OperatorPinChecked& c, Snapshot& next) {
  if (!next.operator_mode || c.job != pin_job_) return;
  auto& view = *next.operator_mode;
  view.wait_s = c.wait_s;
  switch (c.verdict) {
    case PinVerdict::Accepted:
      view.stage = OperatorView::Stage::Open;
      view.page = OperatorPage::Menu;
      view.message.clear();
      log::info("operator", "operator mode entered ({})", view.entered_via);
      break;
    case PinVerdict::NoPin:
      view.stage = OperatorView::Stage::Closed;
      break;
    case PinVerdict::Wrong:
      view.stage = OperatorView::Stage::Pin;
      view.message = c.wait_s > 0 ? "operator.locked" : "operator.pin_wrong";
      break;
    case PinVerdict::LockedOut:
      view.stage = OperatorView::Stage::Pin;
      view.message = "operator.locked";
      break;
    case PinVerdict::Failed:
      view.stage = OperatorView::Stage::Pin;
      view.message = "operator.failed";
      break;
  }
  operator_touched(next);
}

void AppCore::handle(const ShowOperatorPage& c, Snapshot& next) {
  if (!is_open(next)) return;
  auto& view = *next.operator_mode;
  operator_touched(next);
  view.page = c.page;
  view.data.reset();
  view.result_key.clear();
  view.result_detail.clear();
  view.utr.clear();
  view.data = own_rows(next, c.page);
  if (c.page == OperatorPage::Menu || c.page == OperatorPage::Devices ||
      c.page == OperatorPage::Restart || c.page == OperatorPage::Identity)
    return;
  page_job_ = next_job_++;
  desk_.load()->load(page_job_, c.page);
}

void AppCore::handle(const OperatorPageLoaded& c, Snapshot& next) {
  if (!is_open(next) || c.job != page_job_ || next.operator_mode->page != c.data.page) return;
  auto& view = *next.operator_mode;
  view.data = c.data;
  if (auto own = own_rows(next, view.page)) {  // the waiting payment stays on top
    for (const auto& row : c.data.rows)        // the waiting intent is listed once, on top
      if (!next.payment || row.value != next.payment->txn_id) own->rows.push_back(row);
    own->error_key = c.data.error_key;
    view.data = std::move(own);
  }
}

void AppCore::handle(const OperatorAction& c, Snapshot& next) {
  if (!is_open(next) || next.operator_mode->busy) return;
  operator_touched(next);
  if (operator_identity_action(c, next)) return;
  auto& view = *next.operator_mode;
  view.busy = true;
  view.result_key.clear();
  view.result_detail.clear();
  action_job_ = next_job_++;
  desk_.load()->act(action_job_, c.action, c.subject);
}

void AppCore::handle(const OperatorActionDone& c, Snapshot& next) {
  if (!next.operator_mode || c.job != action_job_) return;
  auto& view = *next.operator_mode;
  view.busy = false;
  view.result_ok = c.ok;
  view.result_key = c.result_key;
  view.result_detail = c.detail;
  if (is_open(next) && view.page != OperatorPage::Menu && view.page != OperatorPage::Devices &&
      view.page != OperatorPage::Restart &&
      view.page != OperatorPage::Identity) {  // what the action changed (a redrive) shows
    page_job_ = next_job_++;
    desk_.load()->load(page_job_, view.page);
  }
}

void AppCore::handle(const TypeOperatorUtr& c, Snapshot& next) {
  if (!is_open(next)) return;
  operator_touched(next);
  auto& utr = next.operator_mode->utr;
  if (c.key == '\b') {
    if (!utr.empty()) utr.pop_back();
  } else if (c.key >= '0' && c.key <= '9' && utr.size() < 12) {
    utr.push_back(c.key);
  }
}

// The same as the demo's "I have paid" (PaymentReceived), with the operator's word and,
// for UPI, the bank's reference. On success the citizen's screen shows the receipt.
void AppCore::handle(const ConfirmWaitingPayment& c, Snapshot& next) {
  if (!is_open(next)) return;
  auto& view = *next.operator_mode;
  operator_touched(next);
  if (!waiting_payment(next)) {
    view.result_ok = false;
    view.result_key = "operator.payment.none";
    return;
  }
  if (c.mode == "UPI" && !valid_utr(view.utr)) {
    view.result_ok = false;
    view.result_key = "operator.payment.utr_invalid";
    return;
  }
  const std::string txn = next.payment->txn_id;
  const std::string ref = c.mode == "UPI" ? view.utr : "CASH-" + txn.substr(0, 8);
  handle(PaymentReceived{c.mode, ref}, next);
  const bool done = next.screen == Screen::Done;
  if (desk_.load() != nullptr)
    desk_.load()->audit("operator", "payment.confirm", txn,
                        done ? "ok: " + c.mode : "failed: not saved");
  if (!done) {
    view.result_ok = false;
    view.result_key = "operator.payment.not_saved";
    return;
  }
  leave_operator(next, "payment confirmed");
}

void AppCore::handle(const RemotePaymentReceived& c, Snapshot& next) {
  if (!waiting_payment(next) || next.payment->txn_id != c.txn_id) return;
  handle(PaymentReceived{c.mode, c.ref}, next);
}

void AppCore::handle(const SetOperatorLanguage& c, Snapshot& next) {
  if (!next.operator_mode || std::ranges::find(next.languages, c.language) == next.languages.end())
    return;
  next.operator_mode->language = c.language;
  operator_touched(next);
}

void AppCore::handle(const LeaveOperator&, Snapshot& next) {
  if (next.operator_mode) leave_operator(next, "left");
}

// Back to the citizen's screen as it was, with a fresh idle time: whoever is there gets
// the whole of it, and the welcome screen counts down to the attract screen again.
void AppCore::leave_operator(Snapshot& next, std::string_view why) {
  const bool was_open = is_open(next);
  next.operator_mode.reset();
  operator_pin_.clear();
  page_job_ = action_job_ = pin_job_ = entry_job_ = 0;
  if (was_open && desk_.load() != nullptr)
    desk_.load()->audit("operator", "operator.leave", "", std::string(why));
  if (was_open) log::info("operator", "operator mode closed ({})", why);
  touched(next);
}

void AppCore::operator_touched(Snapshot& next) const {
  if (next.operator_mode) next.operator_mode->idle_deadline = clock_.steady_now() + kOperatorIdle;
}

void AppCore::operator_timers(Snapshot& next) {
  if (clock_.steady_now() >= next.operator_mode->idle_deadline)
    leave_operator(next, "idle: locked itself");
}

// Devices come from the snapshot the device service keeps current; the waiting payment
// from the session. Neither needs the desk.
std::optional<OperatorPageData> AppCore::own_rows(const Snapshot& s, OperatorPage page) const {
  OperatorPageData data{page, {}, {}};
  if (page == OperatorPage::Devices) {
    for (const auto& d : s.devices) data.rows.push_back(device_row(d));
    if (data.rows.empty()) data.error_key = "operator.devices.none";
    return data;
  }
  if (page == OperatorPage::Identity) return identity_rows(s);
  if (page == OperatorPage::Payment) {
    if (!waiting_payment(s)) {
      data.rows.push_back(
          {.label_key = "operator.payment.waiting", .value_key = "operator.payment.nobody"});
      return data;
    }
    const auto& p = *s.payment;
    const auto& service = s.services[*s.selected_service];
    data.rows.push_back({.label_key = "operator.payment.waiting",
                         .label = std::string(services::pick(service.title, s.language)),
                         .value = p.txn_id});
    data.rows.push_back({.label_key = "operator.payment.total",
                         .value = "₹" + qr::rupees_from_paise(p.total_paise)});
    return data;
  }
  return std::nullopt;
}

}  // namespace kiosk::app

// The journeys that ask the backend before anything is paid (docs/catalogue.md, "kind"):
//   bill_payment   consumer number → the bill fetched (Screen::Bill) → its amount + the fee
//   status_lookup  receipt number → the status (Screen::Status); nothing is charged
// The backend is asked through Lookups, off the core thread; its answer comes back as a
// command with the job number it was asked under, and is dropped if the session moved on.
#include <algorithm>

#include "kiosk/app/app_core.h"
#include "kiosk/app/form_session.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/form.h"

namespace kiosk::app {
namespace {

std::string field_value(const Snapshot& s, const std::string& id) {
  auto it = s.fields.find(id);
  return it == s.fields.end() ? std::string() : it->second;
}

}  // namespace

void AppCore::start_bill_fetch(Snapshot& next) {
  const auto& service = next.services[*next.selected_service];
  next.bill = BillView{.consumer_no = field_value(next, "consumer_no"),
                       .fee_paise = service.fee_paise,
                       .deadline = clock_.steady_now() + kLookupWait};
  next.screen = Screen::Bill;
  lookup_job_ = next_job_++;
  Lookups* lookups = lookups_.load();
  if (lookups == nullptr ||
      !lookups->fetch_bill(lookup_job_, service.biller_id, next.bill->consumer_no)) {
    log::warn("core", "bill fetch not possible: no lookup worker");
    next.bill->state = BillView::State::Unreachable;
    next.bill->deadline.reset();
    lookup_job_ = 0;
  }
}

void AppCore::handle(const BillAnswered& c, Snapshot& next) {
  if (c.job == 0 || c.job != lookup_job_ || !next.bill || next.screen != Screen::Bill) return;
  lookup_job_ = 0;
  BillView& view = *next.bill;
  view.deadline.reset();
  if (!c.bill) {
    view.state =
        c.failure == "not-found" ? BillView::State::UnknownConsumer : BillView::State::Unreachable;
    log::info("core", "bill fetch: {}", c.failure);
    return;
  }
  view.state = c.bill->amount_paise > 0 ? BillView::State::Shown : BillView::State::NothingDue;
  view.consumer_name_masked = c.bill->consumer_name;
  view.due_date = c.bill->due_date;
  view.bill_no = c.bill->bill_no;
  view.biller_ref = c.bill->biller_ref;
  view.amount_paise = c.bill->amount_paise;
}

// Only a shown bill may be paid, and only its own amount.
void AppCore::handle(const PayBill&, Snapshot& next) {
  touched(next);
  if (next.screen != Screen::Bill || !next.bill || next.bill->state != BillView::State::Shown)
    return;
  if (preflight_blocks(next)) return;  // said on the bill's screen; nothing is charged
  ask_payment(next, next.bill->amount_paise, next.bill->fee_paise);
}

void AppCore::start_status_lookup(Snapshot& next) {
  next.status = StatusView{.receipt_no = field_value(next, "receipt_no"),
                           .deadline = clock_.steady_now() + kLookupWait};
  next.screen = Screen::Status;
  lookup_job_ = next_job_++;
  Lookups* lookups = lookups_.load();
  if (lookups == nullptr || !lookups->look_up_status(lookup_job_, next.status->receipt_no)) {
    log::warn("core", "status lookup not possible: no lookup worker");
    next.status->state = StatusView::State::Unreachable;
    next.status->deadline.reset();
    lookup_job_ = 0;
  }
}

// A citizen may hold up their receipt as they walk up (welcome or attract screen, in the
// kiosk's first language), on the home screen, or within the status service; never in the
// middle of another service's form.
void AppCore::status_from_scan(Snapshot& next, const std::string& receipt_no) {
  if (next.operator_mode) return;
  const auto it = std::ranges::find(next.services, services::ServiceKind::StatusLookup,
                                    &services::Service::kind);
  if (it == next.services.end()) return;
  const auto index = static_cast<std::size_t>(it - next.services.begin());
  const bool home = next.screen == Screen::Home || next.screen == Screen::Welcome ||
                    next.screen == Screen::Attract;
  const bool in_status = next.selected_service == index &&
                         (next.screen == Screen::Service || next.screen == Screen::Details ||
                          next.screen == Screen::Status);
  if (!home && !in_status) return;
  next.attract_at.reset();
  touched(next);
  if (next.selected_service != index) {
    next.selected_service = index;
    open_form(next, secrets_, forms::form_for(*it, ""));
  }
  next.fields["receipt_no"] = receipt_no;
  next.focused_field.clear();
  start_status_lookup(next);
  next.status->scanned = true;
}

void AppCore::handle(const StatusAnswered& c, Snapshot& next) {
  if (c.job == 0 || c.job != lookup_job_ || !next.status || next.screen != Screen::Status) return;
  lookup_job_ = 0;
  StatusView& view = *next.status;
  view.deadline.reset();
  if (c.status) {
    view.state = StatusView::State::Found;
    view.status = c.status->status;
    view.updated_at = c.status->updated_at;
    view.note = c.status->note;
  } else if (c.local) {
    view.state = StatusView::State::LocalOnly;
    view.received_at = c.local->created_at;
    view.sent_at = c.local->delivered_at.value_or("");
  } else {
    view.state =
        c.failure == "not-found" ? StatusView::State::Unknown : StatusView::State::Unreachable;
  }
  // The receipt number stays out of the log, like every scan's text.
  log::info("core", "status lookup: {}",
            c.status  ? c.status->status
            : c.local ? "this kiosk's receipt"
                      : c.failure);
}

// No answer in time: the citizen is told the kiosk cannot ask now (nothing was charged).
void AppCore::lookup_timers(Snapshot& next) {
  const auto now = clock_.steady_now();
  if (next.bill && next.bill->deadline && now >= *next.bill->deadline) {
    next.bill->state = BillView::State::Unreachable;
    next.bill->deadline.reset();
    lookup_job_ = 0;
    log::warn("core", "bill fetch: no answer in {} s", kLookupWait.count());
  }
  if (next.status && next.status->deadline && now >= *next.status->deadline) {
    next.status->state = StatusView::State::Unreachable;
    next.status->deadline.reset();
    lookup_job_ = 0;
    log::warn("core", "status lookup: no answer in {} s", kLookupWait.count());
  }
}

}  // namespace kiosk::app

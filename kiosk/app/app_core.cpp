#include "kiosk/app/app_core.h"

#include <pthread.h>

#include <algorithm>

#include "kiosk/app/form_session.h"
#include "kiosk/core/log.h"
#include "kiosk/forms/form.h"
#include "kiosk/forms/masks.h"
#include "kiosk/qr/payload.h"
#include "kiosk/qr/receipt_qr.h"
#include "kiosk/qr/upi.h"
#include "kiosk/store/day_report.h"

namespace kiosk::app {

AppCore::AppCore(const Clock& clock, CoreSettings settings, services::Catalogue catalogue)
    : clock_(clock), settings_(std::move(settings)) {
  Snapshot first;
  first.languages = settings_.languages;
  first.language = settings_.languages.empty() ? "en" : settings_.languages.front();
  first.services = std::move(catalogue.services);
  first.categories = std::move(catalogue.categories);
  first.csc_name = settings_.csc_name;
  first.demo = settings_.demo;
  first.idle_warning = std::min(kIdleWarning, settings_.idle_timeout);
  first.attract_at = clock_.steady_now() + settings_.attract_after;
  snapshot_ = std::make_shared<const Snapshot>(std::move(first));
}

void AppCore::post(Command command) {
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(std::move(command));
  }
  queue_cv_.notify_one();
}

bool AppCore::step() {
  std::deque<Command> commands;
  {
    std::lock_guard lock(queue_mutex_);
    commands.swap(queue_);
  }
  const auto current = snapshot();
  const auto deadline = next_deadline(*current);
  const bool timer_due = deadline && clock_.steady_now() >= *deadline;
  if (commands.empty() && !timer_due) return false;  // nothing to copy, nothing to publish
  Snapshot next = *current;
  for (Command& command : commands) {
    apply(command, next);
    // A value for a secret field may have come in a SetField: its bytes go now, not when
    // the heap reuses them.
    if (auto* set = std::get_if<SetField>(&command)) wipe(set->value.data(), set->value.size());
    // So may a scan's: an Aadhaar QR's name and address, or an old one's full number.
    if (auto* scan = std::get_if<ScanReceived>(&command))
      wipe(scan->text.data(), scan->text.size());
  }
  apply_timers(next);
  take_pending_config(next);
  if (next == *current) return false;
  publish(std::move(next));
  return true;
}

// One handle() per command type and no generic fallback: a command without its own
// overload does not compile. The exact member-pointer type refuses an overload reached by
// conversion (a command derived from another), which a plain call would take silently.
void AppCore::apply(const Command& command, Snapshot& next) {
  std::visit(
      [&]<class C>(const C& c) {
        void (AppCore::*exact)(const C&, Snapshot&) = &AppCore::handle;
        (this->*exact)(c, next);
      },
      command);
}

void AppCore::touched(Snapshot& next) const {
  if (next.screen == Screen::Welcome || next.screen == Screen::Attract) {
    welcome_touched(next);
    return;
  }
  next.idle_deadline = clock_.steady_now() + settings_.idle_timeout;
}

void AppCore::welcome_touched(Snapshot& next) const {
  next.screen = Screen::Welcome;
  next.attract_at = clock_.steady_now() + settings_.attract_after;
}

void AppCore::handle(const ChooseLanguage& c, Snapshot& next) {
  if (std::ranges::find(next.languages, c.language) == next.languages.end()) {
    log::warn("core", "ignored unknown language '{}'", c.language);
    return;
  }
  next.language = c.language;
  next.screen = Screen::Home;
  next.attract_at.reset();  // a session has started
  touched(next);
}

void AppCore::handle(const SwitchLanguage& c, Snapshot& next) {
  if (std::ranges::find(next.languages, c.language) == next.languages.end()) {
    log::warn("core", "ignored unknown language '{}'", c.language);
    return;
  }
  next.language = c.language;  // the same screen, now in that language
  touched(next);
}

// The citizen asked for a person. Said once in the log (no citizen data in it); the
// alert stays up until the session ends, for `kioskctl status` and the operator screens.
void AppCore::handle(const AskForHelp&, Snapshot& next) {
  if (!next.help_requested) log::info("core", "a citizen asked for help at the kiosk");
  next.help_requested = true;
  touched(next);
}

// A scan is not a touch: a code read as someone walks past keeps no session alive. Only
// its kind is kept and logged; its text, which may be an Aadhaar QR, goes no further here.
void AppCore::handle(const ScanReceived& c, Snapshot& next) {
  if (c.text == kOperatorCard) {  // the operator card: the PIN pad, not a citizen's scan
    if (!next.operator_mode) open_operator(next, "card");
    return;
  }
  const auto kind = qr::to_string(qr::detect_payload(c.text));
  log::info("core", "a scan from {}: {}, {} characters", c.device, kind, c.text.size());
  const std::uint64_t sequence = next.last_scan ? next.last_scan->sequence + 1 : 1;
  next.last_scan = ScanView{c.device, std::string(kind), sequence};
  next.scanner_reading = false;
  if (auto receipt = qr::parse_receipt_qr(c.text)) status_from_scan(next, receipt->text());
  if (is_aadhaar_payload(qr::detect_payload(c.text))) identity_from_scan(next, c.text);
}

void AppCore::handle(const ScannerReading& c, Snapshot& next) {
  next.scanner_reading = c.reading;
}

bool AppCore::fingerprint_offered(const Snapshot& s) const {
  if (authenticator_ == nullptr || auth_ref_.size() > 0 || !s.selected_service) return false;
  // The catalogue says whether the service takes a fingerprint; a service built in code
  // (no fields of its own) asks for the applicant's number and may.
  const auto& service = s.services[*s.selected_service];
  const bool allowed = service.fields.empty() || service.identity == services::Identity::Either ||
                       service.identity == services::Identity::Fingerprint;
  const bool has_number = std::ranges::any_of(s.form, [&](const forms::FieldSpec& f) {
    const auto number = secrets_.value(f.id);
    return is_secret(f) && !number.empty() && forms::error_of(f, number) == std::nullopt;
  });
  const bool reader_online = std::ranges::any_of(s.devices, [](const DeviceView& d) {
    return d.kind == drivers::model::DeviceKind::Fingerprint &&
           d.status == drivers::model::Status::Online;
  });
  return allowed && has_number && reader_online;
}

// Only on the review, with a complete number, within the attempts, one job at a time. The
// request carries a copy of the number in locked memory; nothing else leaves the core.
void AppCore::handle(const VerifyFingerprint&, Snapshot& next) {
  touched(next);
  if (next.screen != Screen::Review || !next.fingerprint_offered) return;
  const int attempts = next.fingerprint ? next.fingerprint->attempts : 0;
  if (fingerprint_job_ != 0 || attempts >= kFingerprintAttempts) return;
  auto uid = Secret::copy_of(secrets_.value("aadhaar"));
  if (!uid) return log::error("core", "fingerprint: {}", uid.error().message);
  FingerprintRequest request{
      next_job_++,
      store::uuid_v7(clock_.wall_now()),
      std::move(*uid),
      {{"version", next.consent ? next.consent->version : settings_.consent_version},
       {"language", next.language},
       {"at", store::rfc3339_ist(clock_.wall_now())},
       {"purpose", "authentication"}}};
  const auto job = request.job;
  Authenticator* authenticator = authenticator_.load();
  if (authenticator == nullptr || !authenticator->authenticate(std::move(request))) return;
  fingerprint_job_ = job;
  next.fingerprint =
      FingerprintView{.state = FingerprintView::State::Capturing, .attempts = attempts + 1};
}

void AppCore::handle(const FingerprintSending& c, Snapshot& next) {
  if (c.job != fingerprint_job_ || !next.fingerprint) return;
  next.fingerprint->state = FingerprintView::State::Sending;
}

void AppCore::handle(const ConfigChanged& c, Snapshot&) {
  if (c.config) pending_config_ = c.config;
}

void AppCore::take_pending_config(Snapshot& next) {
  if (!pending_config_) return;
  if (next.screen != Screen::Welcome && next.screen != Screen::Attract) return;  // mid-session
  const auto config = std::exchange(pending_config_, nullptr);
  settings_ = config->settings;
  next.languages = settings_.languages;
  if (std::ranges::find(next.languages, next.language) == next.languages.end())
    next.language = next.languages.empty() ? "en" : next.languages.front();
  next.services = config->catalogue.services;
  next.categories = config->catalogue.categories;
  next.csc_name = settings_.csc_name;
  next.idle_warning = std::min(kIdleWarning, settings_.idle_timeout);
  if (next.screen == Screen::Welcome)
    next.attract_at = clock_.steady_now() + settings_.attract_after;
  next.strings = config->strings;
  next.config_generation = config->generation;
  log::info("core", "configuration {} taken", config->generation);
}

void AppCore::handle(const FingerprintDone& c, Snapshot& next) {
  if (c.job != fingerprint_job_ || !next.fingerprint) return;  // a wiped session's answer
  fingerprint_job_ = 0;
  if (c.verified) {
    auth_ref_ = c.auth_ref;
    next.fingerprint->state = FingerprintView::State::Verified;
    next.fingerprint_offered = false;
    return;
  }
  next.fingerprint->state = FingerprintView::State::Failed;
  next.fingerprint->message = c.message;
  next.fingerprint->may_retry = c.may_retry && next.fingerprint->attempts < kFingerprintAttempts;
}

void AppCore::handle(const OpenService& c, Snapshot& next) {
  auto it = std::ranges::find(next.services, c.service_id, &services::Service::id);
  if (it == next.services.end()) {
    log::warn("core", "ignored unknown service '{}'", c.service_id);
    return;
  }
  const bool other_service =
      !next.selected_service || next.services[*next.selected_service].id != c.service_id;
  next.selected_service = static_cast<std::size_t>(it - next.services.begin());
  if (other_service) {  // what was established was for another form
    next.identity.reset();
    next.identity_check_asked = false;
  }
  update_preflight(next);
  next.bill.reset();
  next.status.reset();
  lookup_job_ = 0;
  open_form(next, secrets_, forms::form_for(*it, store::ist_day(clock_.wall_now())));
  next.screen = Screen::Service;
  touched(next);
}

void AppCore::handle(const GoHome&, Snapshot& next) {
  next.screen = Screen::Home;
  next.selected_service.reset();
  next.preflight.reset();
  next.identity.reset();
  next.identity_check_asked = false;
  open_form(next, secrets_, {});
  touched(next);
}

void AppCore::handle(const StartOver&, Snapshot& next) {
  wipe_session(next);
}

void AppCore::handle(const UserActivity&, Snapshot& next) {
  if (next.operator_mode) return operator_touched(next);  // the citizen's timers wait
  touched(next);
}

void AppCore::handle(const SetLargeText& c, Snapshot& next) {
  next.large_text = c.on;
}

void AppCore::handle(const SetHighContrast& c, Snapshot& next) {
  next.high_contrast = c.on;
}

void AppCore::handle(const SetListenMode& c, Snapshot& next) {
  if (next.listen_mode != c.on) log::info("core", "listen mode {}", c.on ? "on" : "off");
  next.listen_mode = c.on;
  touched(next);
}

// The form opens once the citizen has agreed to this service's consent, if it has one.
void AppCore::handle(const OpenDetails&, Snapshot& next) {
  touched(next);
  if (!next.selected_service) return;
  next.bill.reset();  // back to the number: a fetched bill or status is for the old one
  next.status.reset();
  lookup_job_ = 0;
  // Pre-flight before the citizen types anything: said on the service's own screen.
  if (next.screen == Screen::Service && preflight_blocks(next)) return;
  const auto& service = next.services[*next.selected_service];
  const bool agreed = next.consent && next.consent->service_id == service.id;
  next.screen = service.consent && !agreed ? Screen::Consent : Screen::Details;
}

void AppCore::handle(const AcceptConsent&, Snapshot& next) {
  touched(next);
  if (next.screen != Screen::Consent || !next.selected_service) return;
  const auto& service = next.services[*next.selected_service];
  if (!service.consent) return;
  next.consent = ConsentView{service.id, service.consent->version, next.language,
                             store::rfc3339_ist(clock_.wall_now())};
  log::info("core", "consent {} given for {}", service.consent->version, service.id);
  next.screen = Screen::Details;
}

void AppCore::handle(const FocusField& c, Snapshot& next) {
  if (next.screen == Screen::Details && !focus_field(next, secrets_, c.field))
    log::warn("core", "ignored focus on '{}': the form has no such field", c.field);
  touched(next);
}

// Whatever the screen sent: the rule is checked here, not trusted from the keyboard.
void AppCore::handle(const SetField& c, Snapshot& next) {
  if (next.screen == Screen::Details && set_field(next, secrets_, c.field, c.value)) {
    number_changed(next, c.field);
    identity_field_typed(next, c.field);
  }
  touched(next);
}

void AppCore::handle(const TypeSecret& c, Snapshot& next) {
  if (next.screen == Screen::Details && type_secret(next, secrets_, c.field, c.key)) {
    number_changed(next, c.field);
    identity_field_typed(next, c.field);
  }
  touched(next);
}

// A fingerprint authenticated the number as it was: a new number needs a new one.
void AppCore::number_changed(Snapshot& next, const std::string& field) {
  const auto* spec = forms::find_field(next.form, field);
  if (spec == nullptr || !is_secret(*spec)) return;
  auth_ref_.clear();
  fingerprint_job_ = 0;
  next.fingerprint.reset();
}

void AppCore::handle(const ReviewDetails&, Snapshot& next) {
  const auto kind = next.selected_service ? next.services[*next.selected_service].kind
                                          : services::ServiceKind::Application;
  if (next.screen == Screen::Details && kind != services::ServiceKind::Application) {
    // A bill or a status: the form is one number, and the next step asks the backend.
    if (review_form(next, secrets_)) {
      next.focused_field.clear();
      kind == services::ServiceKind::BillPayment ? start_bill_fetch(next)
                                                 : start_status_lookup(next);
    }
    return touched(next);
  }
  if (next.screen == Screen::Details && review_form(next, secrets_)) {
    identity_number_check(next);
    next.screen = Screen::Review;
    next.focused_field.clear();
    next.fingerprint_offered = fingerprint_offered(next);
  }
  touched(next);
}

void AppCore::handle(const ConfirmDetails&, Snapshot& next) {
  // Pre-flight again: a printer can run out while the citizen types.
  if (next.screen == Screen::Review && !preflight_blocks(next)) confirm_details(next);
  touched(next);
}

void AppCore::handle(const PaymentReceived& c, Snapshot& next) {
  if (next.screen == Screen::Payment && next.payment)
    finish(next, next.payment->txn_id, c.mode, c.ref);
  touched(next);
}

void AppCore::handle(const CancelPayment&, Snapshot& next) {
  if (next.screen == Screen::Payment) {
    if (auto s = transactions_->cancel_intent(next.payment->txn_id, false); !s)
      log::error("core", "cannot cancel the payment intent: {}", s.error().message);
    next.payment.reset();
    next.error.clear();
    next.screen = next.bill ? Screen::Bill : Screen::Review;
  }
  touched(next);
}

// Not a touch either: the printer finishing is no sign the citizen is still there.
void AppCore::handle(const ReceiptChanged& c, Snapshot& next) {
  if (next.screen != Screen::Done || c.receipt_no != next.receipt_no) return;
  next.receipt_print = ReceiptPrintView{c.state, c.reason};
}

// Only for a receipt that did not print as it should: a refill never reprints by itself,
// and a citizen's second tap while it prints does not queue a second copy.
void AppCore::handle(const ReprintReceipt&, Snapshot& next) {
  touched(next);
  if (next.screen != Screen::Done || !next.receipt_print || receipts_ == nullptr) return;
  const auto s = next.receipt_print->state;
  if (s != ReceiptPrint::Failed && s != ReceiptPrint::Unknown) return;
  receipts_->reprint(next.receipt_no);
  if (auto* desk = desk_.load(); desk != nullptr)
    desk->audit("citizen", "receipt.reprint", next.receipt_no, "print again, at the screen");
  next.receipt_print = ReceiptPrintView{ReceiptPrint::Queued, ""};
}

// Not a touch: a device coming and going must not keep a walked-away session alive.
void AppCore::handle(const DevicesChanged& c, Snapshot& next) {
  next.devices = c.devices;
  next.device_banner = banner_for(next.devices);
  update_preflight(next);
  if (next.screen == Screen::Review) next.fingerprint_offered = fingerprint_offered(next);
  if (next.operator_mode && next.operator_mode->page == OperatorPage::Devices &&
      next.operator_mode->stage == OperatorView::Stage::Open)
    next.operator_mode->data = own_rows(next, OperatorPage::Devices);
}

// The intent row (or, for a free service, the transaction) is committed BEFORE the QR or
// the receipt number is shown: a power cut after this loses nothing the citizen saw.
void AppCore::confirm_details(Snapshot& next) {
  const auto& service = next.services[*next.selected_service];
  ask_payment(next, service.amount_paise, service.fee_paise);
}

void AppCore::ask_payment(Snapshot& next, std::int64_t amount, std::int64_t fee) {
  if (transactions_ == nullptr) {
    next.error = "intake";
    return;
  }
  const auto& service = next.services[*next.selected_service];
  if (amount + fee == 0) return finish(next, "", "NONE", "");
  auto txn_id = transactions_->create_intent(service.id, amount, fee);
  if (!txn_id) {
    log::error("core", "payment intent not saved: {}", txn_id.error().message);
    next.error = "intake";  // nothing was charged: the QR never showed
    return;
  }
  next.payment =
      PaymentView{*txn_id, amount, fee, amount + fee, upi_uri(next, *txn_id, amount + fee)};
  next.error.clear();
  next.screen = Screen::Payment;
}

void AppCore::finish(Snapshot& next, const std::string& txn_id, const std::string& mode,
                     const std::string& ref) {
  auto committed = transactions_->commit(txn_id, transaction_from(next, mode, ref));
  if (!committed) {
    log::error("core", "transaction not saved: {}", committed.error().message);
    // After a payment the intent row is already on disk (awaiting): the operator reconciles.
    next.error = txn_id.empty() ? "intake" : "payment-pending";
    return;
  }
  log::info("core", "transaction committed as {}", committed->receipt_no);
  next.receipt_no = committed->receipt_no;
  if (!settings_.receipt_printer.empty()) next.receipt_print = ReceiptPrintView{};
  next.payment.reset();
  next.error.clear();
  next.screen = Screen::Done;
}

// Only masked numbers leave the session: the full Aadhaar and mobile stay in memory.
store::NewTransaction AppCore::transaction_from(const Snapshot& s, const std::string& mode,
                                                const std::string& ref) const {
  const auto& service = s.services[*s.selected_service];
  const auto field = [&](const char* name) {
    auto it = s.fields.find(name);
    return it == s.fields.end() ? std::string() : it->second;
  };
  store::NewTransaction t;
  t.service_id = service.id;
  t.amount_paise = s.payment ? s.payment->amount_paise : service.amount_paise;
  t.fee_paise = s.payment ? s.payment->fee_paise : service.fee_paise;
  t.payment_mode = mode;
  t.payment_ref = ref;
  t.applicant.name = field("name");
  if (!field("mobile").empty()) t.applicant.mobile_masked = forms::mask_mobile(field("mobile"));
  // The mask is made from the Secret in place: "XXXX XXXX " and its last four digits.
  if (const auto aadhaar = secrets_.value("aadhaar"); !aadhaar.empty())
    t.applicant.aadhaar_masked = forms::mask_aadhaar(
        aadhaar.substr(aadhaar.size() - std::min<std::size_t>(4, aadhaar.size())));
  if (s.consent && s.consent->service_id == service.id)
    t.consent = {s.consent->version, s.consent->language, s.consent->given_at};
  else  // a service without a consent text in its catalogue (built in code)
    t.consent = {settings_.consent_version, s.language, store::rfc3339_ist(clock_.wall_now())};
  for (const forms::FieldSpec& spec : s.form) {
    if (auto value = forms::transaction_value(spec, field(spec.id.c_str())))
      t.fields[spec.id] = std::move(*value);
  }
  identity_fields(s, t);
  if (s.bill && s.bill->state == BillView::State::Shown) {  // contract §2: the bill's references
    t.fields["bill_no"] = s.bill->bill_no;
    t.fields["biller_ref"] = s.bill->biller_ref;
  }
  if (!settings_.receipt_printer.empty()) {
    t.receipt =
        store::ReceiptRequest{settings_.receipt_printer, settings_.csc_id, settings_.kiosk_id,
                              std::string(services::pick(service.title, "hi")),
                              std::string(services::pick(service.title, "en"))};
    if (s.bill && s.bill->state == BillView::State::Shown)
      t.receipt->bill =
          receipt::BillDetails{s.bill->bill_no, s.bill->biller_ref, s.bill->consumer_no};
  }
  return t;
}

std::string AppCore::upi_uri(const Snapshot& s, const std::string& txn_id,
                             std::int64_t total) const {
  if (settings_.upi_payee_vpa.empty()) return {};
  qr::UpiPayment p;
  p.pa = settings_.upi_payee_vpa;
  p.pn = settings_.upi_payee_name;
  p.am = qr::rupees_from_paise(total);
  p.cu = "INR";
  p.tr = txn_id;
  p.tn = std::string(services::pick(s.services[*s.selected_service].title, "en"));
  return qr::build_upi_uri(p);
}

void AppCore::apply_timers(Snapshot& next) {
  if (next.operator_mode) return operator_timers(next);  // the citizen's timers wait
  if (next.idle_deadline && clock_.steady_now() >= *next.idle_deadline) {
    log::info("core", "no touch for {} s: session wiped", settings_.idle_timeout.count());
    wipe_session(next);
  }
  lookup_timers(next);
  if (next.screen == Screen::Welcome && next.attract_at &&
      clock_.steady_now() >= *next.attract_at) {
    wipe_session(next);  // the accessibility choices of whoever walked away go too
    log::info("core", "nobody at the kiosk: the attract screen");
    next.screen = Screen::Attract;
    next.attract_at.reset();
  }
}

// Everything a citizen entered lives in the session; the welcome screen holds none of it.
void AppCore::wipe_session(Snapshot& next) {
  if (next.payment && transactions_ != nullptr) {
    // The citizen walked away from the QR: the intent stays on disk, marked expired, so a
    // payment that arrives anyway can be reconciled by the operator.
    if (auto s = transactions_->cancel_intent(next.payment->txn_id, true); !s)
      log::error("core", "cannot expire the payment intent: {}", s.error().message);
  }
  next.payment.reset();
  next.receipt_no.clear();
  next.receipt_print.reset();
  next.error.clear();
  next.screen = Screen::Welcome;
  next.language = next.languages.empty() ? "en" : next.languages.front();
  next.selected_service.reset();
  next.idle_deadline.reset();
  next.large_text = false;
  next.high_contrast = false;
  next.fields.clear();
  secrets_.clear();  // zeroed and freed
  auth_ref_.clear();
  fingerprint_job_ = 0;  // an answer still to come is for nobody now
  next.fingerprint.reset();
  next.fingerprint_offered = false;
  next.consent.reset();
  next.identity.reset();
  next.identity_check_asked = false;
  next.preflight.reset();
  next.bill.reset();
  next.status.reset();
  lookup_job_ = 0;  // an answer still to come is for nobody now
  ++next.session;   // the screens drop what they keep of this session's text
  open_form(next, secrets_, {});
  next.help_requested = false;
  next.listen_mode = false;
  next.attract_at = clock_.steady_now() + settings_.attract_after;
}

void AppCore::publish(Snapshot next) {
  std::function<void()> callback;
  {
    std::lock_guard lock(snapshot_mutex_);
    next.version = snapshot_->version + 1;
    snapshot_ = std::make_shared<const Snapshot>(std::move(next));
    callback = on_publish_;
  }
  if (callback) callback();
}

std::shared_ptr<const Snapshot> AppCore::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::optional<Clock::SteadyTime> AppCore::next_deadline() const {
  return next_deadline(*snapshot());
}

std::optional<Clock::SteadyTime> AppCore::next_deadline(const Snapshot& s) {
  if (s.operator_mode) return s.operator_mode->idle_deadline;
  std::optional<Clock::SteadyTime> soonest;
  for (const auto& at : {s.idle_deadline, s.attract_at, s.bill ? s.bill->deadline : std::nullopt,
                         s.status ? s.status->deadline : std::nullopt}) {
    if (at && (!soonest || *at < *soonest)) soonest = at;
  }
  return soonest;
}

void AppCore::set_on_publish(std::function<void()> callback) {
  std::lock_guard lock(snapshot_mutex_);
  on_publish_ = std::move(callback);
}

void AppCore::wait_for_work(std::optional<Clock::SteadyTime> deadline, std::stop_token stop) {
  std::unique_lock lock(queue_mutex_);
  const auto ready = [&] { return !queue_.empty() || interrupted_; };
  if (deadline) {
    queue_cv_.wait_until(lock, stop, *deadline, ready);
  } else {
    queue_cv_.wait(lock, stop, ready);
  }
  interrupted_ = false;
}

void AppCore::interrupt() {
  {
    std::lock_guard lock(queue_mutex_);
    interrupted_ = true;
  }
  queue_cv_.notify_one();
}

CoreThread::CoreThread(AppCore& core, Liveness* liveness)
    : core_(core),
      liveness_(liveness),
      registration_(std::in_place, "core", [&core] { core.interrupt(); }),
      thread_([this](std::stop_token stop) {
        pthread_setname_np(pthread_self(), "kiosk-core");
        threads::run_guarded("core", threads::OnFault::Restart, [&] {
          while (!stop.stop_requested()) {
            // Beats each turn and waits at most a beat's period, so an idle core still beats
            // and a hung one (a handler that never returns) stops beating.
            auto deadline = core_.next_deadline();
            if (liveness_ != nullptr) {
              liveness_->beat();
              const auto beat_at = std::chrono::steady_clock::now() + Liveness::kBeatEvery;
              if (!deadline || *deadline > beat_at) deadline = beat_at;
            }
            core_.wait_for_work(deadline, stop);
            registration_->checkpoint();
            core_.step();
          }
        });
      }) {}

CoreThread::~CoreThread() {
  registration_.reset();
  thread_.request_stop();
  thread_.join();
}

}  // namespace kiosk::app

// The app core: owns the kiosk's state, applies commands, runs timers, publishes snapshots.
//
// Threading: post() may be called from any thread (the UI thread posts, device threads
// will too). step() runs on the core thread (CoreThread) or, in tests, on the test's own
// thread with a ManualClock. Snapshots are immutable and published whole.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "kiosk/app/commands.h"
#include "kiosk/app/core_settings.h"
#include "kiosk/app/lookups.h"
#include "kiosk/app/secret_fields.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/liveness.h"
#include "kiosk/core/thread_guard.h"
#include "kiosk/qr/payload.h"
#include "kiosk/store/transaction.h"

namespace kiosk::app {

// The payload kinds an Aadhaar QR comes as (Secure QR, the older XML ones).
bool is_aadhaar_payload(qr::PayloadKind kind);

// Where the journey commits payment intents and transactions (the outbox's group-commit
// writer in the app; a fake or a real writer in tests). Every call blocks until COMMIT.
class TransactionSink {
 public:
  virtual ~TransactionSink() = default;
  virtual Result<std::string> create_intent(const std::string& service_id,
                                            std::int64_t amount_paise,
                                            std::int64_t fee_paise) = 0;  // the txn id
  virtual Status cancel_intent(const std::string& txn_id, bool expired) = 0;
  virtual Result<store::Committed> commit(const std::string& intent_txn_id,
                                          const store::NewTransaction& t) = 0;
};

// Where "print again" goes (the print worker in the app). Non-blocking.
class ReceiptSink {
 public:
  virtual ~ReceiptSink() = default;
  virtual void reprint(const std::string& receipt_no) = 0;
};

// Fingerprint authentication off the core thread (main wires biometric::AuthWorker): it
// answers with FingerprintSending and FingerprintDone commands.
struct FingerprintRequest {
  std::uint64_t job = 0;
  std::string txn_id;
  Secret uid;  // a copy of the typed number, in locked memory
  nlohmann::json consent = nlohmann::json::object();
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // False when it cannot take the request now (one is already running).
  virtual bool authenticate(FingerprintRequest request) = 0;
};

class AppCore final : public CommandSink {
 public:
  AppCore(const Clock& clock, CoreSettings settings, services::Catalogue catalogue);

  void post(Command command) override;

  // Applies every queued command and due timer. Returns true when a new snapshot was
  // published.
  bool step();

  std::shared_ptr<const Snapshot> snapshot() const;

  // The next time step() has timer work to do, if any.
  std::optional<Clock::SteadyTime> next_deadline() const;
  // The earlier of a snapshot's idle reset and its attract screen.
  static std::optional<Clock::SteadyTime> next_deadline(const Snapshot& s);

  // Where transactions go; without one the journey stops at the review (headless demos).
  void set_transactions(TransactionSink* sink) { transactions_ = sink; }
  // Where reprints go; without one the Done screen offers none.
  void set_receipts(ReceiptSink* sink) { receipts_ = sink; }
  // Who authenticates fingerprints; without one the review offers none. May be set (and
  // cleared, before it goes) while the core thread runs.
  void set_authenticator(Authenticator* authenticator) { authenticator_.store(authenticator); }
  // Who asks the backend for bills and statuses; without one a bill cannot be fetched and
  // a status comes from nowhere (the screens say the kiosk cannot ask now).
  void set_lookups(Lookups* lookups) { lookups_.store(lookups); }
  // Operator mode's I/O; without one, operator mode stays closed.
  // May be set and cleared (before it goes) while the core thread runs.
  void set_operator_desk(OperatorDesk* desk) { desk_.store(desk); }

  // Called (on the core thread) after each publish; main wires it to wake the UI.
  void set_on_publish(std::function<void()> callback);

  // Blocks until a command is posted, `deadline` passes, or `stop` is requested.
  void wait_for_work(std::optional<Clock::SteadyTime> deadline, std::stop_token stop);
  // Ends the current wait_for_work early (the fault verb reaching the core's checkpoint).
  void interrupt();

 private:
  void apply(const Command& command, Snapshot& next);
  void handle(const ChooseLanguage& c, Snapshot& next);
  void handle(const OpenService& c, Snapshot& next);
  void handle(const GoHome& c, Snapshot& next);
  void handle(const StartOver& c, Snapshot& next);
  void handle(const UserActivity& c, Snapshot& next);
  void handle(const SetLargeText& c, Snapshot& next);
  void handle(const SetHighContrast& c, Snapshot& next);
  void handle(const SetListenMode& c, Snapshot& next);
  void handle(const OpenDetails& c, Snapshot& next);
  void handle(const AcceptConsent& c, Snapshot& next);
  void handle(const FocusField& c, Snapshot& next);
  void handle(const SetField& c, Snapshot& next);
  void handle(const TypeSecret& c, Snapshot& next);
  // Identity and pre-flight (journey_identity.cpp).
  void handle(const AskIdentityCheck& c, Snapshot& next);
  void identity_from_scan(Snapshot& next, std::string_view text);
  void identity_field_typed(Snapshot& next, const std::string& field);
  // Compares a typed Aadhaar number's last 4 digits with the scanned QR's.
  void identity_number_check(Snapshot& next) const;
  bool operator_identity_action(const OperatorAction& c, Snapshot& next);
  OperatorPageData identity_rows(const Snapshot& s) const;
  void update_preflight(Snapshot& next) const;
  // What the transaction says of the applicant's identity (contract §1 `fields`).
  void identity_fields(const Snapshot& s, store::NewTransaction& t) const;
  // True (and published) when a required device cannot finish the selected service now.
  bool preflight_blocks(Snapshot& next) const;
  void handle(const ReviewDetails& c, Snapshot& next);
  void handle(const ConfirmDetails& c, Snapshot& next);
  // Bill payments and status lookups (journey_kinds.cpp).
  void handle(const BillAnswered& c, Snapshot& next);
  void handle(const PayBill& c, Snapshot& next);
  void handle(const StatusAnswered& c, Snapshot& next);
  void start_bill_fetch(Snapshot& next);
  void start_status_lookup(Snapshot& next);
  // A receipt's QR scanned on the home screen or in the status service: its status.
  void status_from_scan(Snapshot& next, const std::string& receipt_no);
  void lookup_timers(Snapshot& next);
  void handle(const PaymentReceived& c, Snapshot& next);
  void handle(const CancelPayment& c, Snapshot& next);
  void handle(const DevicesChanged& c, Snapshot& next);
  void handle(const ReceiptChanged& c, Snapshot& next);
  void handle(const ReprintReceipt& c, Snapshot& next);
  void handle(const SwitchLanguage& c, Snapshot& next);
  void handle(const AskForHelp& c, Snapshot& next);
  void handle(const ScanReceived& c, Snapshot& next);
  void handle(const ScannerReading& c, Snapshot& next);
  void handle(const VerifyFingerprint& c, Snapshot& next);
  void handle(const FingerprintSending& c, Snapshot& next);
  void handle(const FingerprintDone& c, Snapshot& next);
  void handle(const ConfigChanged& c, Snapshot& next);
  // Operator mode (operator_mode.cpp).
  void handle(const OperatorGesture& c, Snapshot& next);
  void handle(const OperatorEntryAnswer& c, Snapshot& next);
  void handle(const TypeOperatorPin& c, Snapshot& next);
  void handle(const SubmitOperatorPin& c, Snapshot& next);
  void handle(const OperatorPinChecked& c, Snapshot& next);
  void handle(const ShowOperatorPage& c, Snapshot& next);
  void handle(const OperatorPageLoaded& c, Snapshot& next);
  void handle(const OperatorAction& c, Snapshot& next);
  void handle(const OperatorActionDone& c, Snapshot& next);
  void handle(const TypeOperatorUtr& c, Snapshot& next);
  void handle(const ConfirmWaitingPayment& c, Snapshot& next);
  void handle(const RemotePaymentReceived& c, Snapshot& next);
  void handle(const SetOperatorLanguage& c, Snapshot& next);
  void handle(const LeaveOperator& c, Snapshot& next);
  void open_operator(Snapshot& next, std::string via);
  void leave_operator(Snapshot& next, std::string_view why);
  void operator_touched(Snapshot& next) const;
  void operator_timers(Snapshot& next);
  // The rows the core itself knows (devices, the waiting payment); the desk's otherwise.
  std::optional<OperatorPageData> own_rows(const Snapshot& s, OperatorPage page) const;
  // A pending configuration is taken once no citizen is in a session.
  void take_pending_config(Snapshot& next);
  bool fingerprint_offered(const Snapshot& s) const;
  void number_changed(Snapshot& next, const std::string& field);
  void touched(Snapshot& next) const;
  // A touch on the welcome or attract screen: welcome, and the attract timer starts again.
  void welcome_touched(Snapshot& next) const;
  void apply_timers(Snapshot& next);
  void confirm_details(Snapshot& next);
  // The payment intent for `amount` + `fee`, and the payment screen; a free one commits.
  void ask_payment(Snapshot& next, std::int64_t amount, std::int64_t fee);
  void finish(Snapshot& next, const std::string& txn_id, const std::string& mode,
              const std::string& ref);
  store::NewTransaction transaction_from(const Snapshot& s, const std::string& mode,
                                         const std::string& ref) const;
  std::string upi_uri(const Snapshot& s, const std::string& txn_id, std::int64_t total) const;
  void wipe_session(Snapshot& next);
  void publish(Snapshot next);

  const Clock& clock_;
  CoreSettings settings_;  // replaced only between sessions (take_pending_config)
  std::shared_ptr<const LiveConfig> pending_config_;
  TransactionSink* transactions_ = nullptr;
  ReceiptSink* receipts_ = nullptr;
  std::atomic<Authenticator*> authenticator_ = nullptr;
  std::atomic<Lookups*> lookups_ = nullptr;
  std::uint64_t lookup_job_ = 0;  // the bill fetch or status lookup awaited (0: none)

  mutable std::mutex queue_mutex_;
  std::condition_variable_any queue_cv_;
  std::deque<Command> queue_;
  bool interrupted_ = false;

  // The session's secret fields (the Aadhaar number). Core thread only; never published.
  SecretFields secrets_;
  // This session's fingerprint job (0: none) and the reference a "y" gave.
  std::uint64_t fingerprint_job_ = 0;
  std::uint64_t next_job_ = 1;
  std::string auth_ref_;

  // Operator mode: the desk, the PIN being typed (locked memory, never published), the
  // job each answer must match, and the recent taps of the hidden gesture.
  std::atomic<OperatorDesk*> desk_ = nullptr;
  Secret operator_pin_;
  std::uint64_t entry_job_ = 0, pin_job_ = 0, page_job_ = 0, action_job_ = 0;
  std::deque<Clock::SteadyTime> gesture_taps_;

  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::function<void()> on_publish_;
};

// Runs AppCore::step() on its own thread until destroyed. A command whose handling throws
// is logged and dropped; the core goes on from the last published snapshot.
class CoreThread {
 public:
  // `liveness` (optional) is beaten every turn, at least once a second: the watchdog's
  // proof that the core thread is alive.
  explicit CoreThread(AppCore& core, Liveness* liveness = nullptr);
  ~CoreThread();
  CoreThread(const CoreThread&) = delete;
  CoreThread& operator=(const CoreThread&) = delete;

 private:
  AppCore& core_;
  Liveness* liveness_ = nullptr;
  std::optional<threads::Registration> registration_;
  std::jthread thread_;
};

}  // namespace kiosk::app

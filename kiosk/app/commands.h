// What the UI (or a test) may ask of the app core. The UI thread only posts these; the
// core applies them on its own thread and publishes a new Snapshot.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/app/core_settings.h"
#include "kiosk/app/device_view.h"
#include "kiosk/app/operator_view.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/services/lookups.h"
#include "kiosk/store/queue_views.h"

namespace kiosk::app {

struct ChooseLanguage {
  std::string language;  // a code from ui.languages
};
struct OpenService {
  std::string service_id;
};
struct GoHome {};
// The citizen is done (or walked away): wipe the session and return to the welcome screen.
struct StartOver {};
// Any touch; pushes the idle reset further away.
struct UserActivity {};
// Accessibility choices, for this session only.
struct SetLargeText {
  bool on;
};
struct SetHighContrast {
  bool on;
};
// Listen mode for this session (the welcome screen's speaker pictogram).
struct SetListenMode {
  bool on;
};
// The applicant-details form of the selected service.
struct OpenDetails {};
// The citizen agreed to the selected service's consent (Screen::Consent): it is recorded
// for the session, and the form opens.
struct AcceptConsent {};
// Which field the keyboard types into; empty closes the keyboard.
struct FocusField {
  std::string field;
};
// A field's new value. The core checks it against its field's rule (kiosk/forms) and
// refuses one that breaks it, publishing why as the field's error; a screen may send a
// value it knows is refused to have that error shown. Citizen data: never logged, held in
// memory for this session only.
struct SetField {
  std::string field;
  std::string value;
};
// One key typed into a secret field (the Aadhaar number): a digit, or '\b' to take the
// last one back. The screens never hold the number; the core keeps it in locked memory
// (secret_fields.h) and publishes its mask. A refused key publishes why, as SetField does.
struct TypeSecret {
  std::string field;
  char key = 0;
};
// The review's "show a document to the operator": the citizen proves who they are without
// Aadhaar. The operator is called, and their identity page confirms what they saw.
struct AskIdentityCheck {};
// The citizen asked to authenticate the typed Aadhaar number with a fingerprint (the review
// screen). The core hands the number, in locked memory, to its Authenticator.
struct VerifyFingerprint {};
// From the Authenticator: the capture is done and the relay is being asked.
struct FingerprintSending {
  std::uint64_t job = 0;
};
// From the Authenticator: how the authentication ended. A job the session no longer
// waits for (wiped, or superseded) is ignored.
struct FingerprintDone {
  std::uint64_t job = 0;
  bool verified = false;
  std::string auth_ref = {};  // verified: the relay's reference, kept in the transaction
  std::string message = {};   // not verified: an i18n key
  bool may_retry = false;
};
// New configuration (a signed bundle applied or rolled back). The core takes it when no
// citizen is in a session (welcome or attract screen), never in the middle of one.
struct ConfigChanged {
  std::shared_ptr<const LiveConfig> config;
};
// Show the details back for confirmation. Refused while the form is incomplete: then
// every field in error is published, and the first of them gets the keyboard.
struct ReviewDetails {};

// The citizen confirmed the reviewed details: the payment intent (or, for a free service,
// the transaction itself) is committed before anything else is shown.
struct ConfirmDetails {};
// The payment for the shown intent arrived (UPI reference, or the operator's cash note).
struct PaymentReceived {
  std::string mode;  // "UPI" | "CASH"
  std::string ref;
};
// The backend's answer to a bill fetch the core asked for (Lookups), for its job number.
struct BillAnswered {
  std::uint64_t job = 0;
  std::optional<services::Bill> bill;  // its consumer_name already masked
  std::string failure;                 // without a bill: services::to_string(LookupFailure)
};
// The citizen pays the shown bill (Screen::Bill): its amount plus the service's fee.
struct PayBill {};
// The backend's answer to a status lookup, and what this kiosk's receipts say when the
// backend does not know the number or cannot be reached.
struct StatusAnswered {
  std::uint64_t job = 0;
  std::optional<services::ApplicationStatus> status;
  std::optional<store::LocalReceipt> local;
  std::string failure;
};
// The citizen gave up on paying: the intent is cancelled, back to the review.
struct CancelPayment {};
// The print worker's word on a receipt (kiosk/receipt/print_worker.h).
struct ReceiptChanged {
  std::string receipt_no;
  ReceiptPrint state = ReceiptPrint::Queued;
  std::string reason;
};
// "Print again" on the Done screen: a new print job for the shown receipt.
struct ReprintReceipt {};
// A device changed (posted by the device service, from the device thread): every
// configured device's view, in config order.
struct DevicesChanged {
  std::vector<DeviceView> devices;
};
// The header's language switch: the same screen in another offered language.
struct SwitchLanguage {
  std::string language;
};
// A scanner read a code (posted by the device side, from the device thread). Citizen
// data: the text is never logged; the core keeps only what kind of payload it is.
struct ScanReceived {
  std::string device;
  std::string text;
};
// A scan started or stopped arriving: the screen says "reading…" meanwhile (a Secure QR on
// a keyboard wedge takes seconds).
struct ScannerReading {
  std::string device;
  bool reading = false;
};
// The header's "help": the operator is called (the alert citizen.help) until the session ends.
struct AskForHelp {};

// Operator mode (docs/operator.md, operator_view.h). A tap on the hidden target (the
// header's centre name): enough of them in a short time open the PIN pad.
struct OperatorGesture {};
// From the desk: whether a PIN is set (operator mode is refused without one).
struct OperatorEntryAnswer {
  std::uint64_t job = 0;
  bool pin_set = false;
};
// One key on the PIN pad: a digit, or '\b'. The core keeps the digits in locked memory.
struct TypeOperatorPin {
  char key = 0;
};
struct SubmitOperatorPin {};
// From the desk: the PIN's verdict; with LockedOut (or a Wrong that locks), the wait.
struct OperatorPinChecked {
  std::uint64_t job = 0;
  PinVerdict verdict = PinVerdict::Failed;
  std::int64_t wait_s = 0;
};
struct ShowOperatorPage {
  OperatorPage page = OperatorPage::Menu;
};
// From the desk: a page's rows.
struct OperatorPageLoaded {
  std::uint64_t job = 0;
  OperatorPageData data;
};
// A page's button: the desk runs it (test print, redrive, report, restart …).
struct OperatorAction {
  std::string action;
  std::string subject = {};
};
// From the desk: how the action ended, in words (an i18n key) and a figure.
struct OperatorActionDone {
  std::uint64_t job = 0;
  bool ok = false;
  std::string result_key;
  std::string detail = {};
};
// One key of the payment page's UTR pad: a digit, or '\b'.
struct TypeOperatorUtr {
  char key = 0;
};
// The operator confirms the payment the citizen waits for: "UPI" with the typed UTR, or
// "CASH". Then the same as PaymentReceived, and operator mode closes on the receipt.
struct ConfirmWaitingPayment {
  std::string mode;
};
// `kioskctl payment confirm` for the intent on the screen: the same as PaymentReceived when
// that intent is still the one shown; ignored otherwise (the verb then settles it late).
struct RemotePaymentReceived {
  std::string txn_id;
  std::string mode;
  std::string ref;
};
// The operator screens' language switch (the citizen's session keeps its own).
struct SetOperatorLanguage {
  std::string language;
};
// The operator is done (or operator mode locked itself): back where it was entered from.
struct LeaveOperator {};

// The proof that a command nobody handles does not compile (tests/CMakeLists.txt compiles
// app_core.cpp with this defined and expects the error). It derives from a handled command
// on purpose: handle(const GoHome&) reached by conversion does not count either.
#ifdef KIOSK_PROBE_UNHANDLED_COMMAND
struct UnhandledProbe : GoHome {};
#define KIOSK_PROBE_COMMAND , UnhandledProbe
#else
#define KIOSK_PROBE_COMMAND
#endif

using Command =
    std::variant<ChooseLanguage, OpenService, GoHome, StartOver, UserActivity, SetLargeText,
                 SetHighContrast, SetListenMode, OpenDetails, AcceptConsent, FocusField, SetField,
                 TypeSecret, AskIdentityCheck, ReviewDetails, ConfirmDetails, BillAnswered, PayBill,
                 StatusAnswered, PaymentReceived, CancelPayment, DevicesChanged, ReceiptChanged,
                 ReprintReceipt, SwitchLanguage, AskForHelp, ScanReceived, ScannerReading,
                 VerifyFingerprint, FingerprintSending, FingerprintDone, ConfigChanged,
                 OperatorGesture, OperatorEntryAnswer, TypeOperatorPin, SubmitOperatorPin,
                 OperatorPinChecked, ShowOperatorPage, OperatorPageLoaded, OperatorAction,
                 OperatorActionDone, TypeOperatorUtr, ConfirmWaitingPayment, RemotePaymentReceived,
                 SetOperatorLanguage, LeaveOperator KIOSK_PROBE_COMMAND>;

class CommandSink {
 public:
  virtual ~CommandSink() = default;
  // Thread-safe and non-blocking.
  virtual void post(Command command) = 0;
};

}  // namespace kiosk::app

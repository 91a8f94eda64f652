// The read-only view of the app state that screens draw from. Immutable once published:
// the UI holds a shared_ptr<const Snapshot> for a frame and never locks anything.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/device_view.h"
#include "kiosk/app/operator_view.h"
#include "kiosk/core/clock.h"
#include "kiosk/forms/field.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::app {

// Attract: nobody is at the kiosk (the welcome screen went untouched for
// CoreSettings::attract_after); a touch anywhere brings the welcome screen back.
// Consent: what the citizen agrees to before any personal data is asked for (a service
// with a consent in the catalogue). New screens are appended: the values are stable.
// Bill: a fetched bill, or why there is none (a bill_payment service). Status: an
// application's status (a status_lookup service).
enum class Screen {
  Welcome,
  Home,
  Service,
  Details,
  Review,
  Payment,
  Done,
  Attract,
  Consent,
  Bill,
  Status
};

// How long the idle warning counts down before the session is wiped: long enough for a
// citizen who reads slowly, or not at all, to hear it and tap once (ui.idle_timeout_s is
// at least three times this).
inline constexpr std::chrono::seconds kIdleWarning{20};

// A payment the citizen is asked to make; its intent row is already durable.
struct PaymentView {
  std::string txn_id;             // the UPI `tr`
  std::int64_t amount_paise = 0;  // the government's fee or the bill
  std::int64_t fee_paise = 0;     // the CSC's service charge
  std::int64_t total_paise = 0;   // what the UPI QR asks for: amount + fee
  std::string upi_uri;            // what the QR encodes; empty when no payee is configured
  bool operator==(const PaymentView&) const = default;
};

// The receipt printing for the Done screen, as the print worker reports it.
enum class ReceiptPrint { Queued, Printing, Printed, Failed, Unknown };

struct ReceiptPrintView {
  ReceiptPrint state = ReceiptPrint::Queued;
  std::string reason;  // operator-facing, for the log and kioskctl; the screen has its text
  bool operator==(const ReceiptPrintView&) const = default;
};

// The last scan the core took: which scanner and what kind of payload (kiosk/qr), never its
// text. The journey issue fills forms from it.
struct ScanView {
  std::string device;
  std::string kind;  // qr::to_string(PayloadKind): "aadhaar-secure-qr", "upi", "unknown" …
  std::uint64_t sequence = 0;  // counts scans, so the same code twice is two scans
  bool operator==(const ScanView&) const = default;
};

// Fingerprint authentication of the typed Aadhaar number (contract §5), this session.
struct FingerprintView {
  enum class State { Capturing, Sending, Verified, Failed };
  State state = State::Capturing;
  std::string message = {};  // Failed: an i18n key, what went wrong in the citizen's words
  int attempts = 0;          // made this session
  bool may_retry = false;    // Failed: another attempt is allowed and may help
  bool operator==(const FingerprintView&) const = default;
};

// The consent the citizen gave this session, for the selected service (contract §1's
// transaction `consent`). Another service asks again.
struct ConsentView {
  std::string service_id;
  std::string version;   // the catalogue's consent.version
  std::string language;  // the session's language when it was given
  std::string given_at;  // RFC 3339, IST
  bool operator==(const ConsentView&) const = default;
};

// A bill fetched for the consumer number the citizen typed (contract §2).
struct BillView {
  // Fetching: the backend is asked (the hourglass). Shown: a bill to pay. NothingDue: a
  // bill of ₹0. UnknownConsumer: the biller has no such number (404). Unreachable: no
  // answer, or none that made sense, in time; nothing is charged and no payment offered.
  enum class State { Fetching, Shown, NothingDue, UnknownConsumer, Unreachable };
  State state = State::Fetching;
  std::string consumer_no = {};
  std::string consumer_name_masked = {};
  std::string due_date = {};  // "YYYY-MM-DD"
  std::string bill_no = {};
  std::string biller_ref = {};
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  std::optional<Clock::SteadyTime> deadline = {};  // Fetching only: then Unreachable
  bool operator==(const BillView&) const = default;
};

// An application's status, looked up by its receipt number.
struct StatusView {
  // Looking: the backend is asked. Found: the backend's status. LocalOnly: the backend did
  // not know it or could not be reached, and this kiosk issued the receipt. Unknown: nobody
  // knows the number. Unreachable: no answer, and not this kiosk's receipt.
  enum class State { Looking, Found, LocalOnly, Unknown, Unreachable };
  State state = State::Looking;
  std::string receipt_no = {};
  std::string status = {};       // Found: received | in_process | approved | rejected | delivered
  std::string updated_at = {};   // Found: RFC 3339
  std::string note = {};         // Found: the office's note, as given
  std::string received_at = {};  // LocalOnly: when this kiosk took it (RFC 3339)
  std::string sent_at = {};      // LocalOnly: when it reached the backend; empty: not yet
  bool scanned = false;          // the number came from the receipt's QR
  std::optional<Clock::SteadyTime> deadline = {};  // Looking only
  bool operator==(const StatusView&) const = default;
};

// Who the applicant is, as this session established it (kiosk/app/identity.h).
struct IdentityView {
  // AadhaarQr: an Aadhaar QR was scanned on the form. Operator: the operator looked at an
  // identity document (the review's "show a document to the operator").
  enum class Source { AadhaarQr, Operator };
  // Verified: UIDAI's signature checks out. Unverified: no certificate is configured, or an
  // older QR that carries none we can check. Invalid: the signature does not match, the QR
  // was altered, nothing was filled. Unreadable: not an Aadhaar QR the kiosk can read.
  enum class Check { Verified, Unverified, Invalid, Unreadable };
  Source source = Source::AadhaarQr;
  Check check = Check::Unverified;
  bool legacy = false;                   // an older XML QR (before 2018)
  std::vector<std::string> filled = {};  // fields that still hold what the QR gave them
  std::string aadhaar_masked = {};       // "XXXX XXXX 1234": the QR's last 4 digits only
  std::string dob = {};                  // as the QR prints it, "DD-MM-YYYY"
  std::string gender = {};               // male | female | transgender
  std::string document = {};             // Operator: kIdentityDocuments
  // The Aadhaar number typed on the form does not end in the QR's last 4 digits: the card
  // scanned may be someone else's (a relative's), so it proves nothing for this number.
  bool number_differs = false;
  bool operator==(const IdentityView&) const = default;
};

// Pre-flight (kiosk/app/preflight.h): what the kiosk cannot do for the selected service now.
struct PreflightView {
  // Required devices that cannot finish the job (not online): nothing may be charged.
  std::vector<DeviceBanner> blocking = {};
  // The printer is not ready but the service does not need one: the receipt comes as a QR on
  // the screen (an e-receipt) and, once the printer is back, from the operator.
  bool e_receipt = false;
  bool operator==(const PreflightView&) const = default;
};

// How long a citizen waits at the hourglass before the kiosk says it cannot ask now.
inline constexpr std::chrono::seconds kLookupWait{20};

// At most this many fingerprint attempts per session (then the operator helps).
inline constexpr int kFingerprintAttempts = 3;

struct Snapshot {
  std::uint64_t version = 0;  // increases with every change
  Screen screen = Screen::Welcome;
  std::string language;                // the citizen's language for this session
  std::vector<std::string> languages;  // offered, in order
  std::vector<services::Service> services;
  std::vector<services::Category> categories;
  std::string csc_name;                         // the centre's name for the header (kiosk.csc_name)
  std::optional<std::size_t> selected_service;  // index into services on Screen::Service
  // When the session will be wiped for lack of touches; nothing on the welcome screen.
  std::optional<Clock::SteadyTime> idle_deadline;
  // How long before idle_deadline the citizen is warned ("still there?").
  std::chrono::seconds idle_warning = kIdleWarning;
  // When the untouched welcome screen gives way to the attract screen; only on Welcome.
  std::optional<Clock::SteadyTime> attract_at;
  // Listen mode, chosen on the welcome screen for this session: the first tap on a target
  // speaks its name, a second tap (or "yes") acts, and each screen speaks its prompt.
  bool listen_mode = false;
  // The applicant's details for this session (name, mobile, aadhaar). Memory only:
  // wiped with the session, never logged, never written to disk in full. A secret field
  // (the Aadhaar number) holds only its mask here, "XXXX XXXX 1234"; the number itself is
  // the core's, in locked memory (secret_fields.h).
  std::map<std::string, std::string> fields;
  // Counts wiped sessions: when it changes, the screens forget cached text of the last
  // citizen (the text engine's shaped layouts of names and addresses).
  std::uint64_t session = 0;
  // The selected service's form (kiosk/forms): which fields, of which kinds, in order.
  forms::Form form;
  // What is wrong with which field, in the form's order; the screens show each at its
  // field and all of them in a summary. Set when a review is refused (every field in
  // error), when a value is refused (that field), and when a half-typed field is left.
  std::vector<forms::FieldError> field_errors;
  // A review was refused: from then on the errors follow the values as they change.
  bool details_checked = false;
  std::optional<ConsentView> consent;  // given this session; see ConsentView
  std::optional<BillView> bill;        // on Screen::Bill, and kept while its payment runs
  std::optional<StatusView> status;    // on Screen::Status
  // Who the applicant is (a scanned Aadhaar QR, the operator's check), this session.
  std::optional<IdentityView> identity;
  // The citizen asked the operator to check an identity document (the review's button):
  // the operator's identity page offers the confirmation until the session ends.
  bool identity_check_asked = false;
  // What the selected service cannot do now for want of a device; nullopt: all is ready.
  std::optional<PreflightView> preflight;
  std::string focused_field;    // empty: no keyboard
  bool help_requested = false;  // "help" was tapped this session: the operator is called
  bool large_text = false;      // accessibility, per session
  bool high_contrast = false;   // accessibility, per session
  bool demo = false;
  std::optional<PaymentView> payment;  // on Screen::Payment
  std::string receipt_no;              // on Screen::Done, only after the COMMIT
  // On Screen::Done when a receipt printer is configured: how its receipt is printing.
  std::optional<ReceiptPrintView> receipt_print;
  // An error for the citizen: the screen shows assets/i18n "error.<name>". "intake": the
  // kiosk cannot take a payment now (nothing was charged); "payment-pending": a payment
  // arrived but its transaction could not be saved (its intent is on disk for the
  // operator). Empty when there is none.
  std::string error;
  // Every configured device as the screens may show it, and the banner the core decided
  // on (a required device that is not online). Not session data: a wipe keeps them.
  std::vector<DeviceView> devices;
  std::optional<DeviceBanner> device_banner;
  // The review offers fingerprint authentication: a reader is online, the kiosk can relay,
  // and the form has an Aadhaar number. And how this session's authentication stands.
  bool fingerprint_offered = false;
  std::optional<FingerprintView> fingerprint;
  // A scanner is receiving a scan (the screen says "reading…"), and the last scan taken.
  bool scanner_reading = false;
  std::optional<ScanView> last_scan;
  // The screens' texts when a signed bundle overrides some (null: the texts the UI started
  // with), and which configuration the core runs (0: the one it started with).
  std::shared_ptr<const i18n::Strings> strings;
  std::uint64_t config_generation = 0;
  // Operator mode, drawn over the citizen's screen, which stays as it was (a citizen
  // waiting at the payment screen finds it as they left it). Not session data.
  std::optional<OperatorView> operator_mode;

  // Every field takes part, so a new one publishes without anyone listing it.
  bool operator==(const Snapshot&) const = default;
};

}  // namespace kiosk::app

// Operator mode as the core decides it (docs/operator.md): how it is entered (a hidden
// gesture or the operator card, then the PIN), which page is open, and what each page
// shows. The pages' rows are plain values and i18n keys: the screens draw them in the
// operator's language and decide nothing. The desk (OperatorDesk) does the I/O off the core
// thread and answers with commands.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/clock.h"
#include "kiosk/core/secret.h"

namespace kiosk::app {

// Identity: a citizen asked the operator to check an identity document (appended: the
// values are stable).
enum class OperatorPage {
  Menu,
  Payment,
  Devices,
  Alerts,
  Queue,
  Report,
  Log,
  Config,
  Restart,
  Identity
};
std::string_view to_string(OperatorPage page);
// Every page the menu offers, in the menu's order.
inline constexpr OperatorPage kOperatorPages[] = {
    OperatorPage::Payment, OperatorPage::Identity, OperatorPage::Devices,
    OperatorPage::Alerts,  OperatorPage::Queue,    OperatorPage::Report,
    OperatorPage::Log,     OperatorPage::Config,   OperatorPage::Restart};

// One line of a page. What is said in words is an i18n key (label_key, value_key,
// advice_key); what is the same in every language (a figure, an id, a log line) is plain.
struct OperatorRow {
  std::string label_key = {};   // what the line is about ("operator.queue.pending")
  std::string label = {};       // or plain text (a device's name, a log line)
  std::string value = {};       // a figure or an id
  std::string value_key = {};   // or a state in words ("device.status.offline")
  std::string advice_key = {};  // what to do about it, in plain words; empty: nothing
  bool problem = false;         // drawn in the error colours
  std::string action = {};      // the button's OperatorAction ("redrive"); empty: no button
  std::string subject = {};     // what the action is for (an outbox id, a device)
  bool operator==(const OperatorRow&) const = default;
};

struct OperatorPageData {
  OperatorPage page = OperatorPage::Menu;
  std::vector<OperatorRow> rows;
  std::string error_key;  // the page could not be read (an i18n key); rows may be empty
  bool operator==(const OperatorPageData&) const = default;
};

// Operator mode locks itself after this long without a touch.
inline constexpr std::chrono::minutes kOperatorIdle{3};
// The hidden gesture: this many taps on the header's centre name within the window.
inline constexpr int kGestureTaps = 5;
inline constexpr std::chrono::seconds kGestureWindow{4};
// What the operator card's QR says (docs/operator.md); the PIN is still asked.
inline constexpr std::string_view kOperatorCard = "csc-kiosk:operator";
// A PIN pad takes at most this many digits (the PIN rules allow 6 to 8).
inline constexpr std::size_t kPinPadDigits = 8;
inline constexpr std::size_t kPinMinDigits = 6;

struct OperatorView {
  // Opening: the desk is asked whether a PIN is set. Closed: none is (operator mode is
  // refused until `kioskctl operator set-pin`). Checking: the PIN is being hashed.
  enum class Stage { Opening, Closed, Pin, Checking, Open };
  Stage stage = Stage::Opening;
  std::string entered_via;     // "gesture" | "card"
  std::string language;        // the operator's, apart from the citizen's (Hindi first)
  std::size_t pin_digits = 0;  // typed so far, shown as dots; the PIN is the core's
  std::string message;         // an i18n key: a wrong PIN, the lockout, a failure
  std::int64_t wait_s = 0;     // with operator.locked: how long, as of the answer
  OperatorPage page = OperatorPage::Menu;
  std::optional<OperatorPageData> data;  // the page's rows, once the desk sent them
  std::string utr;                       // the payment page's typed UPI reference
  bool busy = false;                     // an action runs
  std::string result_key;                // the last action's outcome, in words
  std::string result_detail;             // and its figure (a path, a count)
  bool result_ok = true;
  Clock::SteadyTime idle_deadline{};
  bool operator==(const OperatorView&) const = default;
};

// A UPI transaction reference (UTR) as banks print it: 12 digits.
bool valid_utr(std::string_view utr);

// The answer to a PIN.
enum class PinVerdict { Accepted, Wrong, LockedOut, NoPin, Failed };

// The operator's I/O, off the UI and core threads (kiosk/operator/desk.h in the app). Every
// call returns at once; the answer comes back as a command to the core.
class OperatorDesk {
 public:
  virtual ~OperatorDesk() = default;
  // → OperatorEntryAnswer: is a PIN set?
  virtual void ask_entry(std::uint64_t job) = 0;
  // → OperatorPinChecked. The PIN stays in locked memory until it is hashed and zeroed.
  virtual void check_pin(std::uint64_t job, Secret pin) = 0;
  // → OperatorPageLoaded, in the page's own rows.
  virtual void load(std::uint64_t job, OperatorPage page) = 0;
  // → OperatorActionDone. "test-print", "test-scan", "test-capture", "redrive",
  // "redrive-all", "print-report", "export-report", "restart".
  virtual void act(std::uint64_t job, std::string action, std::string subject) = 0;
  // One audit row: "operator" (at the screen) or "citizen" (the Done screen's "print
  // again"); never citizen data.
  virtual void audit(std::string actor, std::string action, std::string subject,
                     std::string outcome) = 0;
};

}  // namespace kiosk::app

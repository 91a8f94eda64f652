// The device vocabulary shared by every driver, the app core, kioskctl and the screens.
// Header-only, no libusb: kiosk/ may include it (docs/usb.md).
//
// Modelled on XFS4IoT (peers.md §1): a per-device status with "unknown", per-supply levels,
// change-only events (Common.StatusChangedEvent), a timeout on every command, cancel for
// running commands, and every error carrying the operator action it needs (ErrorEvent
// "action": reset / clear / maintenance). Texts live in assets/i18n as device.status.* and
// device.action.* keys.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "drivers/model/device_kind.h"

namespace drivers::model {

enum class Status { Online, Offline, NoDevice, Busy, HardwareError, Unknown };

enum class SupplyLevel { Full, Low, Out, Unknown };

// What an operator must do. XFS4IoT groups these as reset / clear / maintenance;
// LoadPaper and CloseCover are "clear" actions with their own text.
enum class Action { None, Reset, LoadPaper, CloseCover, Reconnect, Maintenance };

// What the last failure meant, kept distinct on its way up (kioskctl, alerts): a missing
// udev rule (access) needs another fix than a device another program holds (busy).
enum class Fault { None, NoDevice, Busy, Access, Timeout, Pipe, Io, Other };

inline std::string_view to_string(Status s) {
  switch (s) {
    case Status::Online:
      return "online";
    case Status::Offline:
      return "offline";
    case Status::NoDevice:
      return "no-device";
    case Status::Busy:
      return "busy";
    case Status::HardwareError:
      return "hardware-error";
    case Status::Unknown:
      return "unknown";
  }
  return "unknown";
}

inline std::string_view to_string(SupplyLevel level) {
  switch (level) {
    case SupplyLevel::Full:
      return "full";
    case SupplyLevel::Low:
      return "low";
    case SupplyLevel::Out:
      return "out";
    case SupplyLevel::Unknown:
      return "unknown";
  }
  return "unknown";
}

inline std::string_view to_string(Action a) {
  switch (a) {
    case Action::None:
      return "none";
    case Action::Reset:
      return "reset";
    case Action::LoadPaper:
      return "load_paper";
    case Action::CloseCover:
      return "close_cover";
    case Action::Reconnect:
      return "reconnect";
    case Action::Maintenance:
      return "maintenance";
  }
  return "none";
}

inline std::string_view to_string(Fault f) {
  switch (f) {
    case Fault::None:
      return "none";
    case Fault::NoDevice:
      return "no-device";
    case Fault::Busy:
      return "busy";
    case Fault::Access:
      return "access";
    case Fault::Timeout:
      return "timeout";
    case Fault::Pipe:
      return "pipe";
    case Fault::Io:
      return "io";
    case Fault::Other:
      return "other";
  }
  return "other";
}

// The inverse of to_string over an enum's first..last values, for JSON read back
// (kioskctl reading the kiosk's answer). nullopt for a spelling it does not know.
template <class E>
std::optional<E> from_string(std::string_view text, E first, E last) {
  for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
    if (to_string(static_cast<E>(i)) == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

// The XFS4IoT action class an Action belongs to.
inline std::string_view action_class(Action a) {
  switch (a) {
    case Action::None:
      return "none";
    case Action::Reset:
      return "reset";
    case Action::LoadPaper:
    case Action::CloseCover:
    case Action::Reconnect:
      return "clear";
    case Action::Maintenance:
      return "maintenance";
  }
  return "none";
}

// i18n keys (assets/i18n/*.json); Action::None has no text.
inline std::string status_text_key(Status s) {
  return "device.status." + std::string(to_string(s));
}
inline std::string action_text_key(Action a) {
  return a == Action::None ? std::string() : "device.action." + std::string(to_string(a));
}

struct DeviceSpec {
  std::string name;  // the config table key, e.g. "receipt_printer"
  DeviceKind kind = DeviceKind::Printer;
  Mode mode = Mode::Claim;
  std::optional<MatchSpec> match =
      std::nullopt;  // nullopt: the layer has no way to find it (no driver yet)
  bool operator==(const DeviceSpec&) const = default;
};

// Identity read from the device itself (iManufacturer / iProduct / iSerialNumber).
struct DeviceIdentity {
  std::string usb_id;  // "vvvv:pppp"
  std::string manufacturer;
  std::string product;
  std::string serial;
  std::string location;  // "bus 1 address 5"
  bool operator==(const DeviceIdentity&) const = default;
};

// What a fingerprint reader's RD Service says about it (kiosk/biometric fills this in;
// drivers never do: the RD Service speaks HTTP).
struct RdFacts {
  std::string status = {};  // "READY", "NOTREADY", "USED", or "none": no RD Service answered
  int port = 0;
  bool https = false;
  std::string provider = {};  // dpId
  std::string model = {};     // mi
  std::string serial = {};
  std::string version = {};             // rdsVer
  std::string certificate_expiry = {};  // YYYY-MM-DD (UTC), empty when unknown
  std::optional<int> certificate_days_left = std::nullopt;
  bool operator==(const RdFacts&) const = default;
};

// One device's whole state: what `kioskctl devices` prints and what screens read.
struct DeviceState {
  std::string name;
  DeviceKind kind = DeviceKind::Printer;
  Mode mode = Mode::Claim;
  Status status = Status::Unknown;
  std::map<std::string, SupplyLevel> supplies = {};  // e.g. {"paper": Low}
  Action action = Action::None;
  std::string matched_by = {};  // "vid:pid", "vid:pid+serial", "class 7", "" when not found
  std::optional<DeviceIdentity> identity = std::nullopt;
  std::string detail = {};    // operator-facing reason for the status, English, no citizen data
  Fault fault = Fault::None;  // what the last failure meant; None while all is well
  std::optional<RdFacts> rd = std::nullopt;  // fingerprint readers: their RD Service's word
  bool operator==(const DeviceState&) const = default;
};

// Delivers a state only when it differs from the last one delivered for that device
// (XFS4IoT Common.StatusChangedEvent semantics). Thread-safe.
class ChangeFilter {
 public:
  using Listener = std::function<void(const DeviceState&)>;
  explicit ChangeFilter(Listener listener) : listener_(std::move(listener)) {}

  // Returns true when the state was new and the listener was called.
  bool publish(const DeviceState& state) {
    {
      std::lock_guard lock(mutex_);
      auto [it, inserted] = last_.try_emplace(state.name, state);
      if (!inserted) {
        if (it->second == state) return false;
        it->second = state;
      }
    }
    if (listener_) listener_(state);
    return true;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, DeviceState> last_;
  Listener listener_;
};

// Cancels a running command from any thread. Work in flight registers a hook (e.g.
// libusb_cancel_transfer) that runs once, on cancel() or immediately if already cancelled.
class CancelToken {
 public:
  using Hook = std::function<void()>;

  void cancel() {
    // run_mutex_ is held while hooks run so that remove_hook() returning means the hook
    // is not running and never will: the work it points at may then be destroyed.
    std::lock_guard running(run_mutex_);
    std::map<int, Hook> hooks;
    {
      std::lock_guard lock(mutex_);
      if (cancelled_) return;
      cancelled_ = true;
      hooks.swap(hooks_);
    }
    for (auto& [id, hook] : hooks) hook();
  }
  bool cancelled() const {
    std::lock_guard lock(mutex_);
    return cancelled_;
  }
  // Returns an id for remove_hook, or -1 when already cancelled (the hook has then run).
  int add_hook(Hook hook) {
    {
      std::lock_guard lock(mutex_);
      if (!cancelled_) {
        hooks_.emplace(next_id_, std::move(hook));
        return next_id_++;
      }
    }
    hook();
    return -1;
  }
  void remove_hook(int id) {
    std::lock_guard running(run_mutex_);
    std::lock_guard lock(mutex_);
    hooks_.erase(id);
  }

 private:
  std::mutex run_mutex_;
  mutable std::mutex mutex_;
  bool cancelled_ = false;
  int next_id_ = 0;
  std::map<int, Hook> hooks_;
};

// Every command carries a timeout and may be cancelled (XFS4IoT: "timeout" in ms,
// Common.Cancel for queued or running commands).
struct CommandOptions {
  std::chrono::milliseconds timeout{1000};
  CancelToken* cancel = nullptr;  // optional; must outlive the command
};

}  // namespace drivers::model

#include "kiosk/biometric/reader_health.h"

namespace kiosk::biometric {

namespace model = drivers::model;

std::string_view to_string(ReaderPhase phase) {
  switch (phase) {
    case ReaderPhase::Absent:
      return "absent";
    case ReaderPhase::NoService:
      return "no-service";
    case ReaderPhase::Ready:
      return "ready";
    case ReaderPhase::Busy:
      return "busy";
    case ReaderPhase::Resetting:
      return "resetting";
    case ReaderPhase::Failed:
      return "failed";
  }
  return "no-service";
}

ReaderDecision ReaderHealth::usb_changed(bool present) {
  usb_present_ = present;
  if (!present && usb_watched_) {
    // A replug starts afresh; the reset's own re-enumeration does not.
    if (phase_ != ReaderPhase::Resetting) incident_ = false;
    phase_ = ReaderPhase::Absent;
  } else if (present && phase_ == ReaderPhase::Absent) {
    // Until the RD Service is asked again; an incident's reset is still spent.
    phase_ = incident_ ? ReaderPhase::Resetting : ReaderPhase::NoService;
  }
  return ReaderDecision::None;
}

ReaderDecision ReaderHealth::observe(std::optional<RdStatus> status) {
  if (usb_watched_ && !usb_present_) {
    phase_ = ReaderPhase::Absent;
    return ReaderDecision::None;
  }
  if (!status) {
    if (phase_ != ReaderPhase::Failed) phase_ = ReaderPhase::NoService;
    return ReaderDecision::None;
  }
  switch (*status) {
    case RdStatus::Ready:
      phase_ = ReaderPhase::Ready;
      incident_ = false;
      return ReaderDecision::None;
    case RdStatus::Used:
      if (phase_ != ReaderPhase::Failed) phase_ = ReaderPhase::Busy;
      return ReaderDecision::None;
    case RdStatus::NotReady:
      return not_ready();
  }
  return ReaderDecision::None;
}

ReaderDecision ReaderHealth::capture_failed(int error_code) {
  if (error_code != 720 && error_code != 740) return ReaderDecision::None;
  if (usb_watched_ && !usb_present_) return ReaderDecision::None;
  return not_ready();
}

// The first NOTREADY of an incident spends its one reset; the next one raises the alert.
ReaderDecision ReaderHealth::not_ready() {
  if (phase_ == ReaderPhase::Failed) return ReaderDecision::None;
  if (!incident_ && usb_watched_ && usb_present_) {
    incident_ = true;
    ++resets_;
    phase_ = ReaderPhase::Resetting;
    return ReaderDecision::ResetUsb;
  }
  incident_ = true;
  phase_ = ReaderPhase::Failed;
  return ReaderDecision::RaiseAlert;
}

ReaderDecision ReaderHealth::reset_finished(bool ok) {
  if (ok || phase_ != ReaderPhase::Resetting) return ReaderDecision::None;
  phase_ = ReaderPhase::Failed;
  return ReaderDecision::RaiseAlert;
}

model::DeviceState ReaderHealth::merge(model::DeviceState usb) const {
  usb.supplies.clear();
  usb.action = model::Action::None;
  usb.fault = model::Fault::None;
  usb.detail.clear();
  switch (phase_) {
    case ReaderPhase::Absent:
      usb.status = model::Status::NoDevice;
      usb.action = model::Action::Reconnect;
      usb.fault = model::Fault::NoDevice;
      usb.detail = "the fingerprint reader is not on USB";
      break;
    case ReaderPhase::NoService:
      usb.status = model::Status::Offline;
      usb.action = model::Action::Maintenance;
      usb.detail = "no RD Service answers: start the reader vendor's RD Service";
      break;
    case ReaderPhase::Ready:
      usb.status = model::Status::Online;
      break;
    case ReaderPhase::Busy:
      usb.status = model::Status::Busy;
      usb.fault = model::Fault::Busy;
      usb.action = model::Action::Maintenance;
      usb.detail = "the RD Service says USED: close the other program using the reader";
      break;
    case ReaderPhase::Resetting:
      usb.status = model::Status::Offline;
      usb.detail = "the RD Service says NOTREADY: the kiosk resets the reader once";
      break;
    case ReaderPhase::Failed:
      usb.status = model::Status::HardwareError;
      usb.action = model::Action::Reconnect;
      usb.detail = "still not ready after a USB reset: unplug the reader and plug it in again";
      break;
  }
  return usb;
}

}  // namespace kiosk::biometric

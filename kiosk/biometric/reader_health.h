// One fingerprint reader, two sources: USB (is it on the bus?) and its RD Service (is it
// READY?). A pure state machine: observations in, one decision and one DeviceState out.
// The reader monitor (reader_monitor.h) feeds it and carries out the decisions; kioskctl
// uses it once, without ever resetting anything.
//
//   USB absent                          → no-device, before the citizen starts
//   RD says USED                        → busy
//   no RD Service answers               → offline: start the RD Service
//   RD says NOTREADY, or a capture ends → one USB reset per incident, then rediscovery;
//   with 720/740, while on USB            still not ready (or the reset failed) → an
//                                         operator alert, and no reset loop
//   READY again, or an unplug           → the incident is over
#pragma once

#include <optional>
#include <string>

#include "drivers/model/device_model.h"
#include "kiosk/biometric/rd_xml.h"

namespace kiosk::biometric {

enum class ReaderPhase {
  Absent,     // not on USB
  NoService,  // on USB (or USB unknown), no RD Service answers
  Ready,
  Busy,       // USED: another program holds it
  Resetting,  // NOTREADY: the one reset of this incident was asked for
  Failed,     // still not ready after that reset: the operator must act
};
std::string_view to_string(ReaderPhase phase);

enum class ReaderDecision { None, ResetUsb, RaiseAlert };

class ReaderHealth {
 public:
  // usb_watched: the reader has a USB match in the configuration. Without one, presence
  // is the RD Service's word alone and nothing can be reset.
  explicit ReaderHealth(bool usb_watched) : usb_watched_(usb_watched) {}

  ReaderDecision usb_changed(bool present);
  // One look at the RD Service: its status, or nullopt when none answered.
  ReaderDecision observe(std::optional<RdStatus> status);
  // A capture ended with this errCode: 720 and 740 mean what NOTREADY means.
  ReaderDecision capture_failed(int error_code);
  // The reset asked for by ResetUsb finished; rediscovery follows with observe().
  ReaderDecision reset_finished(bool ok);

  ReaderPhase phase() const { return phase_; }
  bool usb_present() const { return usb_present_; }
  int resets() const { return resets_; }  // over the machine's life, for tests and health

  // The merged state: `usb` is the watch driver's state (name, identity, matched_by).
  drivers::model::DeviceState merge(drivers::model::DeviceState usb) const;

 private:
  ReaderDecision not_ready();
  bool usb_watched_;
  bool usb_present_ = false;
  bool incident_ = false;  // a NOTREADY incident is open; its reset has been spent
  ReaderPhase phase_ = ReaderPhase::NoService;
  int resets_ = 0;
};

}  // namespace kiosk::biometric

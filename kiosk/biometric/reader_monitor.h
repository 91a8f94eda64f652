// The running kiosk's watch over its fingerprint reader: the USB watch driver's state and
// the RD Service's answers become one DeviceState (reader_health.h), and the one reset an
// incident allows is carried out here. Its own thread, so no HTTP ever runs on the device
// thread or the UI thread.
//
// main routes the reader's USB states here (usb_state) instead of to the DeviceService,
// and this publishes the merged state there: everyone else (the core's banner, the alerts,
// `kioskctl devices`) sees the merged one only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "drivers/model/device_model.h"
#include "kiosk/biometric/rd_client.h"
#include "kiosk/biometric/reader_health.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/result.h"

namespace kiosk::biometric {

struct ReaderMonitorOptions {
  std::string device_name;                      // the config's entry, e.g. "fingerprint"
  bool usb_watched = true;                      // the entry has a USB match
  std::chrono::milliseconds poll{5000};         // RD status while all is quiet
  std::chrono::milliseconds after_reset{2000};  // re-enumeration before rediscovery
};

// The RD facts for a DeviceState, with the certificate's days left as of `now`.
drivers::model::RdFacts rd_facts(const std::optional<RdEndpoint>& endpoint,
                                 const std::optional<DeviceFacts>& device, Clock::WallTime now);

// One look without a monitor (kioskctl, no kiosk running): the RD Service asked once and
// merged with the USB state given. Never resets anything.
drivers::model::DeviceState look_once(RdClient& client, bool usb_watched,
                                      drivers::model::DeviceState usb, Clock::WallTime now);

class ReaderMonitor {
 public:
  using Publish = std::function<void(const drivers::model::DeviceState&)>;
  using Reset = std::function<Status(const std::string& name)>;

  ReaderMonitor(RdClientOptions client, ReaderMonitorOptions options, const Clock& clock,
                Publish publish, Reset reset);
  ~ReaderMonitor();  // stops the thread
  ReaderMonitor(const ReaderMonitor&) = delete;
  ReaderMonitor& operator=(const ReaderMonitor&) = delete;

  void start();
  void stop();
  const std::string& name() const { return options_.device_name; }
  // Any thread: the watch driver's latest state of the reader.
  void usb_state(const drivers::model::DeviceState& state);
  // Any thread: a capture ended with this errCode (720/740 start an incident).
  void capture_failed(int error_code);
  void poke();  // look at the RD Service now

  // The last RD Service found, for the capture worker.
  std::optional<RdEndpoint> endpoint() const;
  drivers::model::DeviceState state() const;
  int resets() const;

 private:
  void run();
  void look();
  void act(ReaderDecision decision);
  void publish_locked();
  RdClient client_;
  ReaderMonitorOptions options_;
  const Clock& clock_;
  Publish publish_;
  Reset reset_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poked_ = false;
  std::optional<int> capture_error_;
  ReaderHealth health_;
  drivers::model::DeviceState usb_;
  std::optional<RdEndpoint> endpoint_;
  std::optional<DeviceFacts> device_;
  std::thread thread_;
};

}  // namespace kiosk::biometric

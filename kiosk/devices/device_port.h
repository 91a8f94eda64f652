// The one way kiosk/ reaches devices. kiosk/ owns this interface; apps/ implements it over
// the USB layer (apps/usb_device_port.h) and wires it in main, so the core never includes
// drivers/usb. The device verbs later issues add (print, scan, capture) join it here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_model.h"
#include "kiosk/core/result.h"

namespace kiosk::devices {

// One receipt for a printer: the 1-bit raster (kiosk/receipt) the driver side encodes for
// its printer (ESC/POS). The kiosk never builds printer bytes.
struct PrintImage {
  std::int64_t job_id = 0;
  int width_dots = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;  // rows of width_dots / 8 bytes, MSB leftmost, 1 black
  // Printed under the raster with the printer's own QR command, for a printer whose entry
  // declares it (options.native_qr); empty when the QR is in the raster.
  std::string qr_payload = {};
};

// What a scanner said: a scan is arriving (the screen's "reading…"), or a whole one came.
struct ScanEvent {
  std::string device;
  bool reading = false;
  std::optional<std::string> text = std::nullopt;  // a whole scan; citizen data, never logged
};

enum class PrintOutcome { Done, Failed, Unknown };

struct PrintReport {
  std::int64_t job_id = 0;
  PrintOutcome outcome = PrintOutcome::Unknown;
  std::string reason;  // operator-facing; empty when done
};

class DevicePort {
 public:
  virtual ~DevicePort() = default;
  // Every configured device's latest state, in config order. Never waits on device I/O.
  virtual std::vector<drivers::model::DeviceState> states() const = 0;
  // A USB port reset of one device (a watched one too: opened, never claimed). Errors keep
  // their meaning: NoDevice, Busy, Access, Timeout, Pipe, Io.
  virtual Status reset(const std::string& name) = 0;
  // Queues a receipt on a printer; its outcome comes later, through on_printed. NotFound
  // for a name that is not a printer the port drives; NoDevice, and nothing queued, while
  // no driver serves that printer (unplugged, not claimed, being reconnected).
  virtual Status print(const std::string& printer, PrintImage image) = 0;
  // Takes back a receipt the printer has not started: it never prints. False when it was
  // started (its outcome still comes through on_printed) or is not known.
  virtual bool withdraw(const std::string& printer, std::int64_t job_id) = 0;
  // Told every outcome, on a device thread. Set once, before the first print.
  virtual void on_printed(std::function<void(const PrintReport&)> listener) = 0;
  // Told of every scan and every start and end of one arriving, on a device thread.
  virtual void on_scan(std::function<void(const ScanEvent&)> listener) = 0;
};

}  // namespace kiosk::devices

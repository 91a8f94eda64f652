// CDC-ACM (serial) scanners, in watch mode. Claiming their interface would detach
// cdc_acm and take /dev/ttyACM* away, so the kiosk leaves the USB device to the kernel and
// reads the tty that belongs to it: named in the entry's options ("tty"), or found through
// sysfs (the tty under the device's interfaces, matched by bus number and address). Raw
// termios, one reader thread per scanner; a scan ends at CR, LF or CR LF (usb.md §3).
//
//   present: tty closed -> find it -> open, raw -> Online; reader thread runs
//   reader: poll 100 ms -> bytes -> scans to the listener; read error/EOF -> closed
//   removed: reader stopped, tty closed
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/scanner/driver.h"

namespace drivers::scanner {

class SerialScannerDriver final : public usb::WatchDriver {
 public:
  SerialScannerDriver(usb::WatchSetup setup, const ScannerOptions& options);
  ~SerialScannerDriver() override;
  SerialScannerDriver(const SerialScannerDriver&) = delete;
  SerialScannerDriver& operator=(const SerialScannerDriver&) = delete;

  void present() override;
  void removed() override;
  void reset_done(const usb::UsbResult<void>& result) override;

 private:
  void open_tty();
  void stop_reader();
  void read_loop(std::stop_token stop, int fd);

  usb::UsbDeviceInfo device_;
  ScanOutput out_;
  std::string tty_;  // from options; empty: found through sysfs
  std::jthread reader_;
  std::atomic<bool> closed_{true};  // the reader ended (or never started)
};

// The tty cdc_acm made for this device ("/dev/ttyACM0"), found through sysfs; empty when
// there is none (yet).
std::string find_tty(const usb::UsbDeviceInfo& device);

}  // namespace drivers::scanner

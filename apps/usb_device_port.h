// The kiosk's DevicePort over the USB layer, and the one table of drivers both apps use.
// Registering a driver: add its register_drivers() call in kiosk_drivers(), specific
// drivers before the plain fallbacks (the first driver that drives an interface wins).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "apps/usb_errc.h"
#include "drivers/printer/driver.h"
#include "drivers/printer/escpos.h"
#include "drivers/scanner/driver.h"
#include "drivers/usb/device_manager.h"
#include "drivers/usb/plain_drivers.h"
#include "kiosk/devices/device_port.h"
#include "kiosk/devices/device_specs.h"

namespace apps {

// One receipt queue per configured printer, made before the manager so its drivers find
// them (PrinterOptions::queue_for).
class PrintQueues {
 public:
  explicit PrintQueues(const std::vector<std::string>& printers = {}) {
    for (const auto& name : printers)
      queues_[name] = std::make_shared<drivers::printer::PrintQueue>();
  }
  std::shared_ptr<drivers::printer::PrintQueue> find(const std::string& name) const {
    auto it = queues_.find(name);
    return it == queues_.end() ? nullptr : it->second;
  }
  const auto& all() const { return queues_; }

 private:
  std::map<std::string, std::shared_ptr<drivers::printer::PrintQueue>> queues_;
};

// Scans from the scanner drivers to whoever listens (the port's on_scan), made before the
// manager so its drivers have it; the listener comes later, when the port exists.
class ScanRelay final : public drivers::scanner::ScanListener {
 public:
  void scanned(const std::string& device, std::string text) override {
    tell({device, false, std::move(text)});
  }
  void reading(const std::string& device, bool reading) override { tell({device, reading}); }
  void listen(std::function<void(const kiosk::devices::ScanEvent&)> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
  }

 private:
  void tell(const kiosk::devices::ScanEvent& event) {
    std::lock_guard lock(mutex_);
    if (listener_) listener_(event);
  }
  std::mutex mutex_;
  std::function<void(const kiosk::devices::ScanEvent&)> listener_;
};

// A scanner entry's options as its driver takes them.
inline drivers::scanner::ScannerSettings scanner_settings(const kiosk::devices::ScannerConfig& c) {
  drivers::scanner::ScannerSettings s;
  s.assembler.end_on_enter = c.end_on_enter;
  s.assembler.end_on_tab = c.end_on_tab;
  if (c.gap_ms) s.assembler.end_on_gap = std::chrono::milliseconds(*c.gap_ms);
  s.enable_report = c.enable_report;
  s.tty = c.tty;
  return s;
}

inline drivers::usb::DriverTable kiosk_drivers(
    const PrintQueues* queues = nullptr, ScanRelay* scans = nullptr,
    std::function<kiosk::devices::ScannerConfig(const std::string&)> scanner_config = {}) {
  drivers::usb::DriverTable table;
  drivers::printer::PrinterOptions printer;
  if (queues != nullptr)
    printer.queue_for = [queues](const std::string& n) { return queues->find(n); };
  drivers::printer::register_drivers(table, printer);
  drivers::scanner::ScannerOptions scanner;
  scanner.listener = scans;
  if (scanner_config)
    scanner.settings_for = [scanner_config](const std::string& n) {
      return scanner_settings(scanner_config(n));
    };
  drivers::scanner::register_drivers(table, scanner);
  drivers::usb::register_plain_drivers(table);  // last: claims or watches anything left
  return table;
}

// A receipt image as ESC/POS: reset, the raster in 24-row bands, the printer's own QR when
// the image asks for it (centred, 8-dot modules, ECC M), a margin, feed and cut.
inline std::vector<std::uint8_t> escpos_receipt(const kiosk::devices::PrintImage& image) {
  namespace escpos = drivers::printer::escpos;
  auto out = escpos::init();
  const auto add = [&out](const escpos::Bytes& part) {
    out.insert(out.end(), part.begin(), part.end());
  };
  add(escpos::raster({image.width_dots, image.height, image.bits}, 24));
  if (!image.qr_payload.empty()) {
    add(escpos::justify(escpos::Justify::Centre));
    add(escpos::qr_code(image.qr_payload, 8, escpos::QrEcc::M));
    add(escpos::justify(escpos::Justify::Left));
    add(escpos::feed_lines(3));  // the margin the raster's tail gives otherwise
  }
  add(escpos::feed_lines(3));
  add(escpos::feed_and_cut());
  return out;
}

class UsbDevicePort final : public kiosk::devices::DevicePort {
 public:
  UsbDevicePort(drivers::usb::UsbDeviceManager& manager, const PrintQueues& queues,
                ScanRelay* scans = nullptr)
      : manager_(manager), queues_(queues), scans_(scans) {
    for (const auto& [name, queue] : queues_.all())
      queue->set_on_submit([this] { manager_.poke(); });
  }
  // The queues outlive the port (its drivers hold them): nothing of the port stays in them.
  ~UsbDevicePort() override {
    if (scans_ != nullptr) scans_->listen({});
    for (const auto& [name, queue] : queues_.all()) {
      queue->set_on_submit({});
      queue->set_on_result({});
    }
  }
  UsbDevicePort(const UsbDevicePort&) = delete;
  UsbDevicePort& operator=(const UsbDevicePort&) = delete;
  std::vector<drivers::model::DeviceState> states() const override { return manager_.states(); }
  kiosk::Status reset(const std::string& name) override {
    if (auto done = manager_.reset(name); !done) return std::unexpected(error_for(done.error()));
    return {};
  }
  kiosk::Status print(const std::string& printer, kiosk::devices::PrintImage image) override {
    auto queue = queues_.find(printer);
    if (!queue) return kiosk::fail(kiosk::Errc::NotFound, "no printer named " + printer);
    if (!queue->submit({image.job_id, escpos_receipt(image)}))
      return kiosk::fail(kiosk::Errc::NoDevice, "the receipt printer is not connected");
    return {};
  }
  bool withdraw(const std::string& printer, std::int64_t job_id) override {
    auto queue = queues_.find(printer);
    return queue && queue->cancel(job_id);
  }
  void on_printed(std::function<void(const kiosk::devices::PrintReport&)> listener) override {
    for (const auto& [name, queue] : queues_.all()) {
      queue->set_on_result([listener](const drivers::printer::PrintResult& r) {
        using drivers::printer::PrintOutcome;
        const auto outcome = r.outcome == PrintOutcome::Done ? kiosk::devices::PrintOutcome::Done
                             : r.outcome == PrintOutcome::Failed
                                 ? kiosk::devices::PrintOutcome::Failed
                                 : kiosk::devices::PrintOutcome::Unknown;
        if (listener) listener({r.id, outcome, r.reason});
      });
    }
  }
  void on_scan(std::function<void(const kiosk::devices::ScanEvent&)> listener) override {
    if (scans_ != nullptr) scans_->listen(std::move(listener));
  }

 private:
  drivers::usb::UsbDeviceManager& manager_;
  const PrintQueues& queues_;
  ScanRelay* scans_ = nullptr;
};

}  // namespace apps

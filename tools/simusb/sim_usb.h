// Simulated USB devices for the demo and the tests, on umockdev (research usb.md §0):
// a UMockdevTestbed holds the sysfs entries and /dev/bus/usb nodes, and an interactive
// "handle-ioctl" handler per device answers the usbfs ioctls libusb sends (SUBMITURB,
// REAPURBNDELAY, DISCARDURB, CLAIMINTERFACE, GETDRIVER, DISCONNECT_CLAIM, RESET …), as in
// usb-lab/simprinter.cpp. The kiosk's real libusb code runs unchanged on top.
//
// Needs the umockdev preload: run the process under `umockdev-wrapper` (ctest does), or
// use csc-kiosk-simusb, which re-executes itself under it.
//
// Fault knobs per device: unplug / replug (through SimBus), stall an endpoint, stop
// answering (transfers time out), paper out.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tools/simusb/escpos_model.h"

typedef struct _UMockdevTestbed UMockdevTestbed;
typedef struct _UMockdevIoctlBase UMockdevIoctlBase;
typedef struct _UMockdevIoctlData UMockdevIoctlData;
typedef struct _UMockdevIoctlClient UMockdevIoctlClient;
struct usbdevfs_urb;

namespace simusb {

struct EndpointSpec {
  std::uint8_t address = 0;     // bit 7 set: IN
  std::uint8_t attributes = 2;  // 2 bulk, 3 interrupt
  std::uint16_t max_packet = 64;
  std::uint8_t interval = 0;
};

struct InterfaceSpec {
  std::uint8_t interface_class = 0;
  std::uint8_t interface_subclass = 0;
  std::uint8_t interface_protocol = 0;
  std::vector<std::uint8_t> class_descriptor;  // e.g. the HID descriptor, before endpoints
  std::vector<EndpointSpec> endpoints;
};

struct DeviceSpec {
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  std::string manufacturer;
  std::string product;
  std::string serial;
  std::vector<InterfaceSpec> interfaces;
  std::string kernel_driver;  // bound at plug time ("usblp", "usbhid"); empty for none
  std::string device_id;      // IEEE 1284 device ID for printer-class GET_DEVICE_ID
  bool escpos = false;        // bulk OUT runs an ESC/POS printer (escpos_model.h)
  // HID: the report descriptor GET_DESCRIPTOR(0x22) answers (the HID class descriptor's
  // length is taken from it).
  std::vector<std::uint8_t> report_descriptor = {};
  // HID POS: the feature report (id first) that must come before any scan is sent; empty:
  // scans are sent at once.
  std::vector<std::uint8_t> enable_report = {};
};

// A receipt printer: class 7/1/2 with bulk OUT + bulk IN, bound to usblp.
DeviceSpec receipt_printer(std::uint8_t out_ep = 0x01, std::uint8_t in_ep = 0x82);
// A HID boot-keyboard barcode scanner: class 3/1/1, interrupt IN 0x81, bound to usbhid.
DeviceSpec keyboard_scanner();
// A HID POS scanner (usage page 0x8C) with another maker's layout than Honeywell's: report
// 7, "continued" first, 40 data bytes, a 16-bit byte count, the AIM identifier last. It
// scans only after the feature report FE 01. Class 3/0/0, interrupt IN 0x81, 64 bytes.
DeviceSpec hid_pos_scanner();
// A CDC-ACM serial scanner: communications 2/2/1 (interrupt IN) and data 10/0/0 (bulk IN
// and OUT), bound to cdc_acm; its tty comes from SimBus::add_tty.
DeviceSpec acm_scanner();
// A Mantra MFS100 fingerprint reader (2c0f:1005, india.md §2, the one verified ID): one
// vendor-specific interface (255/0/0) with bulk IN and OUT, no kernel driver. Its vendor's
// RD Service owns it; the kiosk only watches it and may reset it.
DeviceSpec fingerprint_reader();
// The report descriptor of hid_pos_scanner, for tests that check what the host read.
std::vector<std::uint8_t> hid_pos_report_descriptor();

// The device's USB descriptors: device descriptor then configuration 1 (USB 2.0 §9.6).
std::vector<std::uint8_t> descriptors_of(const DeviceSpec& spec);

class SimDevice {
 public:
  explicit SimDevice(DeviceSpec spec)
      : spec_(std::move(spec)), driver_bound_(!spec_.kernel_driver.empty()) {
    if (spec_.escpos) escpos_.emplace();
  }
  ~SimDevice();
  SimDevice(const SimDevice&) = delete;
  SimDevice& operator=(const SimDevice&) = delete;

  const DeviceSpec& spec() const { return spec_; }
  const std::string& devnode() const { return devnode_; }
  const std::string& syspath() const { return syspath_; }

  // Data the device sends: each call fills one IN transfer.
  void queue_in(std::vector<std::uint8_t> packet);
  // Types text as a HID keyboard does: a press report and a release report per character.
  void type_text(const std::string& text);
  // Sends a scan as a HID POS scanner does (hid_pos_scanner's layout), in as many reports
  // as it takes; nothing while the device waits for its enable report.
  void pos_scan(const std::string& text, const std::string& aim = "]Q1");
  // The HID SET_REPORT requests the host sent (report id first).
  std::vector<std::vector<std::uint8_t>> set_reports() const;
  // Bulk OUT data the host wrote.
  std::vector<std::uint8_t> received() const;

  void stall(std::uint8_t endpoint);  // transfers on it fail with EPIPE until CLEAR_HALT
  void set_unresponsive(bool on);     // OUT transfers are never taken (host times out)
  void set_paper_out(bool on);        // GET_PORT_STATUS paper-empty bit, DLE EOT replies
  // ESC/POS printers only (DeviceSpec::escpos):
  void set_paper_near_end(bool on);
  void set_cover_open(bool on);
  void set_cutter_jammed(bool on);
  void paper_out_after(std::size_t raster_bytes);  // runs out mid-receipt
  bool paper_out() const;  // out now (set, or run out after paper_out_after)
  // How it behaves once offline: true, OUT transfers are no longer taken (the host times
  // out); false (default), it keeps taking bytes into its buffer while reporting paper end.
  void set_stops_taking_when_offline(bool on);
  // Takes `bytes` more OUT bytes and then no more: the transfer that crosses the limit is
  // taken in part and then held, as a printer whose buffer filled mid-transfer holds it.
  // When the host gives up (DISCARDURB), the part taken is reported, as the kernel does.
  void hang_out_after(std::size_t bytes);
  void set_ignores_gs_r(bool on);
  std::vector<PrintedImage> receipts() const;  // every receipt it cut
  // Called (on the ioctl thread, under the device's lock) with each receipt as it is cut.
  void on_receipt(std::function<void(const PrintedImage&)> callback);
  std::size_t buffered_bytes() const;  // received, waiting to print
  // Class and vendor control requests (GET_PORT_STATUS …) are never answered; the host's
  // timeout ends them. Standard requests (descriptors, strings) are still answered.
  void set_class_control_unresponsive(bool on);

  int claims() const;               // CLAIMINTERFACE + DISCONNECT_CLAIM seen
  int hung_class_requests() const;  // class requests left hanging so far
  int resets() const;               // USBDEVFS_RESET seen
  int opens() const;                // GET_CAPABILITIES seen (libusb sends it on every open)
  bool kernel_driver_bound() const;

  // usbfs internals; public for the C callback only.
  bool handle_ioctl(void* client);

 private:
  friend class SimBus;
  void disconnect();  // completes every pending URB with -ENODEV; later ioctls fail ENODEV
  void answer_control(std::uint8_t* buf, usbdevfs_urb* urb);
  void submit(void* client);
  void fill_in_locked();
  std::uint8_t port_status_locked() const;

  DeviceSpec spec_;
  std::string devnode_;
  std::string syspath_;
  UMockdevIoctlBase* handler_ = nullptr;
  int port_ = 0;

  // One submitted URB and the open file (umockdev client) it came from, both referenced.
  // usbfs keeps URBs per file: only that file reaps or discards them, and they go with it
  // (a killed kiosk's URBs must never be reaped by the next kiosk).
  struct Urb {
    UMockdevIoctlData* data;
    UMockdevIoctlClient* client;
  };
  static void drop(Urb& urb);
  void forget_vanished_locked();

  mutable std::mutex mutex_;
  std::deque<Urb> pending_in_, pending_out_, done_;
  std::deque<std::vector<std::uint8_t>> in_packets_;
  std::vector<std::uint8_t> received_;
  std::set<std::uint8_t> halted_;
  bool unresponsive_ = false;
  bool class_control_unresponsive_ = false;
  bool paper_out_ = false;
  std::optional<EscPosModel> escpos_;
  bool stops_taking_when_offline_ = false;
  std::optional<std::size_t> out_budget_;  // hang_out_after
  std::function<void(const PrintedImage&)> on_receipt_;
  bool gone_ = false;
  std::vector<std::vector<std::uint8_t>> set_reports_;
  bool enabled_ = false;
  bool driver_bound_;
  int claims_ = 0, resets_ = 0, opens_ = 0, hung_class_requests_ = 0;
};

// The simulated bus: one umockdev testbed, devices on bus 1.
class SimBus {
 public:
  SimBus();
  ~SimBus();
  SimBus(const SimBus&) = delete;
  SimBus& operator=(const SimBus&) = delete;

  // Adds the device on port `port` with a fresh device number; emits the "add" uevent.
  std::shared_ptr<SimDevice> plug(const DeviceSpec& spec, int port);
  // Cable pulled: pending transfers end with NO_DEVICE, the node and sysfs entry go.
  void unplug(const std::shared_ptr<SimDevice>& device);
  // Plugs a device like this one in again at its port, as a new device number.
  std::shared_ptr<SimDevice> replug(const std::shared_ptr<SimDevice>& device);
  // The tty cdc_acm gives `device` (/dev/ttyACM<n>, under its first interface in sysfs),
  // replaying `script` to whoever opens it: umockdev's script format, "r DELAY_MS TEXT"
  // lines, ^M for a CR. Returns the tty's path.
  std::string add_tty(const std::shared_ptr<SimDevice>& device, const std::string& script);

 private:
  UMockdevTestbed* testbed_;
  int next_devnum_ = 2;
  int next_tty_ = 0;
  std::vector<std::shared_ptr<SimDevice>> devices_;  // kept: libusb may still hold their fds
};

}  // namespace simusb

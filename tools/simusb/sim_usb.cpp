#include "tools/simusb/sim_usb.h"

#include <fmt/format.h>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <umockdev.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <stdexcept>

namespace simusb {
namespace {

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xff));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

// HID 1.11 §6.2.1 HID descriptor: one report descriptor of `length` bytes.
std::vector<std::uint8_t> hid_descriptor(std::size_t length) {
  return {0x09,
          0x21,
          0x11,
          0x01,
          0x00,
          0x01,
          0x22,
          static_cast<std::uint8_t>(length & 0xff),
          static_cast<std::uint8_t>(length >> 8)};
}

// HID 1.11 Appendix B.1: the boot keyboard's report descriptor, 63 bytes.
const std::vector<std::uint8_t> kBootKeyboardReport{
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01,
    0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x05, 0x75, 0x01,
    0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x01, 0x95, 0x06,
    0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0};

constexpr std::size_t kPosData = 40;  // hid_pos_scanner: data bytes per report

std::string hex_upper(const std::vector<std::uint8_t>& bytes) {
  std::string out;  // umockdev wants upper-case hex ([0-9A-F]+, src/umockdev.vala)
  for (auto b : bytes) out += fmt::format("{:02X}", b);
  return out;
}

// US keyboard usage ids (HID Usage Tables, page 0x07): 0x04..0x1d a-z, 0x1e..0x27 1-9 0.
std::pair<std::uint8_t, bool> usage_of(char c) {
  // US layout: 0x32 (the non-US # key) types \ and | as 0x31 does, so '#' is Shift+3.
  static const std::string lower = "abcdefghijklmnopqrstuvwxyz1234567890\n\x1b\b\t -=[]\\\\;'`,./";
  static const std::string upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()\n\x1b\b\t _+{}||:\"~<>?";
  if (auto i = lower.find(c); i != std::string::npos) return {0x04 + i, false};
  if (auto i = upper.find(c); i != std::string::npos) return {0x04 + i, true};
  return {0, false};
}

constexpr gulong kIdleReapPauseUs = 2000;

usbdevfs_urb* urb_of(UMockdevIoctlData* d) {
  return reinterpret_cast<usbdevfs_urb*>(d->data);
}

// The client's memory, read through umockdev's socket. nullptr when the client cannot be
// read any more: a kiosk killed (SIGKILL) between sending an ioctl and our reading its
// argument leaves a request whose memory is gone.
UMockdevIoctlData* resolve(UMockdevIoctlData* data, std::size_t offset, std::size_t length) {
  GError* err = nullptr;
  UMockdevIoctlData* out = umockdev_ioctl_data_resolve(data, offset, length, &err);
  if (err != nullptr) {
    g_error_free(err);
    return nullptr;
  }
  return out;
}

gboolean on_handle_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer user_data) {
  return static_cast<SimDevice*>(user_data)->handle_ioctl(client) ? TRUE : FALSE;
}

}  // namespace

DeviceSpec receipt_printer(std::uint8_t out_ep, std::uint8_t in_ep) {
  DeviceSpec s;
  s.vendor_id = 0x04b8;
  s.product_id = 0x0e15;
  s.manufacturer = "EPSON";
  s.product = "TM-T20II (simulated)";
  s.serial = "SIM-PRN-0001";
  s.interfaces = {{7, 1, 2, {}, {{out_ep, 2, 64, 0}, {in_ep, 2, 64, 0}}}};
  s.kernel_driver = "usblp";
  s.device_id = "MFG:EPSON;CMD:ESC/POS;MDL:TM-T20II;CLS:PRINTER;";
  s.escpos = true;
  return s;
}

DeviceSpec keyboard_scanner() {
  DeviceSpec s;
  s.vendor_id = 0x1eab;  // Newland; PID xx03 = HID keyboard mode (usb.md §3)
  s.product_id = 0x1303;
  s.manufacturer = "Newland";
  s.product = "Barcode scanner (simulated)";
  s.serial = "SIM-SCN-0001";
  s.report_descriptor = kBootKeyboardReport;
  s.interfaces = {{3, 1, 1, hid_descriptor(kBootKeyboardReport.size()), {{0x81, 3, 8, 10}}}};
  s.kernel_driver = "usbhid";
  return s;
}

DeviceSpec acm_scanner() {
  DeviceSpec s;
  s.vendor_id = 0x1eab;  // Newland; PID xx06 = CDC serial mode (usb.md §3)
  s.product_id = 0x1306;
  s.manufacturer = "Newland";
  s.product = "Serial scanner (simulated)";
  s.serial = "SIM-ACM-0001";
  s.interfaces = {{2, 2, 1, {}, {{0x83, 3, 8, 10}}},
                  {10, 0, 0, {}, {{0x81, 2, 64, 0}, {0x02, 2, 64, 0}}}};
  s.kernel_driver = "cdc_acm";
  return s;
}

DeviceSpec fingerprint_reader() {
  DeviceSpec s;
  s.vendor_id = 0x2c0f;
  s.product_id = 0x1005;
  s.manufacturer = "Mantra Softech";
  s.product = "MFS100 (simulated)";
  s.serial = "SIM-MFS-0001";
  s.interfaces = {{0xff, 0, 0, {}, {{0x82, 2, 64, 0}, {0x01, 2, 64, 0}}}};
  return s;
}

std::vector<std::uint8_t> hid_pos_report_descriptor() {
  return {0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01,  // Barcode Scanner, application collection
          0x85, 0x07,                          // report 7
          0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x09, 0xFF, 0x81, 0x02,      // continued
          0x75, 0x07, 0x81, 0x03,                                                      // padding
          0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, kPosData, 0x09, 0xFE, 0x82, 0x02, 0x01,  // data
          0x75, 0x10, 0x95, 0x01, 0x05, 0x01, 0x09, 0x3B, 0x81, 0x02,  // Byte Count, 16 bits
          0x75, 0x08, 0x95, 0x03, 0x05, 0x8C, 0x09, 0xFB, 0x09, 0xFC, 0x09, 0xFD, 0x81, 0x02, 0x85,
          0xFE, 0x95, 0x01, 0x06, 0x00, 0xFF, 0x09, 0x10, 0xB1, 0x02,  // feature
                                                                       // FE: enable
          0xC0};
}

DeviceSpec hid_pos_scanner() {
  DeviceSpec s;
  s.vendor_id = 0x1eab;  // Newland; PID xx10 = HID POS mode (usb.md §3)
  s.product_id = 0x1310;
  s.manufacturer = "Newland";
  s.product = "HID POS scanner (simulated)";
  s.serial = "SIM-POS-0001";
  s.report_descriptor = hid_pos_report_descriptor();
  s.interfaces = {{3, 0, 0, hid_descriptor(s.report_descriptor.size()), {{0x81, 3, 64, 2}}}};
  s.kernel_driver = "usbhid";
  s.enable_report = {0xFE, 0x01};
  return s;
}

std::vector<std::uint8_t> descriptors_of(const DeviceSpec& spec) {
  std::vector<std::uint8_t> d{18, 1, 0x00, 0x02, 0, 0, 0, 64};
  put16(d, spec.vendor_id);
  put16(d, spec.product_id);
  put16(d, 0x0100);
  d.insert(d.end(), {1, 2, 3, 1});  // iManufacturer, iProduct, iSerialNumber, 1 configuration
  std::vector<std::uint8_t> body;
  for (std::size_t n = 0; n < spec.interfaces.size(); ++n) {
    const auto& i = spec.interfaces[n];
    body.insert(body.end(), {9, 4, static_cast<std::uint8_t>(n), 0,
                             static_cast<std::uint8_t>(i.endpoints.size()), i.interface_class,
                             i.interface_subclass, i.interface_protocol, 0});
    body.insert(body.end(), i.class_descriptor.begin(), i.class_descriptor.end());
    for (const auto& e : i.endpoints) {
      body.insert(body.end(), {7, 5, e.address, e.attributes});
      put16(body, e.max_packet);
      body.push_back(e.interval);
    }
  }
  d.insert(d.end(), {9, 2});
  put16(d, static_cast<std::uint16_t>(9 + body.size()));
  // one configuration, value 1, self-powered, 100 mA
  d.insert(d.end(), {static_cast<std::uint8_t>(spec.interfaces.size()), 1, 0, 0xc0, 50});
  d.insert(d.end(), body.begin(), body.end());
  return d;
}

SimDevice::~SimDevice() {
  std::lock_guard lock(mutex_);
  for (auto* queue : {&pending_in_, &pending_out_, &done_})
    for (auto& urb : *queue) drop(urb);
  if (handler_) g_object_unref(handler_);
}

void SimDevice::drop(Urb& urb) {
  g_object_unref(urb.data);
  g_object_unref(urb.client);
}

// The kernel kills a closed file's URBs; a vanished client's are dropped here likewise.
void SimDevice::forget_vanished_locked() {
  for (auto* queue : {&pending_in_, &pending_out_, &done_}) {
    for (auto it = queue->begin(); it != queue->end();) {
      if (umockdev_ioctl_client_get_connected(it->client)) {
        ++it;
        continue;
      }
      drop(*it);
      it = queue->erase(it);
    }
  }
}

void SimDevice::queue_in(std::vector<std::uint8_t> packet) {
  std::lock_guard lock(mutex_);
  in_packets_.push_back(std::move(packet));
  fill_in_locked();
}

void SimDevice::type_text(const std::string& text) {
  for (char c : text) {
    auto [usage, shift] = usage_of(c);
    if (usage == 0) continue;
    queue_in({static_cast<std::uint8_t>(shift ? 0x02 : 0), 0, usage, 0, 0, 0, 0, 0});
    queue_in(std::vector<std::uint8_t>(8, 0));
  }
}

void SimDevice::pos_scan(const std::string& text, const std::string& aim) {
  {
    std::lock_guard lock(mutex_);
    if (!spec_.enable_report.empty() && !enabled_) return;  // not told to scan: it does not
  }
  for (std::size_t at = 0; at == 0 || at < text.size(); at += kPosData) {
    const std::string piece = text.substr(at, kPosData);
    std::vector<std::uint8_t> report{
        7, at + kPosData < text.size() ? std::uint8_t{1} : std::uint8_t{0}};
    report.insert(report.end(), piece.begin(), piece.end());
    report.resize(2 + kPosData, 0);
    report.push_back(static_cast<std::uint8_t>(piece.size() & 0xff));
    report.push_back(static_cast<std::uint8_t>(piece.size() >> 8));
    for (std::size_t i = 0; i < 3; ++i)
      report.push_back(i < aim.size() ? static_cast<std::uint8_t>(aim[i]) : 0);
    queue_in(std::move(report));
  }
}

std::vector<std::vector<std::uint8_t>> SimDevice::set_reports() const {
  std::lock_guard lock(mutex_);
  return set_reports_;
}

std::vector<std::uint8_t> SimDevice::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void SimDevice::stall(std::uint8_t endpoint) {
  std::lock_guard lock(mutex_);
  halted_.insert(endpoint);
  // A parked IN transfer on that endpoint ends with the stall at once.
  for (auto it = pending_in_.begin(); it != pending_in_.end();) {
    if (urb_of(it->data)->endpoint == endpoint) {
      urb_of(it->data)->status = -EPIPE;
      done_.push_back(*it);
      it = pending_in_.erase(it);
    } else {
      ++it;
    }
  }
}

void SimDevice::set_unresponsive(bool on) {
  std::lock_guard lock(mutex_);
  unresponsive_ = on;
}

void SimDevice::set_class_control_unresponsive(bool on) {
  std::lock_guard lock(mutex_);
  class_control_unresponsive_ = on;
}

void SimDevice::set_paper_near_end(bool on) {
  std::lock_guard lock(mutex_);
  if (escpos_) escpos_->set_near_end(on);
}

void SimDevice::set_cover_open(bool on) {
  std::lock_guard lock(mutex_);
  if (escpos_) escpos_->set_cover_open(on);
}

void SimDevice::set_cutter_jammed(bool on) {
  std::lock_guard lock(mutex_);
  if (escpos_) escpos_->set_cutter_jammed(on);
}

bool SimDevice::paper_out() const {
  std::lock_guard lock(mutex_);
  return escpos_ ? escpos_->paper_out() : paper_out_;
}

void SimDevice::paper_out_after(std::size_t raster_bytes) {
  std::lock_guard lock(mutex_);
  if (escpos_) escpos_->paper_out_after(raster_bytes);
}

void SimDevice::set_stops_taking_when_offline(bool on) {
  std::lock_guard lock(mutex_);
  stops_taking_when_offline_ = on;
}

void SimDevice::hang_out_after(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  out_budget_ = bytes;
}

void SimDevice::set_ignores_gs_r(bool on) {
  std::lock_guard lock(mutex_);
  if (escpos_) escpos_->set_ignores_gs_r(on);
}

void SimDevice::on_receipt(std::function<void(const PrintedImage&)> callback) {
  std::lock_guard lock(mutex_);
  on_receipt_ = std::move(callback);
}

std::vector<PrintedImage> SimDevice::receipts() const {
  std::lock_guard lock(mutex_);
  return escpos_ ? escpos_->receipts() : std::vector<PrintedImage>{};
}

std::size_t SimDevice::buffered_bytes() const {
  std::lock_guard lock(mutex_);
  return escpos_ ? escpos_->buffered() : 0;
}

void SimDevice::set_paper_out(bool on) {
  std::lock_guard lock(mutex_);
  paper_out_ = on;
  if (escpos_) escpos_->set_paper_out(on);
}

int SimDevice::hung_class_requests() const {
  std::lock_guard lock(mutex_);
  return hung_class_requests_;
}

int SimDevice::claims() const {
  std::lock_guard lock(mutex_);
  return claims_;
}
int SimDevice::resets() const {
  std::lock_guard lock(mutex_);
  return resets_;
}
int SimDevice::opens() const {
  std::lock_guard lock(mutex_);
  return opens_;
}
bool SimDevice::kernel_driver_bound() const {
  std::lock_guard lock(mutex_);
  return driver_bound_;
}

void SimDevice::disconnect() {
  std::lock_guard lock(mutex_);
  gone_ = true;
  for (auto* queue : {&pending_in_, &pending_out_}) {
    for (auto& urb : *queue) {
      // Linux completes in-flight URBs so usbfs can reap them, with what they moved so far.
      urb_of(urb.data)->status = -ENODEV;
      if (queue == &pending_in_) urb_of(urb.data)->actual_length = 0;
      done_.push_back(urb);
    }
    queue->clear();
  }
}

void SimDevice::fill_in_locked() {
  while (!pending_in_.empty() && !in_packets_.empty()) {
    Urb pending = pending_in_.front();
    pending_in_.pop_front();
    auto& packet = in_packets_.front();
    auto* urb = urb_of(pending.data);
    const auto n =
        std::min<std::size_t>(packet.size(), static_cast<std::size_t>(urb->buffer_length));
    std::memcpy(urb->buffer, packet.data(), n);
    urb->actual_length = static_cast<int>(n);
    urb->status = 0;
    in_packets_.pop_front();
    done_.push_back(pending);
  }
}

std::uint8_t SimDevice::port_status_locked() const {
  // USB printer class GET_PORT_STATUS: 0x08 not-error, 0x10 selected, 0x20 paper empty.
  const bool out = escpos_ ? escpos_->paper_out() : paper_out_;
  if (out) return 0x20 | 0x10;
  if (escpos_ && !escpos_->online()) return 0x10;  // selected, not-error bit clear: fault
  return 0x10 | 0x08;
}

namespace {

std::vector<std::uint8_t> string_descriptor(const std::string& text) {
  std::vector<std::uint8_t> d{static_cast<std::uint8_t>(2 + 2 * text.size()), 3};
  for (char c : text) d.insert(d.end(), {static_cast<std::uint8_t>(c), 0});  // UTF-16LE
  return d;
}

}  // namespace

void SimDevice::answer_control(std::uint8_t* buf, usbdevfs_urb* urb) {
  const std::uint8_t type = buf[0], request = buf[1];
  const unsigned value = buf[2] | (buf[3] << 8), length = buf[6] | (buf[7] << 8);
  std::vector<std::uint8_t> reply;
  bool known = true;
  if (type == 0x80 && request == 6 && (value >> 8) == 3) {  // GET_DESCRIPTOR(STRING)
    const unsigned index = value & 0xff;
    if (index == 0)
      reply = {4, 3, 0x09, 0x04};  // LANGID en-US
    else if (index == 1)
      reply = string_descriptor(spec_.manufacturer);
    else if (index == 2)
      reply = string_descriptor(spec_.product);
    else if (index == 3)
      reply = string_descriptor(spec_.serial);
    else
      known = false;
  } else if (type == 0x81 && request == 6 && (value >> 8) == 0x22 &&
             !spec_.report_descriptor.empty()) {  // GET_DESCRIPTOR(REPORT), HID 1.11 §7.1.1
    reply = spec_.report_descriptor;
  } else if (type == 0x21 && !spec_.report_descriptor.empty() &&
             (request == 0x09 || request == 0x0A || request == 0x0B)) {
    // HID SET_REPORT (kept, and the enable report switches scanning on), SET_IDLE,
    // SET_PROTOCOL: taken.
    if (request == 0x09) {
      std::vector<std::uint8_t> data(buf + 8, buf + 8 + length);
      if (data == spec_.enable_report) enabled_ = true;
      set_reports_.push_back(std::move(data));
    }
  } else if (type == 0x80 && request == 6) {  // GET_DESCRIPTOR(DEVICE / CONFIG)
    auto all = descriptors_of(spec_);
    reply = (value >> 8) == 1 ? std::vector(all.begin(), all.begin() + 18)
                              : std::vector(all.begin() + 18, all.end());
  } else if (type == 0xA1 && request == 0 && !spec_.device_id.empty()) {  // GET_DEVICE_ID
    const auto n = spec_.device_id.size() + 2;
    reply = {static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n & 0xff)};
    reply.insert(reply.end(), spec_.device_id.begin(), spec_.device_id.end());
  } else if (type == 0xA1 && request == 1 && !spec_.device_id.empty()) {  // GET_PORT_STATUS
    reply = {port_status_locked()};
  } else if ((type & 0x80) == 0) {
    known = (type & 0x60) == 0 || (type == 0x21 && request == 2);  // standard OUT, SOFT_RESET
    if (type == 0x21 && request == 2 && escpos_) escpos_->reset();
  } else {
    known = false;
  }
  if (!known) {
    urb->status = -EPIPE;  // a control request the device does not know stalls EP0
    urb->actual_length = 0;
    return;
  }
  const auto n = std::min<std::size_t>(reply.size(), length);
  if (n > 0) std::memcpy(buf + 8, reply.data(), n);  // an OUT request has no reply: no copy
  urb->actual_length = static_cast<int>((type & 0x80) ? n : 0);
}

void SimDevice::submit(void* raw_client) {
  auto* client = static_cast<UMockdevIoctlClient*>(raw_client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  UMockdevIoctlData* d = resolve(arg, 0, sizeof(usbdevfs_urb));
  if (d == nullptr || urb_of(d)->buffer_length < 0 ||
      resolve(d, offsetof(usbdevfs_urb, buffer),
              static_cast<std::size_t>(urb_of(d)->buffer_length)) == nullptr) {
    umockdev_ioctl_client_complete(client, -1, EFAULT);  // a vanished client: nothing to do
    return;
  }
  auto* urb = urb_of(d);
  auto* buf = static_cast<std::uint8_t*>(urb->buffer);
  const Urb submitted{static_cast<UMockdevIoctlData*>(g_object_ref(d)),
                      static_cast<UMockdevIoctlClient*>(g_object_ref(client))};
  urb->status = 0;
  if (urb->type == USBDEVFS_URB_TYPE_CONTROL && class_control_unresponsive_ && (buf[0] & 0x60)) {
    pending_out_.push_back(submitted);  // a class request left hanging: only DISCARDURB ends it
    ++hung_class_requests_;
  } else if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
    answer_control(buf, urb);
    done_.push_back(submitted);
  } else if (halted_.contains(urb->endpoint)) {
    urb->status = -EPIPE;
    urb->actual_length = 0;
    done_.push_back(submitted);
  } else if (urb->endpoint & 0x80) {
    pending_in_.push_back(submitted);
  } else if (unresponsive_ || (escpos_ && stops_taking_when_offline_ && !escpos_->online()) ||
             out_budget_ == std::size_t{0}) {
    urb->actual_length = 0;
    pending_out_.push_back(submitted);  // never taken: only a DISCARDURB (host timeout) ends it
  } else if (escpos_) {
    const auto length = static_cast<std::size_t>(urb->buffer_length);
    const auto taken = out_budget_ ? std::min(*out_budget_, length) : length;
    if (out_budget_) *out_budget_ -= taken;
    received_.insert(received_.end(), buf, buf + taken);
    const auto cut_before = escpos_->receipts().size();
    escpos_->receive(std::vector<std::uint8_t>(buf, buf + taken));
    for (auto i = cut_before; on_receipt_ && i < escpos_->receipts().size(); ++i)
      on_receipt_(escpos_->receipts()[i]);
    while (auto reply = escpos_->take_reply()) in_packets_.push_back(std::move(*reply));
    urb->actual_length = static_cast<int>(taken);
    if (taken < length)
      pending_out_.push_back(submitted);  // the rest is never taken: held until the host gives up
    else
      done_.push_back(submitted);
  } else {
    received_.insert(received_.end(), buf, buf + urb->buffer_length);
    // ESC/POS DLE EOT n (10 04 n) asks for a real-time status byte (usb.md §2).
    for (int i = 0; i + 2 < urb->buffer_length; ++i) {
      if (buf[i] == 0x10 && buf[i + 1] == 0x04) {
        const std::uint8_t n = buf[i + 2];
        std::uint8_t status = 0x12;
        if (paper_out_ && n == 4) status |= 0x60;
        if (paper_out_ && n == 2) status |= 0x20;
        if (paper_out_ && n == 1) status |= 0x08;
        in_packets_.push_back({status});
      }
    }
    urb->actual_length = urb->buffer_length;
    done_.push_back(submitted);
  }
  fill_in_locked();
  umockdev_ioctl_client_complete(client, 0, 0);
}

bool SimDevice::handle_ioctl(void* raw_client) {
  auto* client = static_cast<UMockdevIoctlClient*>(raw_client);
  const gulong request = umockdev_ioctl_client_get_request(client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  std::lock_guard lock(mutex_);
  forget_vanished_locked();
  const auto complete = [&](int ret, int errno_value) {
    umockdev_ioctl_client_complete(client, ret, errno_value);
    return true;
  };
  if (gone_ && request != USBDEVFS_REAPURB && request != USBDEVFS_REAPURBNDELAY &&
      request != USBDEVFS_DISCARDURB) {
    return complete(-1, ENODEV);
  }
  switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
      ++opens_;
      auto* d = resolve(arg, 0, sizeof(guint32));
      if (d == nullptr) return complete(-1, EFAULT);
      *reinterpret_cast<guint32*>(d->data) =
          USBDEVFS_CAP_BULK_SCATTER_GATHER | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
          USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_ZERO_PACKET |
          USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
      return complete(0, 0);
    }
    case USBDEVFS_GETDRIVER: {  // ENODATA: no driver bound (libusb then reports 0)
      if (!driver_bound_) return complete(-1, ENODATA);
      auto* d = resolve(arg, 0, sizeof(usbdevfs_getdriver));
      if (d == nullptr) return complete(-1, EFAULT);
      auto* g = reinterpret_cast<usbdevfs_getdriver*>(d->data);
      std::snprintf(g->driver, sizeof g->driver, "%s", spec_.kernel_driver.c_str());
      return complete(0, 0);
    }
    case USBDEVFS_DISCONNECT_CLAIM:  // what libusb's auto-detach sends
      driver_bound_ = false;
      ++claims_;
      return complete(0, 0);
    case USBDEVFS_IOCTL: {  // USBDEVFS_DISCONNECT / USBDEVFS_CONNECT of the kernel driver
      auto* d = resolve(arg, 0, sizeof(usbdevfs_ioctl));
      if (d == nullptr) return complete(-1, EFAULT);
      const int code = reinterpret_cast<usbdevfs_ioctl*>(d->data)->ioctl_code;
      if (code == static_cast<int>(USBDEVFS_DISCONNECT)) {
        if (!driver_bound_) return complete(-1, ENODATA);
        driver_bound_ = false;
      } else if (code == static_cast<int>(USBDEVFS_CONNECT)) {
        driver_bound_ = !spec_.kernel_driver.empty();
      }
      return complete(0, 0);
    }
    case USBDEVFS_CLAIMINTERFACE:
      if (driver_bound_) return complete(-1, EBUSY);
      ++claims_;
      return complete(0, 0);
    case USBDEVFS_CLEAR_HALT: {
      auto* d = resolve(arg, 0, sizeof(unsigned int));
      if (d == nullptr) return complete(-1, EFAULT);
      halted_.erase(static_cast<std::uint8_t>(*reinterpret_cast<unsigned int*>(d->data)));
      return complete(0, 0);
    }
    case USBDEVFS_RESET:
      ++resets_;
      return complete(0, 0);
    case USBDEVFS_RELEASEINTERFACE:
    case USBDEVFS_RESETEP:
    case USBDEVFS_SETINTERFACE:
    case USBDEVFS_SETCONFIGURATION:
      return complete(0, 0);
    case USBDEVFS_SUBMITURB:
      submit(client);
      return true;
    case USBDEVFS_DISCARDURB: {
      const gulong addr = *reinterpret_cast<gulong*>(arg->data);
      for (auto* queue : {&pending_in_, &pending_out_}) {
        for (auto it = queue->begin(); it != queue->end(); ++it) {
          if (it->client != client || it->data->client_addr != addr) continue;
          urb_of(it->data)->status = -ENOENT;  // what the kernel reports for an unlinked URB
          done_.push_back(*it);
          queue->erase(it);
          return complete(0, 0);
        }
      }
      return complete(-1, EINVAL);
    }
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY: {
      const auto mine = std::ranges::find(done_, client, &Urb::client);
      if (mine == done_.end()) {
        // Under umockdev the device fd is a socket that always polls writable, so libusb's
        // event thread reaps in a loop; a short pause here keeps that loop from eating a
        // core (real usbfs only polls ready when a URB is reapable).
        if (!gone_) g_usleep(kIdleReapPauseUs);
        return complete(-1, gone_ ? ENODEV : EAGAIN);
      }
      auto* ptr = resolve(arg, 0, sizeof(void*));
      if (ptr == nullptr) return complete(-1, EFAULT);  // kept for the next reap
      Urb reaped = *mine;
      done_.erase(mine);
      umockdev_ioctl_data_set_ptr(ptr, 0, reaped.data);  // *(usbdevfs_urb**)arg = the URB
      complete(0, 0);
      drop(reaped);
      return true;
    }
    default:
      return complete(-1, ENOTTY);
  }
}

SimBus::SimBus() : testbed_(umockdev_testbed_new()) {}

SimBus::~SimBus() {
  devices_.clear();
  g_object_unref(testbed_);
}

std::shared_ptr<SimDevice> SimBus::plug(const DeviceSpec& spec, int port) {
  auto device = std::make_shared<SimDevice>(spec);
  const int devnum = next_devnum_++;
  const auto hex = hex_upper(descriptors_of(spec));
  device->port_ = port;
  device->syspath_ = fmt::format("/sys/devices/pci0000:00/0000:00:14.0/usb1/1-{}", port);
  device->devnode_ = fmt::format("/dev/bus/usb/001/{:03d}", devnum);
  const std::string text = fmt::format(
      "P: /devices/pci0000:00/0000:00:14.0/usb1/1-{port}\n"
      "N: bus/usb/001/{devnum:03d}={hex}\n"
      "E: BUSNUM=001\nE: DEVNAME={node}\nE: DEVNUM={devnum:03d}\nE: DEVTYPE=usb_device\n"
      "E: DRIVER=usb\nE: PRODUCT={vid:x}/{pid:x}/100\nE: SUBSYSTEM=usb\n"
      "A: bConfigurationValue=1\nA: bDeviceClass=00\nA: bNumConfigurations=1\n"
      "A: busnum=1\\n\nH: descriptors={hex}\nA: dev=189:{minor}\nA: devnum={devnum}\\n\n"
      "A: devpath={port}\nA: idProduct={pid:04x}\nA: idVendor={vid:04x}\n"
      "A: manufacturer={mfg}\nA: product={product}\nA: serial={serial}\nA: speed=12\n\n",
      fmt::arg("port", port), fmt::arg("devnum", devnum), fmt::arg("hex", hex),
      fmt::arg("node", device->devnode_), fmt::arg("vid", spec.vendor_id),
      fmt::arg("pid", spec.product_id), fmt::arg("minor", devnum - 1),
      fmt::arg("mfg", spec.manufacturer), fmt::arg("product", spec.product),
      fmt::arg("serial", spec.serial));
  // The ioctl handler first: adding the device announces it (a uevent), and a hotplug
  // listener that opens it at once must find the ioctl socket there already.
  GError* err = nullptr;
  device->handler_ = umockdev_ioctl_base_new();
  g_signal_connect(device->handler_, "handle-ioctl", G_CALLBACK(on_handle_ioctl), device.get());
  if (!umockdev_testbed_attach_ioctl(testbed_, device->devnode_.c_str(), device->handler_, &err)) {
    throw std::runtime_error(std::string("umockdev attach: ") + err->message);
  }
  if (!umockdev_testbed_add_from_string(testbed_, text.c_str(), &err)) {
    throw std::runtime_error(std::string("umockdev add: ") + err->message);
  }
  devices_.push_back(device);
  return device;
}

void SimBus::unplug(const std::shared_ptr<SimDevice>& device) {
  device->disconnect();
  umockdev_testbed_uevent(testbed_, device->syspath_.c_str(), "remove");
  umockdev_testbed_remove_device(testbed_, device->syspath_.c_str());
}

std::shared_ptr<SimDevice> SimBus::replug(const std::shared_ptr<SimDevice>& device) {
  return plug(device->spec(), device->port_);
}

std::string SimBus::add_tty(const std::shared_ptr<SimDevice>& device, const std::string& script) {
  const int n = next_tty_++;
  const std::string node = fmt::format("/dev/ttyACM{}", n);
  const std::string text = fmt::format(
      "P: /devices/pci0000:00/0000:00:14.0/usb1/1-{port}/1-{port}:1.0/tty/ttyACM{n}\n"
      "N: ttyACM{n}\nE: DEVNAME={node}\nE: SUBSYSTEM=tty\nE: MAJOR=166\nE: MINOR={n}\n"
      "A: dev=166:{n}\n\n",
      fmt::arg("port", device->port_), fmt::arg("n", n), fmt::arg("node", node));
  GError* err = nullptr;
  if (!umockdev_testbed_add_from_string(testbed_, text.c_str(), &err))
    throw std::runtime_error(std::string("umockdev add tty: ") + err->message);
  if (!umockdev_testbed_load_script(testbed_, node.c_str(), script.c_str(), &err))
    throw std::runtime_error(std::string("umockdev tty script: ") + err->message);
  return node;
}

}  // namespace simusb

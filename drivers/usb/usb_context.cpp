#include "drivers/usb/usb_context.h"

#include <libusb.h>
#include <pthread.h>

#include <cstdio>

namespace drivers::usb {
namespace {

struct DeviceListDeleter {
  void operator()(libusb_device** list) const { libusb_free_device_list(list, /*unref=*/1); }
};

struct ConfigDeleter {
  void operator()(libusb_config_descriptor* c) const { libusb_free_config_descriptor(c); }
};

// How long one libusb_handle_events call may block; stop() interrupts it anyway.
constexpr timeval kEventSlice{1, 0};

}  // namespace

int hotplug_trampoline(libusb_context*, libusb_device*, int, void* user_data) {
  static_cast<UsbContext*>(user_data)->notify_hotplug();
  return 0;  // stay registered
}

namespace {
int LIBUSB_CALL on_hotplug(libusb_context* ctx, libusb_device* dev, libusb_hotplug_event event,
                           void* user_data) {
  return hotplug_trampoline(ctx, dev, static_cast<int>(event), user_data);
}
}  // namespace

std::string UsbDeviceInfo::usb_id() const {
  char text[10];
  std::snprintf(text, sizeof text, "%04x:%04x", vendor_id, product_id);
  return text;
}

std::string UsbDeviceInfo::location() const {
  return "bus " + std::to_string(bus) + " address " + std::to_string(address);
}

UsbResult<std::shared_ptr<UsbContext>> UsbContext::create(FaultReport on_fault) {
  libusb_context* context = nullptr;
  if (const int rc = libusb_init(&context); rc != LIBUSB_SUCCESS) {
    return std::unexpected(UsbError{from_libusb(rc), "libusb_init"});
  }
  return std::shared_ptr<UsbContext>(new UsbContext(context, std::move(on_fault)));
}

UsbContext::UsbContext(libusb_context* context, FaultReport on_fault)
    : context_(context), on_fault_(std::move(on_fault)) {
  event_thread_ = std::thread([this] { run_events(); });
}

UsbContext::~UsbContext() {
  if (hotplug_registered_) libusb_hotplug_deregister_callback(context_, hotplug_handle_);
  stopping_ = true;
  libusb_interrupt_event_handler(context_);
  event_thread_.join();
  libusb_exit(context_);
}

void UsbContext::run_events() {
  pthread_setname_np(pthread_self(), "kiosk-usb-ev");
  while (!stopping_.load()) {
    timeval slice = kEventSlice;
    try {  // transfer callbacks only record and signal, but no exception may end this thread
      libusb_handle_events_timeout_completed(context_, &slice, nullptr);
    } catch (const std::exception& e) {
      if (on_fault_) on_fault_("usb-events", e.what());
    } catch (...) {
      if (on_fault_) on_fault_("usb-events", "a non-standard exception");
    }
  }
}

void UsbContext::notify_hotplug() noexcept {
  std::lock_guard lock(hotplug_mutex_);
  if (on_hotplug_) on_hotplug_();
}

bool UsbContext::watch_hotplug(std::function<void()> on_change) {
  {
    std::lock_guard lock(hotplug_mutex_);
    on_hotplug_ = std::move(on_change);
  }
  if (hotplug_registered_ || !libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
    return hotplug_registered_;
  }
  const int rc = libusb_hotplug_register_callback(
      context_,
      static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                        LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
      static_cast<libusb_hotplug_flag>(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
      LIBUSB_HOTPLUG_MATCH_ANY, on_hotplug, this, &hotplug_handle_);
  hotplug_registered_ = rc == LIBUSB_SUCCESS;
  return hotplug_registered_;
}

UsbResult<std::vector<UsbDeviceInfo>> UsbContext::list_devices() {
  libusb_device** raw_list = nullptr;
  const ssize_t count = libusb_get_device_list(context_, &raw_list);
  if (count < 0) {
    return std::unexpected(
        UsbError{from_libusb(static_cast<int>(count)), "libusb_get_device_list"});
  }
  std::unique_ptr<libusb_device*, DeviceListDeleter> list(raw_list);
  std::vector<UsbDeviceInfo> out;
  auto self = shared_from_this();
  for (ssize_t i = 0; i < count; ++i) {
    libusb_device* dev = list.get()[i];
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) != LIBUSB_SUCCESS) continue;
    UsbDeviceInfo info{libusb_get_bus_number(dev),
                       libusb_get_device_address(dev),
                       desc.idVendor,
                       desc.idProduct,
                       desc.bDeviceClass,
                       desc.iManufacturer,
                       desc.iProduct,
                       desc.iSerialNumber,
                       {},
                       nullptr};
    libusb_config_descriptor* raw_config = nullptr;
    if (libusb_get_active_config_descriptor(dev, &raw_config) == LIBUSB_SUCCESS) {
      std::unique_ptr<libusb_config_descriptor, ConfigDeleter> config(raw_config);
      info.interfaces = parse_interfaces(*config);
    }
    // The deleter holds the context: a device reference never outlives libusb_exit.
    info.device = std::shared_ptr<libusb_device>(
        libusb_ref_device(dev), [self](libusb_device* d) { libusb_unref_device(d); });
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace drivers::usb

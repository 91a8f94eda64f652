#include "drivers/usb/device_manager.h"

#include <pthread.h>

#include <algorithm>

#include "drivers/usb/matcher.h"
#include "drivers/usb/printer_class.h"

namespace drivers::usb {

using namespace std::chrono_literals;
using model::Action;
using model::Status;

struct UsbDeviceManager::Slot {
  model::DeviceSpec spec;
  model::DeviceState state;
  std::optional<UsbDeviceInfo> present;  // the matched device while attached
  std::optional<InterfaceInfo> interface;
  std::shared_ptr<UsbDeviceHandle> handle;  // claim mode only
  std::optional<std::chrono::steady_clock::time_point> candidate_since;
};

namespace {

// Short, so that one sick device cannot hold the device thread for long.
constexpr model::CommandOptions kQuickControl{500ms, nullptr};

void set_status(model::DeviceState& s, Status status, Action action, std::string detail) {
  s.status = status;
  s.action = action;
  s.detail = std::move(detail);
}

void drop(UsbDeviceManager::Slot& slot, Status status, std::string detail) {
  slot.handle.reset();
  slot.present.reset();
  slot.interface.reset();
  slot.candidate_since.reset();
  slot.state.supplies.clear();
  if (status == Status::NoDevice) {
    slot.state.identity.reset();
    slot.state.matched_by.clear();
  }
  set_status(slot.state, status, status == Status::NoDevice ? Action::Reconnect : Action::None,
             std::move(detail));
}

// Status for a failed open or claim.
void set_open_failure(model::DeviceState& s, const UsbError& e) {
  switch (e.code) {
    case UsbErrc::Access:
      return set_status(s, Status::Offline, Action::Maintenance,
                        "permission denied; install the udev rule: " + e.context);
    case UsbErrc::Busy:
      return set_status(s, Status::Busy, Action::None,
                        "held by another program or driver: " + e.context);
    case UsbErrc::NoDevice:
      return set_status(s, Status::NoDevice, Action::Reconnect, e.context);
    default:
      return set_status(s, Status::Offline, Action::Reset, e.context);
  }
}

model::DeviceIdentity identity_of(const UsbDeviceInfo& d, UsbDeviceHandle* handle) {
  model::DeviceIdentity id{d.usb_id(), "", "", "", d.location()};
  if (handle == nullptr) return id;
  id.manufacturer = handle->read_string(d.manufacturer_index).value_or("");
  id.product = handle->read_string(d.product_index).value_or("");
  id.serial = handle->read_string(d.serial_index).value_or("");
  return id;
}

bool same_device(const UsbDeviceInfo& a, const UsbDeviceInfo& b) {
  // libusb keeps one libusb_device per connected device; a replug makes a new one.
  return a.device.get() == b.device.get();
}

}  // namespace

UsbDeviceManager::UsbDeviceManager(std::vector<model::DeviceSpec> specs, ManagerOptions options,
                                   Listener listener)
    : options_(std::move(options)), changes_(std::move(listener)) {
  for (auto& spec : specs) {
    auto slot = std::make_unique<Slot>();
    slot->state = {spec.name,    spec.kind, spec.mode, Status::Unknown,     {},
                   Action::None, "",        {},        "not looked for yet"};
    slot->spec = std::move(spec);
    slots_.push_back(std::move(slot));
  }
}

UsbDeviceManager::~UsbDeviceManager() {
  stop();
  if (context_) context_->watch_hotplug(nullptr);
  std::lock_guard lock(mutex_);
  slots_.clear();  // releases interfaces and closes handles before the context goes
}

void UsbDeviceManager::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void UsbDeviceManager::stop() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void UsbDeviceManager::poke() {
  {
    std::lock_guard lock(wake_mutex_);
    poked_ = true;
  }
  wake_cv_.notify_all();
}

void UsbDeviceManager::run() {
  pthread_setname_np(pthread_self(), "kiosk-device");
  for (;;) {
    run_pass();
    std::unique_lock lock(wake_mutex_);
    wake_cv_.wait_for(lock, next_wait(), [this] { return stopping_ || poked_; });
    if (stopping_) return;
    poked_ = false;
  }
}

void UsbDeviceManager::run_pass() noexcept {
  try {
    if (options_.checkpoint) options_.checkpoint();
    step();
  } catch (const std::exception& e) {
    if (options_.on_fault) options_.on_fault("device", e.what());
  } catch (...) {
    if (options_.on_fault) options_.on_fault("device", "a non-standard exception");
  }
}

std::chrono::milliseconds UsbDeviceManager::next_wait() const {
  auto wait = options_.rescan_period;
  const auto now = options_.now();
  std::lock_guard lock(mutex_);
  for (const auto& slot : slots_) {
    if (!slot->candidate_since) continue;
    const auto due = *slot->candidate_since + options_.settle_delay;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(due - now);
    wait = std::min(wait, std::max(left, std::chrono::milliseconds(10)));
  }
  return wait;
}

bool UsbDeviceManager::ensure_context() {
  if (context_) return true;
  auto context = UsbContext::create(options_.on_fault);
  if (!context) {
    std::lock_guard lock(mutex_);
    for (auto& slot : slots_) {
      set_status(slot->state, Status::Unknown, Action::None,
                 "USB unavailable: " + context.error().context);
    }
    return false;
  }
  context_ = std::move(*context);
  hotplug_ = context_->watch_hotplug([this] { poke(); });
  return true;
}

bool UsbDeviceManager::hotplug_active() const {
  return hotplug_;
}

void UsbDeviceManager::step() {
  {
    std::lock_guard step_lock(step_mutex_);
    if (ensure_context()) {
      auto devices = context_->list_devices();
      std::lock_guard lock(mutex_);
      if (devices) {
        for (auto& slot : slots_) update_slot(*slot, *devices);
      } else {
        for (auto& slot : slots_)
          set_status(slot->state, Status::Unknown, Action::None, devices.error().context);
      }
    }
  }
  publish_all();
}

void UsbDeviceManager::update_slot(Slot& slot, const std::vector<UsbDeviceInfo>& devices) {
  if (!slot.spec.match) {
    return set_status(slot.state, Status::Unknown, Action::None,
                      "no USB match rule for this entry (no usb, class or default for its kind)");
  }
  if (slot.present) {
    const bool still_there = std::ranges::any_of(
        devices, [&](const UsbDeviceInfo& d) { return same_device(d, *slot.present); });
    if (still_there) {
      if (slot.handle && slot.interface->interface_class == kClassPrinter) poll_printer(slot);
      return;
    }
    drop(slot, Status::NoDevice, "unplugged");
  }
  const auto taken = [&](const UsbDeviceInfo& d) {
    return std::ranges::any_of(slots_, [&](const auto& other) {
      return other.get() != &slot && other->present && same_device(*other->present, d);
    });
  };
  const SerialReader read_serial = [this](const UsbDeviceInfo& d) -> std::optional<std::string> {
    auto handle = UsbDeviceHandle::open(context_, d);
    if (!handle) return std::nullopt;
    auto serial = (*handle)->read_string(d.serial_index);
    return serial ? std::optional(*serial) : std::nullopt;
  };
  for (const UsbDeviceInfo& d : devices) {
    if (taken(d)) continue;
    auto match = match_device(*slot.spec.match, d, read_serial);
    if (!match) continue;
    const auto now = options_.now();
    if (!slot.candidate_since) slot.candidate_since = now;
    if (now - *slot.candidate_since < options_.settle_delay) {
      slot.state.detail = "found " + d.usb_id() + ", waiting for it to settle";
      return;
    }
    return attach(slot, d, match->matched_by, match->interface);
  }
  slot.candidate_since.reset();
  drop(slot, Status::NoDevice, "not connected");
}

void UsbDeviceManager::attach(Slot& slot, const UsbDeviceInfo& device,
                              const std::string& matched_by, const InterfaceInfo& interface) {
  slot.candidate_since.reset();
  slot.state.matched_by = matched_by;
  auto handle = UsbDeviceHandle::open(context_, device);
  if (slot.spec.mode == model::Mode::Watch) {
    // Opened only to read its strings, then closed: a watched device is never claimed.
    slot.state.identity = identity_of(device, handle ? handle->get() : nullptr);
    slot.present = device;
    slot.interface = interface;
    return set_status(slot.state, Status::Online, Action::None, "present (watched, not claimed)");
  }
  if (!handle) {
    slot.candidate_since = options_.now();  // try again after another settle delay
    return set_open_failure(slot.state, handle.error());
  }
  if (auto claimed = (*handle)->claim(interface.number); !claimed) {
    slot.candidate_since = options_.now();
    return set_open_failure(slot.state, claimed.error());
  }
  // A stalled endpoint stays halted across our reopen; clear it (USB 2.0 §9.4.5).
  for (const EndpointInfo& e : interface.endpoints) (void)(*handle)->clear_halt(e.address);
  slot.state.identity = identity_of(device, handle->get());
  slot.handle = std::move(*handle);
  slot.present = device;
  slot.interface = interface;
  slot.state.supplies.clear();
  set_status(slot.state, Status::Online, Action::None,
             "claimed interface " + std::to_string(interface.number));
  if (interface.interface_class == kClassPrinter) {
    identify_printer(slot);
    poll_printer(slot);
  }
}

// GET_DEVICE_ID names the model when the string descriptors do not (cheap clones).
void UsbDeviceManager::identify_printer(Slot& slot) {
  auto id = usb::control(slot.handle, printer_class::get_device_id(slot.interface->number), {},
                         1024, kQuickControl);
  if (!id) return;
  auto fields = printer_class::parse_device_id(*id);
  auto& identity = *slot.state.identity;
  if (identity.product.empty()) identity.product = fields["MDL"];
  if (identity.manufacturer.empty()) identity.manufacturer = fields["MFG"];
}

void UsbDeviceManager::poll_printer(Slot& slot) {
  auto reply = usb::control(slot.handle, printer_class::get_port_status(slot.interface->number), {},
                            1, kQuickControl);
  if (!reply) {
    // A printer that stalls GET_PORT_STATUS simply lacks it; only a lost device matters.
    if (reply.error().code == UsbErrc::NoDevice) drop(slot, Status::NoDevice, "unplugged");
    return;
  }
  if (reply->empty()) return;
  const auto port = printer_class::decode_port_status((*reply)[0]);
  slot.state.supplies["paper"] = port.paper;
  set_status(slot.state, port.status, port.action,
             port.detail.empty() ? slot.state.detail : port.detail);
  if (port.status == Status::Online)
    slot.state.detail = "claimed interface " + std::to_string(slot.interface->number);
}

void UsbDeviceManager::publish_all() {
  for (const auto& s : states()) changes_.publish(s);
}

std::vector<model::DeviceState> UsbDeviceManager::states() const {
  std::lock_guard lock(mutex_);
  std::vector<model::DeviceState> out;
  for (const auto& slot : slots_) out.push_back(slot->state);
  return out;
}

std::optional<model::DeviceState> UsbDeviceManager::state(const std::string& name) const {
  for (auto& s : states()) {
    if (s.name == name) return s;
  }
  return std::nullopt;
}

void UsbDeviceManager::lose_handle(const std::string& name,
                                   const std::shared_ptr<UsbDeviceHandle>& handle,
                                   const UsbError& error) {
  {
    std::lock_guard lock(mutex_);
    for (auto& slot : slots_) {
      if (slot->spec.name != name || slot->handle != handle) continue;
      drop(*slot, error.code == UsbErrc::NoDevice ? Status::NoDevice : Status::Offline,
           std::string("handle lost (") + std::string(to_string(error.code)) +
               "): " + error.context + "; finding it again");
    }
  }
  publish_all();
  poke();
}

UsbResult<std::pair<std::shared_ptr<UsbDeviceHandle>, std::optional<InterfaceInfo>>>
UsbDeviceManager::handle_of(const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (const auto& slot : slots_) {
    if (slot->spec.name != name) continue;
    if (slot->spec.mode == model::Mode::Watch) {
      return std::unexpected(UsbError{UsbErrc::NotSupported, name + " is watched, not claimed"});
    }
    if (!slot->handle) return std::unexpected(UsbError{UsbErrc::NoDevice, name + " not attached"});
    return std::pair{slot->handle, slot->interface};
  }
  return std::unexpected(UsbError{UsbErrc::NotFound, "no device named " + name});
}

template <class T>
UsbResult<T> UsbDeviceManager::checked(const std::string& name,
                                       const std::shared_ptr<UsbDeviceHandle>& handle,
                                       UsbResult<T> result) {
  if (!result && means_handle_lost(result.error().code)) lose_handle(name, handle, result.error());
  return result;
}

namespace {
std::optional<EndpointInfo> data_endpoint(const InterfaceInfo& i, Direction direction) {
  auto ep = i.find_endpoint(direction, EndpointType::Bulk);
  return ep ? ep : i.find_endpoint(direction, EndpointType::Interrupt);
}
}  // namespace

UsbResult<std::size_t> UsbDeviceManager::write(const std::string& name,
                                               std::span<const std::uint8_t> data,
                                               const model::CommandOptions& options) {
  auto target = handle_of(name);
  if (!target) return std::unexpected(target.error());
  auto ep = data_endpoint(*target->second, Direction::Out);
  if (!ep) return std::unexpected(UsbError{UsbErrc::NotSupported, name + ": no OUT endpoint"});
  return checked(name, target->first, usb::write(target->first, *ep, data, options));
}

UsbResult<std::vector<std::uint8_t>> UsbDeviceManager::read(const std::string& name,
                                                            std::size_t max_length,
                                                            const model::CommandOptions& options) {
  auto target = handle_of(name);
  if (!target) return std::unexpected(target.error());
  auto ep = data_endpoint(*target->second, Direction::In);
  if (!ep) return std::unexpected(UsbError{UsbErrc::NotSupported, name + ": no IN endpoint"});
  return checked(name, target->first, usb::read(target->first, *ep, max_length, options));
}

UsbResult<std::vector<std::uint8_t>> UsbDeviceManager::control(
    const std::string& name, const ControlSetup& setup, std::span<const std::uint8_t> out_data,
    std::size_t in_length, const model::CommandOptions& options) {
  auto target = handle_of(name);
  if (!target) return std::unexpected(target.error());
  // A stalled control request is "not supported", not a lost device (USB 2.0 §8.5.3.4).
  auto result = usb::control(target->first, setup, out_data, in_length, options);
  if (!result && result.error().code != UsbErrc::Pipe && means_handle_lost(result.error().code)) {
    lose_handle(name, target->first, result.error());
  }
  return result;
}

UsbResult<void> UsbDeviceManager::reset(const std::string& name) {
  UsbResult<void> result = std::unexpected(UsbError{UsbErrc::NotFound, "no device named " + name});
  {
    std::lock_guard step_lock(step_mutex_);
    std::lock_guard lock(mutex_);
    for (auto& slot : slots_) {
      if (slot->spec.name != name) continue;
      if (slot->handle) {
        result = slot->handle->reset();
      } else if (slot->present && context_) {
        auto temporary = UsbDeviceHandle::open(context_, *slot->present);  // never claimed
        result = temporary ? (*temporary)->reset() : std::unexpected(temporary.error());
      } else {
        result = std::unexpected(UsbError{UsbErrc::NoDevice, name + " not present"});
      }
    }
  }
  poke();
  return result;
}

std::vector<model::DeviceState> UsbDeviceManager::probe_once(std::vector<model::DeviceSpec> specs) {
  ManagerOptions options;
  options.settle_delay = 0ms;
  UsbDeviceManager manager(std::move(specs), options);
  manager.step();
  return manager.states();
}

}  // namespace drivers::usb

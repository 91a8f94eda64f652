#include "drivers/usb/device_manager.h"

#include <pthread.h>

#include <algorithm>

#include "drivers/usb/matcher.h"

namespace drivers::usb {

using namespace std::chrono_literals;
using model::Action;
using model::Fault;
using model::Status;

struct UsbDeviceManager::Slot {
  model::DeviceSpec spec;
  model::DeviceState state;              // the manager's view while no driver owns the state
  std::optional<UsbDeviceInfo> present;  // the matched device while attached
  std::optional<InterfaceInfo> interface;
  std::shared_ptr<UsbDeviceHandle> handle;  // claim mode only
  std::shared_ptr<model::CancelToken> cancel;
  std::unique_ptr<ClaimDriver> claim;
  std::unique_ptr<WatchDriver> watch;
  std::optional<Clock::time_point> driver_due;  // nullopt: on the next pass
  // The driver used the whole state budget of its pass (a scanner draining a long scan):
  // the next pass comes at once, after the other devices had theirs.
  bool budget_spent = false;
  std::optional<Clock::time_point> candidate_since;
};

namespace {

// Bounds a driver's run of Next::now() states within one pass.
constexpr int kMaxStatesPerPass = 16;

void set_status(model::DeviceState& s, Status status, Action action, std::string detail,
                Fault fault = Fault::None) {
  s.status = status;
  s.action = action;
  s.detail = std::move(detail);
  s.fault = fault;
}

// Status for a failed open or claim; the fault keeps what libusb said.
void set_open_failure(model::DeviceState& s, const UsbError& e) {
  const Fault fault = fault_of(e.code);
  switch (e.code) {
    case UsbErrc::Access:
      return set_status(s, Status::Offline, Action::Maintenance,
                        "permission denied; install the udev rule: " + e.context, fault);
    case UsbErrc::Busy:
      return set_status(s, Status::Busy, Action::None,
                        "held by another program or driver: " + e.context, fault);
    case UsbErrc::NoDevice:
      return set_status(s, Status::NoDevice, Action::Reconnect, e.context, fault);
    default:
      return set_status(s, Status::Offline, Action::Reset, e.context, fault);
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

std::string describe(const InterfaceInfo& i) {
  return "class " + std::to_string(i.interface_class) + "/" + std::to_string(i.interface_subclass) +
         "/" + std::to_string(i.interface_protocol);
}

}  // namespace

namespace {
std::vector<model::DeviceState> initial_states(const std::vector<model::DeviceSpec>& specs) {
  std::vector<model::DeviceState> out;
  for (const auto& spec : specs) {
    model::DeviceState s{.name = spec.name, .kind = spec.kind, .mode = spec.mode};
    s.detail = "not looked for yet";
    out.push_back(std::move(s));
  }
  return out;
}
}  // namespace

UsbDeviceManager::UsbDeviceManager(std::vector<model::DeviceSpec> specs, DriverTable drivers,
                                   ManagerOptions options, Listener listener)
    : drivers_(std::move(drivers)),
      options_(std::move(options)),
      board_(initial_states(specs), std::move(listener)),
      wait_(options_.rescan_period) {
  auto states = initial_states(specs);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto slot = std::make_unique<Slot>();
    slot->spec = std::move(specs[i]);
    slot->state = std::move(states[i]);
    slots_.push_back(std::move(slot));
  }
}

UsbDeviceManager::~UsbDeviceManager() {
  stop();
  if (context_) context_->watch_hotplug(nullptr);
  std::lock_guard lock(step_mutex_);
  for (auto& slot : slots_) {
    if (slot->claim) slot->claim->release();
  }
  {
    std::lock_guard handles(handles_mutex_);
    handles_.clear();
  }
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
  if (!thread_.joinable()) return;
  {
    // A transfer in flight ends now instead of at its timeout.
    std::lock_guard handles(handles_mutex_);
    for (auto& [name, open] : handles_) open.cancel->cancel();
  }
  thread_.join();
  // Cancelled tokens are spent: drop what they guarded, so that start() finds it again.
  std::lock_guard lock(step_mutex_);
  for (auto& slot : slots_) {
    if (slot->cancel && slot->cancel->cancelled())
      drop(*slot, Status::Offline, "device thread stopped", Fault::None);
  }
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
    wake_cv_.wait_for(lock, wait_, [this] { return stopping_ || poked_; });
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

// The wait until the earliest of: a settle delay ending, a driver's next state, a rescan.
std::chrono::milliseconds UsbDeviceManager::due_wait() const {
  auto wait = options_.rescan_period;
  const auto now = options_.now();
  const auto until = [&](Clock::time_point due) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(due - now);
    wait = std::min(wait, std::max(left, std::chrono::milliseconds(10)));
  };
  for (const auto& slot : slots_) {
    if (slot->candidate_since) until(*slot->candidate_since + options_.settle_delay);
    if (slot->claim && slot->driver_due) until(*slot->driver_due);
    if (slot->claim && slot->budget_spent) wait = std::chrono::milliseconds(0);
  }
  return wait;
}

bool UsbDeviceManager::ensure_context() {
  if (context_) return true;
  auto context = UsbContext::create(options_.on_fault);
  if (!context) {
    for (auto& slot : slots_) {
      set_status(slot->state, Status::Unknown, Action::None,
                 "USB unavailable: " + context.error().context, fault_of(context.error().code));
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
  std::lock_guard step_lock(step_mutex_);
  apply_lost_handles();
  if (ensure_context()) {
    auto devices = context_->list_devices();
    if (devices) {
      for (auto& slot : slots_) update_slot(*slot, *devices);
      for (auto& slot : slots_) run_driver(*slot);
    } else {
      for (auto& slot : slots_)
        set_status(slot->state, Status::Unknown, Action::None, devices.error().context,
                   fault_of(devices.error().code));
    }
  }
  publish_unattached();
  const auto wait = due_wait();
  std::lock_guard lock(wake_mutex_);
  wait_ = wait;
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
      if (slot.watch) slot.watch->present();
      return;
    }
    drop(slot, Status::NoDevice, "unplugged", Fault::NoDevice);
  }
  const auto taken = [&](const UsbDeviceInfo& d) {
    return std::ranges::any_of(slots_, [&](const auto& other) {
      return other.get() != &slot && other->present && same_device(*other->present, d);
    });
  };
  const auto ignored = [&](const UsbDeviceInfo& d) {
    return std::ranges::any_of(options_.ignored, [&](const model::MatchSpec& m) {
      return (!m.vendor_id || *m.vendor_id == d.vendor_id) &&
             (!m.product_id || *m.product_id == d.product_id);
    });
  };
  const SerialReader read_serial = [this](const UsbDeviceInfo& d) -> std::optional<std::string> {
    auto handle = UsbDeviceHandle::open(context_, d);
    if (!handle) return std::nullopt;
    auto serial = (*handle)->read_string(d.serial_index);
    return serial ? std::optional(*serial) : std::nullopt;
  };
  for (const UsbDeviceInfo& d : devices) {
    if (taken(d) || ignored(d)) continue;
    auto match = match_device(*slot.spec.match, d, read_serial);
    if (!match) continue;
    const auto now = options_.now();
    if (!slot.candidate_since) slot.candidate_since = now;
    if (now - *slot.candidate_since < options_.settle_delay) {
      slot.state.detail = "found " + d.usb_id() + ", waiting for it to settle";
      return;
    }
    return attach(slot, d, match->matched_by, match->interfaces);
  }
  slot.candidate_since.reset();
  drop(slot, Status::NoDevice, "not connected", Fault::None);
}

void UsbDeviceManager::attach(Slot& slot, const UsbDeviceInfo& device,
                              const std::string& matched_by,
                              const std::vector<InterfaceInfo>& candidates) {
  slot.state.matched_by = matched_by;
  const auto choice = drivers_.choose(slot.spec.kind, slot.spec.mode, device, candidates);
  if (!choice) {
    // Nothing knows these interfaces: leave them to the kernel, say so, look again next pass.
    std::string which;
    for (const auto& i : candidates)
      which += (which.empty() ? "" : ", ") + std::to_string(i.number) + " (" + describe(i) + ")";
    slot.state.identity = identity_of(device, nullptr);
    return set_status(slot.state, Status::Unknown, Action::Maintenance,
                      "no driver for interface " + which + " of a " +
                          std::string(model::to_string(slot.spec.kind)) + " in " +
                          std::string(model::to_string(slot.spec.mode)) + " mode");
  }
  if (slot.spec.mode == model::Mode::Watch)
    return attach_watched(slot, device, choice->interface, *choice->factory);
  attach_claimed(slot, device, choice->interface, *choice->factory);
}

void UsbDeviceManager::attach_watched(Slot& slot, const UsbDeviceInfo& device,
                                      const InterfaceInfo& interface,
                                      const DriverFactory& factory) {
  slot.candidate_since.reset();
  // Opened only to read its strings, then closed: a watched device is never claimed.
  auto handle = UsbDeviceHandle::open(context_, device);
  slot.state.identity = identity_of(device, handle ? handle->get() : nullptr);
  slot.present = device;
  slot.interface = interface;
  set_status(slot.state, Status::Online, Action::None, "present (watched, not claimed)");
  slot.watch = factory.make_watch(WatchSetup{device, interface, slot.state, board_});
  slot.watch->present();
}

void UsbDeviceManager::attach_claimed(Slot& slot, const UsbDeviceInfo& device,
                                      const InterfaceInfo& interface,
                                      const DriverFactory& factory) {
  auto handle = UsbDeviceHandle::open(context_, device);
  if (!handle) {
    slot.candidate_since = options_.now();  // try again after another settle delay
    return set_open_failure(slot.state, handle.error());
  }
  if (auto claimed = (*handle)->claim(interface.number); !claimed) {
    slot.candidate_since = options_.now();
    return set_open_failure(slot.state, claimed.error());
  }
  slot.candidate_since.reset();
  // A stalled endpoint stays halted across our reopen; clear it (USB 2.0 §9.4.5).
  for (const EndpointInfo& e : interface.endpoints) (void)(*handle)->clear_halt(e.address);
  slot.state.identity = identity_of(device, handle->get());
  slot.state.supplies.clear();
  set_status(slot.state, Status::Online, Action::None,
             "claimed interface " + std::to_string(interface.number));
  slot.handle = std::move(*handle);
  slot.present = device;
  slot.interface = interface;
  slot.cancel = std::make_shared<model::CancelToken>();
  slot.driver_due.reset();
  // The driver publishes from its first state on (this pass): one event, not two.
  slot.claim = factory.make_claim(
      ClaimSetup{slot.handle, device, interface, slot.state, board_, *slot.cancel});
  std::lock_guard lock(handles_mutex_);
  handles_[slot.spec.name] = OpenHandle{slot.handle, interface, slot.cancel};
}

// Runs the claim driver's states that are due: at least one per pass unless it asked for
// a later time, and on through Next::now() up to a bound.
void UsbDeviceManager::run_driver(Slot& slot) {
  if (!slot.claim) return;
  if (slot.driver_due && options_.now() < *slot.driver_due) return;
  slot.driver_due.reset();
  slot.budget_spent = false;
  for (int i = 0; i < kMaxStatesPerPass; ++i) {
    const Next next = slot.claim->advance(options_.now());
    switch (next.kind) {
      case Next::Kind::Now:
        continue;
      case Next::Kind::NextPass:
        return;
      case Next::Kind::At:
        slot.driver_due = next.at;
        return;
      case Next::Kind::Lost:
        return drop(slot, next.lost->code == UsbErrc::NoDevice ? Status::NoDevice : Status::Offline,
                    "handle lost (" + std::string(to_string(next.lost->code)) +
                        "): " + next.lost->context + "; finding it again",
                    fault_of(next.lost->code));
    }
  }
  slot.budget_spent = true;  // still going after kMaxStatesPerPass states
}

// Ends the attachment: the driver's cleanup state runs first, then the handle goes.
void UsbDeviceManager::drop(Slot& slot, Status status, std::string detail, Fault fault) {
  if (slot.claim) slot.claim->release();
  if (slot.watch && status == Status::NoDevice) slot.watch->removed();
  slot.claim.reset();
  slot.watch.reset();
  {
    std::lock_guard lock(handles_mutex_);
    handles_.erase(slot.spec.name);
  }
  slot.handle.reset();
  slot.cancel.reset();
  slot.driver_due.reset();
  slot.present.reset();
  slot.interface.reset();
  slot.candidate_since.reset();
  slot.state.supplies.clear();
  if (status == Status::NoDevice) {
    slot.state.identity.reset();
    slot.state.matched_by.clear();
  }
  set_status(slot.state, status, status == Status::NoDevice ? Action::Reconnect : Action::None,
             std::move(detail), fault);
}

// Slots without a driver publish the manager's view; a driver publishes its own.
void UsbDeviceManager::publish_unattached() {
  for (const auto& slot : slots_) {
    if (!slot->claim && !slot->watch) board_.publish(slot->state);
  }
}

std::vector<model::DeviceState> UsbDeviceManager::states() const {
  return board_.states();
}

std::optional<model::DeviceState> UsbDeviceManager::state(const std::string& name) const {
  return board_.state(name);
}

// From any thread: the handle stops serving at once, the state says so, and the device
// thread drops the driver on its next pass (poked now).
void UsbDeviceManager::lose_handle(const std::string& name,
                                   const std::shared_ptr<UsbDeviceHandle>& handle,
                                   const UsbError& error) {
  {
    std::lock_guard lock(handles_mutex_);
    auto it = handles_.find(name);
    if (it == handles_.end() || it->second.handle != handle) return;
    handles_.erase(it);
    lost_.push_back({name, handle, error});
  }
  if (auto s = board_.state(name)) {
    set_status(*s, error.code == UsbErrc::NoDevice ? Status::NoDevice : Status::Offline,
               Action::None,
               "handle lost (" + std::string(to_string(error.code)) + "): " + error.context +
                   "; finding it again",
               fault_of(error.code));
    s->supplies.clear();
    board_.publish(*s);
  }
  poke();
}

void UsbDeviceManager::apply_lost_handles() {
  std::vector<LostHandle> lost;
  {
    std::lock_guard lock(handles_mutex_);
    lost.swap(lost_);
  }
  for (const auto& l : lost) {
    for (auto& slot : slots_) {
      if (slot->spec.name != l.name || slot->handle != l.handle) continue;
      drop(*slot, l.error.code == UsbErrc::NoDevice ? Status::NoDevice : Status::Offline,
           "handle lost (" + std::string(to_string(l.error.code)) + "): " + l.error.context +
               "; finding it again",
           fault_of(l.error.code));
    }
  }
}

UsbResult<UsbDeviceManager::OpenHandle> UsbDeviceManager::handle_of(const std::string& name) const {
  {
    std::lock_guard lock(handles_mutex_);
    if (auto it = handles_.find(name); it != handles_.end()) return it->second;
  }
  for (const auto& slot : slots_) {  // specs never change after construction
    if (slot->spec.name != name) continue;
    if (slot->spec.mode == model::Mode::Watch) {
      return std::unexpected(UsbError{UsbErrc::NotSupported, name + " is watched, not claimed"});
    }
    return std::unexpected(UsbError{UsbErrc::NoDevice, name + " not attached"});
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
  auto ep = data_endpoint(target->interface, Direction::Out);
  if (!ep) return std::unexpected(UsbError{UsbErrc::NotSupported, name + ": no OUT endpoint"});
  return checked(name, target->handle, usb::write(target->handle, *ep, data, options));
}

UsbResult<std::vector<std::uint8_t>> UsbDeviceManager::read(const std::string& name,
                                                            std::size_t max_length,
                                                            const model::CommandOptions& options) {
  auto target = handle_of(name);
  if (!target) return std::unexpected(target.error());
  auto ep = data_endpoint(target->interface, Direction::In);
  if (!ep) return std::unexpected(UsbError{UsbErrc::NotSupported, name + ": no IN endpoint"});
  return checked(name, target->handle, usb::read(target->handle, *ep, max_length, options));
}

UsbResult<std::vector<std::uint8_t>> UsbDeviceManager::control(
    const std::string& name, const ControlSetup& setup, std::span<const std::uint8_t> out_data,
    std::size_t in_length, const model::CommandOptions& options) {
  auto target = handle_of(name);
  if (!target) return std::unexpected(target.error());
  auto result = usb::control(target->handle, setup, out_data, in_length, options);
  if (!result && means_handle_lost_on_control(result.error().code)) {
    lose_handle(name, target->handle, result.error());
  }
  return result;
}

UsbResult<void> UsbDeviceManager::reset(const std::string& name) {
  UsbResult<void> result = std::unexpected(UsbError{UsbErrc::NotFound, "no device named " + name});
  {
    std::lock_guard step_lock(step_mutex_);
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
      if (slot->watch) slot->watch->reset_done(result);
    }
  }
  poke();
  return result;
}

std::vector<model::DeviceState> UsbDeviceManager::probe_once(std::vector<model::DeviceSpec> specs,
                                                             const DriverTable& drivers) {
  ManagerOptions options;
  options.settle_delay = 0ms;
  UsbDeviceManager manager(std::move(specs), drivers, options);
  manager.step();
  return manager.states();
}

}  // namespace drivers::usb

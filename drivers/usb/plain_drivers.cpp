#include "drivers/usb/plain_drivers.h"

namespace drivers::usb {
namespace {

// One state: Holding. The claim is the manager's; nothing to send, nothing to clean up.
class PlainClaimDriver final : public ClaimDriver {
 public:
  explicit PlainClaimDriver(ClaimSetup setup) : sink_(setup.sink), state_(std::move(setup.state)) {}
  Next advance(DriverClock::time_point) override {
    sink_.publish(state_);
    return Next::next_pass();
  }
  void release() override {}

 private:
  StateSink& sink_;
  model::DeviceState state_;
};

class PresenceDriver final : public WatchDriver {
 public:
  explicit PresenceDriver(WatchSetup setup) : sink_(setup.sink), state_(std::move(setup.state)) {
    state_.detail = "present (watched, not claimed)";
  }
  void present() override { sink_.publish(state_); }
  void removed() override {}  // the manager publishes no-device
  void reset_done(const UsbResult<void>& result) override {
    state_.fault = result ? model::Fault::None : fault_of(result.error().code);
    state_.detail = result ? "present (watched, not claimed); reset done"
                           : "present (watched); reset failed: " + result.error().context;
    sink_.publish(state_);
  }

 private:
  StateSink& sink_;
  model::DeviceState state_;
};

}  // namespace

void register_plain_drivers(DriverTable& table) {
  table.add(
      {.name = "plain-claim",
       .kind = std::nullopt,
       .mode = model::Mode::Claim,
       .drives = {},
       .make_claim = [](ClaimSetup s) { return std::make_unique<PlainClaimDriver>(std::move(s)); },
       .make_watch = {}});
  table.add(
      {.name = "presence",
       .kind = std::nullopt,
       .mode = model::Mode::Watch,
       .drives = {},
       .make_claim = {},
       .make_watch = [](WatchSetup s) { return std::make_unique<PresenceDriver>(std::move(s)); }});
}

}  // namespace drivers::usb

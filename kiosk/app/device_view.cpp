#include "kiosk/app/device_view.h"

namespace kiosk::app {

namespace model = drivers::model;

DeviceBanner banner_of(const DeviceView& d) {
  // A device that is missing still wants reconnecting even when its driver named no action.
  auto action = d.action;
  if (action == model::Action::None && d.status == model::Status::NoDevice)
    action = model::Action::Reconnect;
  return DeviceBanner{d.name, d.kind, model::kind_text_key(d.kind),
                      model::status_text_key(d.status), model::action_text_key(action)};
}

std::optional<DeviceBanner> banner_for(const std::vector<DeviceView>& devices) {
  for (const auto& d : devices) {
    if (d.required && d.status != model::Status::Online) return banner_of(d);
  }
  return std::nullopt;
}

}  // namespace kiosk::app

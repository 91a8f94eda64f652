#include "kiosk/app/preflight.h"

#include <algorithm>

namespace kiosk::app {

namespace {

namespace model = drivers::model;

model::DeviceKind required_kind(services::Device d) {
  switch (d) {
    case services::Device::Printer:
      return model::DeviceKind::Printer;
    case services::Device::Scanner:
      return model::DeviceKind::Scanner;
    case services::Device::Fingerprint:
      return model::DeviceKind::Fingerprint;
  }
  return model::DeviceKind::Printer;
}

bool device_ready(const DeviceView& d) {
  return d.status == model::Status::Online;
}

// The kiosk has devices of `kind`, and none of them can work now: the first, to name it.
std::optional<DeviceView> first_not_ready(model::DeviceKind kind,
                                          const std::vector<DeviceView>& devices) {
  std::optional<DeviceView> first;
  for (const DeviceView& d : devices) {
    if (d.kind != kind) continue;
    if (device_ready(d)) return std::nullopt;
    if (!first) first = d;
  }
  return first;
}

}  // namespace

std::optional<PreflightView> preflight(const services::Service& service,
                                       const std::vector<DeviceView>& devices) {
  PreflightView view;
  for (services::Device need : service.required_devices) {
    if (auto d = first_not_ready(required_kind(need), devices))
      view.blocking.push_back(banner_of(*d));
  }
  const bool printer_required =
      std::ranges::find(service.required_devices, services::Device::Printer) !=
      service.required_devices.end();
  // A free status lookup prints nothing: only a service that takes money gives a receipt.
  const bool gives_receipt = service.kind != services::ServiceKind::StatusLookup;
  if (!printer_required && gives_receipt)
    view.e_receipt = first_not_ready(model::DeviceKind::Printer, devices).has_value();
  if (view.blocking.empty() && !view.e_receipt) return std::nullopt;
  return view;
}

}  // namespace kiosk::app

#include "kiosk/devices/device_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/core/log.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_specs.h"

namespace kiosk::devices {

namespace model = drivers::model;

namespace {

std::vector<model::DeviceState> initial_states(const config::Config& config) {
  std::vector<model::DeviceState> initial;
  for (const auto& spec : device_specs(config)) initial.push_back(unknown_state(spec, "starting"));
  return initial;
}

}  // namespace

Result<ResetRequest> parse_reset(const control::Request& request) {
  if (auto only = request.only_fields({"name"}); !only) return std::unexpected(only.error());
  auto name = request.text("name");
  if (!name) return std::unexpected(name.error());
  if (name->empty() || name->size() > 64)
    return fail(Errc::InvalidInput, "field \"name\" must be a device name from the devices table");
  return ResetRequest{std::move(*name)};
}

nlohmann::json to_json(const ResetReply& reply) {
  return {{"reset", reply.name}, {"ok", true}};
}

nlohmann::json to_json(const DevicesReply& reply) {
  return {{"devices", to_json(reply.states)}};
}

DeviceService::DeviceService(const config::Config& config) : registry_(initial_states(config)) {}

DeviceService::~DeviceService() {
  set_port(nullptr);
}

void DeviceService::publish(const model::DeviceState& s) {
  registry_.update(s);
  log::info(
      "devices", "{} ({}): {}{}{}", s.name, model::to_string(s.kind), model::to_string(s.status),
      s.action == model::Action::None ? "" : ", action " + std::string(model::to_string(s.action)),
      s.detail.empty() ? "" : " - " + s.detail);
  std::lock_guard lock(listener_mutex_);
  if (listener_) listener_(registry_.states());
}

void DeviceService::set_port(DevicePort* port) {
  std::lock_guard lock(port_mutex_);
  port_ = port;
}

void DeviceService::on_change(ChangeListener listener) {
  std::lock_guard lock(listener_mutex_);
  listener_ = std::move(listener);
}

Result<ResetReply> DeviceService::reset(const ResetRequest& request) {
  const auto states = registry_.states();
  if (std::ranges::none_of(states, [&](const auto& s) { return s.name == request.name; }))
    return fail(Errc::NotFound, fmt::format("no device \"{}\" in the devices table", request.name));
  std::lock_guard lock(port_mutex_);
  if (!port_) return fail(Errc::Unavailable, "the kiosk has no device layer running");
  if (auto done = port_->reset(request.name); !done) return std::unexpected(done.error());
  return ResetReply{request.name};
}

void DeviceService::register_verbs(control::VerbRegistry& verbs) {
  verbs.add({"devices", control::Access::Read, kDevicesBudget, "every configured device's state"},
            control::parse_no_fields, [this](const control::NoFields&, const control::Peer&) {
              return Result<DevicesReply>(DevicesReply{registry_.states()});
            });
  verbs.add({"reset", control::Access::Change, kResetBudget, "USB reset of one device"},
            parse_reset,
            [this](const ResetRequest& request, const control::Peer&) { return reset(request); });
}

}  // namespace kiosk::devices

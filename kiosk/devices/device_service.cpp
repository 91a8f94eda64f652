#include "kiosk/devices/device_service.h"

#include "kiosk/core/log.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_specs.h"

namespace kiosk::devices {

namespace model = drivers::model;

Result<std::unique_ptr<DeviceService>> DeviceService::start(const config::Config& config) {
  auto lock = InstanceLock::acquire(lock_file(config));
  if (!lock) return std::unexpected(lock.error());
  std::vector<model::DeviceState> initial;
  for (const auto& spec : device_specs(config)) initial.push_back(unknown_state(spec, "starting"));
  std::unique_ptr<DeviceService> service(new DeviceService(std::move(*lock), std::move(initial)));
  auto server = ControlServer::start(
      config.control_socket, [s = service.get()](const nlohmann::json& r) { return s->handle(r); });
  if (server) {
    service->server_ = std::move(*server);
    log::info("devices", "control socket {}", config.control_socket.string());
  } else {
    log::warn("devices", "{}; kioskctl cannot reach this kiosk", server.error().message);
  }
  return service;
}

DeviceService::DeviceService(InstanceLock lock, std::vector<model::DeviceState> initial)
    : lock_(std::move(lock)), registry_(std::move(initial)) {}

DeviceService::~DeviceService() {
  server_.reset();  // no request may run while the rest is torn down
  {
    std::lock_guard lock(hook_mutex_);
    reset_ = nullptr;
  }
  backend_.reset();  // joins the device threads; they may still publish until then
}

void DeviceService::publish(const model::DeviceState& s) {
  registry_.update(s);
  log::info(
      "devices", "{} ({}): {}{}{}", s.name, s.kind, model::to_string(s.status),
      s.action == model::Action::None ? "" : ", action " + std::string(model::to_string(s.action)),
      s.detail.empty() ? "" : " - " + s.detail);
}

void DeviceService::attach(std::shared_ptr<void> backend, ResetHook reset) {
  std::lock_guard lock(hook_mutex_);
  backend_ = std::move(backend);
  reset_ = std::move(reset);
}

nlohmann::json DeviceService::handle(const nlohmann::json& request) {
  const auto verb = request.value("verb", "");
  if (verb == "devices") return {{"devices", to_json(registry_.states())}};
  if (verb == "reset" && request.contains("name") && request["name"].is_string()) {
    std::lock_guard lock(hook_mutex_);
    auto done = reset_ ? reset_(request["name"].get<std::string>())
                       : fail(Errc::Unavailable, "no device layer");
    if (done) return {{"reset", request["name"]}, {"ok", true}};
    return {{"error", {{"code", to_string(done.error().code)}, {"message", done.error().message}}}};
  }
  return {{"error", {{"code", "invalid-input"}, {"message", "unknown verb \"" + verb + "\""}}}};
}

}  // namespace kiosk::devices

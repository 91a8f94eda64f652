// Device verbs: `devices [--json]` and `devices reset NAME`.
//
// While csc-kiosk runs it owns the devices, so these go through its control socket;
// otherwise kioskctl opens the devices itself with the same USB layer (drivers/usb).
#include <nlohmann/json.hpp>

#include "apps/kioskctl/verbs.h"
#include "apps/usb_device_port.h"
#include "kiosk/biometric/reader_config.h"
#include "kiosk/control/client.h"
#include "kiosk/core/log.h"
#include "kiosk/ctl/status_facts.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/devices/device_query.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"

namespace kioskctl {
namespace {

using kiosk::ExitCode;
using nlohmann::json;

void list_devices(const Globals& g, const std::string& language, int& exit_code) {
  auto config = load_config(g, exit_code);
  if (!config) return;
  auto listing = kiosk::devices::list_devices(*config, local_probe(*config));
  if (!listing) return print_error(g, listing.error(), exit_code);
  // Texts in the asked language, as `status` gives them; the keys stay beside.
  const std::vector<std::string> languages{language};
  auto strings = kiosk::i18n::Strings::load(config->assets_dir / "i18n", languages);
  if (strings)
    kiosk::ctl::translate_device_texts(listing->devices, *strings, language);
  else  // the listing still matters more than its words: keys stay, and the log says why
    kiosk::log::warn("kioskctl", "device texts unavailable: {}", strings.error().message);
  if (g.json) {
    print(json{{"source", listing->source}, {"devices", listing->devices}}.dump(2) + "\n");
  } else {
    print(kiosk::devices::devices_text(listing->devices));
    print("(from " +
          std::string(listing->source == "app"     ? "the running kiosk"
                      : listing->source == "local" ? "the devices, opened by kioskctl"
                                                   : "the configuration only") +
          ")\n");
  }
  exit_code = static_cast<int>(ExitCode::Ok);
}

// Resets through the kiosk when it runs, else opens the device (never claiming a watched one).
kiosk::Status reset_device(const kiosk::config::Config& config, const std::string& name) {
  auto reply =
      kiosk::control::exchange(config.control_socket, {{"verb", "reset"}, {"name", name}},
                               kiosk::control::client_timeout(kiosk::devices::kResetBudget));
  if (reply) {  // its refusal keeps the kiosk's code: access, no-device, pipe, timeout …
    if (reply->refused) return std::unexpected(std::move(*reply->refused));
    return {};
  }
  if (reply.error().code == kiosk::Errc::Access) return std::unexpected(reply.error());
  if (kiosk::devices::InstanceLock::held(kiosk::devices::lock_file(config)))
    return kiosk::fail(kiosk::Errc::Busy, "csc-kiosk is running but does not answer");
  drivers::usb::ManagerOptions options;
  options.settle_delay = std::chrono::milliseconds(0);
  options.ignored = kiosk::devices::ignored_matches(config);
  drivers::usb::UsbDeviceManager manager(kiosk::devices::device_specs(config),
                                         apps::kiosk_drivers(), options);
  manager.step();
  if (auto reset = manager.reset(name); !reset)
    return std::unexpected(apps::error_for(reset.error()));
  return {};
}

}  // namespace

kiosk::devices::LocalProbe local_probe(const kiosk::config::Config& config) {
  return [reader = kiosk::biometric::reader_settings(config)](
             const std::vector<drivers::model::DeviceSpec>& specs) {
    auto states = drivers::usb::UsbDeviceManager::probe_once(specs, apps::kiosk_drivers());
    if (!reader) return states;
    // The fingerprint reader as the kiosk would show it: USB and its RD Service together.
    kiosk::biometric::RdClient client(reader->client);
    for (auto& state : states) {
      if (state.name != reader->monitor.device_name) continue;
      state = kiosk::biometric::look_once(client, reader->monitor.usb_watched, std::move(state),
                                          std::chrono::system_clock::now());
    }
    return states;
  };
}

void register_device_verbs(CLI::App& app, const Globals& g, int& exit_code) {
  static std::string reset_name;  // CLI11 binds to storage that outlives parse()
  CLI::App* devices = app.add_subcommand(
      "devices", "Configured and matched devices: how matched, model, status, supplies, action");
  static std::string language = "en";
  devices->add_option("--lang", language, "Language of the device texts (en, hi)")
      ->check(CLI::IsMember({"en", "hi"}));
  devices->callback([devices, &g, &exit_code] {
    if (devices->get_subcommands().empty()) list_devices(g, language, exit_code);
  });
  CLI::App* reset = devices->add_subcommand("reset", "USB reset of a device (also a watched one)");
  reset->add_option("NAME", reset_name, "Device name from the devices table")->required();
  reset->callback([&g, &exit_code] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    if (auto done = reset_device(*config, reset_name); !done)
      return print_error(g, done.error(), exit_code);
    if (g.json)
      print(json{{"reset", reset_name}, {"ok", true}}.dump(2) + "\n");
    else
      print("reset " + reset_name + "\n");
    exit_code = static_cast<int>(ExitCode::Ok);
  });
}

}  // namespace kioskctl

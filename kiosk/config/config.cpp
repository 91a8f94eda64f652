#include "kiosk/config/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "kiosk/config/config_schema.h"
#include "kiosk/core/file.h"

namespace kiosk::config {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using FlatValues = std::map<std::string, json>;

Status flatten(const json& node, const std::string& prefix, FlatValues& out) {
  if (!node.is_object()) {
    return fail(Errc::Config, prefix.empty() ? "the file must hold a JSON object"
                                             : fmt::format("key '{}' must be an object", prefix));
  }
  for (const auto& [name, value] : node.items()) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (find_key(key) != nullptr) {
      out[key] = value;
    } else if (is_section(key)) {
      if (auto status = flatten(value, key, out); !status) return status;
    } else {
      return fail(Errc::Config, fmt::format("unknown key '{}'", key));
    }
  }
  return {};
}

Result<FlatValues> flatten_layer(const json& layer, std::string_view name) {
  FlatValues flat;
  if (auto status = flatten(layer, "", flat); !status) {
    return fail(Errc::Config, fmt::format("{}: {}", name, status.error().message));
  }
  return flat;
}

json resolve_path(const json& value, const fs::path& base) {
  const fs::path path(value.get<std::string>());
  if (path.empty() || path.is_absolute() || base.empty()) return value;
  return (base / path).lexically_normal().string();
}

struct Effective {
  FlatValues values;
  std::map<std::string, Origin> origins;
};

Result<Effective> layer_values(const Layers& layers, const FlatValues& local,
                               const FlatValues& bundle) {
  Effective eff;
  for (const KeySpec& spec : schema()) {
    const std::string key(spec.key);
    json value = spec.default_value;
    Origin origin = Origin::Default;
    if (bundle.contains(key) && spec.key_class == KeyClass::LocalOnly) {
      return fail(Errc::Config,
                  fmt::format("configuration bundle: key '{}' is local-only and cannot come "
                              "from a bundle",
                              key));
    }
    if (local.contains(key)) {
      value = local.at(key);
      origin = Origin::Local;
      if (spec.is_path && value.is_string()) value = resolve_path(value, layers.local_dir);
    }
    if (bundle.contains(key)) {  // Remote only (checked above): a bundle wins
      value = bundle.at(key);
      origin = Origin::Bundle;
    }
    if (auto problem = spec.validate(value)) {
      const std::string from = origin == Origin::Bundle  ? std::string("configuration bundle")
                               : origin == Origin::Local ? layers.local_name
                                                         : std::string("built-in default");
      return fail(Errc::Config, fmt::format("{}: key '{}' {}", from, key, *problem));
    }
    eff.values[key] = std::move(value);
    eff.origins[key] = origin;
  }
  return eff;
}

UsbId parse_usb_id(const std::string& text) {  // validated already: "vvvv:pppp"
  return UsbId{static_cast<std::uint16_t>(std::stoul(text.substr(0, 4), nullptr, 16)),
               static_cast<std::uint16_t>(std::stoul(text.substr(5, 4), nullptr, 16))};
}

std::vector<DeviceEntry> device_entries(const json& table) {
  std::vector<DeviceEntry> out;
  for (const auto& [name, d] : table.items()) {
    namespace model = drivers::model;
    if (d.value("mode", "") == "ignore") continue;  // ignored_devices
    DeviceEntry entry;
    entry.name = name;
    // validated already: a name from the kind table
    entry.kind = model::kind_from_name(d.at("kind").get<std::string>()).value();
    entry.simulated = d.value("simulated", false);
    entry.options = d.value("options", json::object());
    entry.required = d.value("required", true);
    if (d.contains("usb")) entry.usb = parse_usb_id(d.at("usb").get<std::string>());
    if (d.contains("serial")) entry.serial = d.at("serial").get<std::string>();
    if (d.contains("class")) entry.interface_class = d.at("class").get<int>();
    // The kind's default (an RD Service owns fingerprint readers: watched) unless told.
    entry.mode = model::kind_info(entry.kind).default_mode;
    if (d.contains("mode"))
      entry.mode = d.at("mode") == "watch" ? model::Mode::Watch : model::Mode::Claim;
    out.push_back(std::move(entry));
  }
  return out;
}

Config typed(Effective eff) {
  const auto& v = eff.values;
  auto text = [&](const char* key) { return v.at(key).get<std::string>(); };
  Config c;
  c.kiosk_id = text("kiosk.id");
  c.csc_id = text("kiosk.csc_id");
  c.csc_name = text("kiosk.csc_name");
  c.backend_url = text("backend.url");
  c.token_file = text("backend.token_file");
  c.ca_file = text("backend.ca_file");
  c.state_dir = text("paths.state_dir");
  c.control_socket = text("paths.control_socket");
  c.log_dir = text("paths.log_dir");
  c.operator_group = text("control.operator_group");
  c.assets_dir = text("paths.assets_dir");
  c.root_keys_file = text("trust.root_keys_file");
  c.uidai_cert_path = text("uidai.cert_path");
  c.rd_first_port = v.at("uidai.rd_ports").at(0).get<int>();
  c.rd_last_port = v.at("uidai.rd_ports").at(1).get<int>();
  c.pid_options =
      pid_options_from_json(v.at("uidai.pid_options")).value_or(biometric::PidOptions{});
  c.font_latin = text("text.font_latin");
  c.font_devanagari = text("text.font_devanagari");
  c.font_icons = text("text.font_icons");
  c.icon_names = text("text.icon_names");
  c.screen_dpi = v.at("ui.screen_dpi").get<double>();
  c.languages = v.at("ui.languages").get<std::vector<std::string>>();
  c.idle_timeout_s = v.at("ui.idle_timeout_s").get<int>();
  c.attract_after_s = v.at("ui.attract_after_s").get<int>();
  c.backend_connect_timeout_s = v.at("backend.connect_timeout_s").get<int>();
  c.backend_timeout_s = v.at("backend.timeout_s").get<int>();
  c.upi_vpa = text("payment.upi_vpa");
  c.payee_name = text("payment.payee_name");
  c.outbox_retention_days = v.at("outbox.retention_days").get<int>();
  c.outbox_low_disk_mb = v.at("outbox.low_disk_mb").get<int>();
  c.sync_start_jitter_s = v.at("sync.start_jitter_s").get<int>();
  c.sync_backoff_cap_s = v.at("sync.backoff_cap_s").get<int>();
  c.config_trial_s = v.at("config.trial_s").get<int>();
  c.config_poll_s = v.at("config.poll_s").get<int>();
  c.heartbeat_interval_s = v.at("heartbeat.interval_s").get<int>();
  c.devices = device_entries(v.at("devices"));
  for (const auto& [name, d] : v.at("devices").items()) {
    if (d.value("mode", "") == "ignore")
      c.ignored_devices.push_back(parse_usb_id(d.at("usb").get<std::string>()));
  }
  log::parse_level(text("log.level"), c.log_level);
  c.values = std::move(eff.values);
  c.origins = std::move(eff.origins);
  return c;
}

Result<json> read_json_file(const fs::path& path) {
  auto text = read_text_file(path);
  if (!text) return fail(Errc::Config, text.error().message);
  json parsed = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return fail(Errc::Config, fmt::format("{}: is not valid JSON", path.string()));
  }
  return parsed;
}

}  // namespace

std::string_view to_string(Origin origin) {
  switch (origin) {
    case Origin::Default:
      return "default";
    case Origin::Local:
      return "local";
    case Origin::Bundle:
      return "bundle";
  }
  return "default";
}

Result<Config> resolve(const Layers& layers) {
  auto local = flatten_layer(layers.local, layers.local_name);
  if (!local) return std::unexpected(local.error());
  FlatValues bundle_values;
  if (layers.bundle) {
    auto bundle = flatten_layer(*layers.bundle, "configuration bundle");
    if (!bundle) return std::unexpected(bundle.error());
    bundle_values = std::move(*bundle);
  }
  auto eff = layer_values(layers, *local, bundle_values);
  if (!eff) return std::unexpected(eff.error());
  return typed(std::move(*eff));
}

fs::path default_config_path() {
  return "/etc/csc-kiosk/config.json";
}

Result<Layers> read_layers(const std::optional<fs::path>& path) {
  Layers layers;
  std::optional<fs::path> file = path;
  std::error_code ec;
  if (!file && fs::exists(default_config_path(), ec)) file = default_config_path();
  if (file) {
    auto parsed = read_json_file(*file);
    if (!parsed) return std::unexpected(parsed.error());
    layers.local = std::move(*parsed);
    layers.local_name = file->string();
    layers.local_dir = fs::absolute(*file, ec).parent_path();
    layers.file = file;
  }
  return layers;
}

Result<Config> load(const std::optional<fs::path>& path) {
  auto layers = read_layers(path);
  if (!layers) return std::unexpected(layers.error());
  auto config = resolve(*layers);
  if (config) config->source_file = layers->file;
  return config;
}

bool needs_restart(std::string_view key) {
  // Read once at start: the RD Service client's capture options, the config service's own
  // timing, the delivery's first jitter and the retention the worker was built with.
  static constexpr std::array<std::string_view, 6> kAtStart{
      "uidai.pid_options",   "config.trial_s",        "config.poll_s",
      "sync.start_jitter_s", "outbox.retention_days", "heartbeat.interval_s"};
  return std::ranges::find(kAtStart, key) != kAtStart.end();
}

std::vector<std::string> restart_needed(const Config& started, const Config& now) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : now.values) {
    const auto before = started.values.find(key);
    if (needs_restart(key) && (before == started.values.end() || before->second != value))
      keys.push_back(key);
  }
  return keys;
}

json describe(const Config& config) {
  json out = json::object();
  for (const KeySpec& spec : schema()) {
    const std::string key(spec.key);
    out[key] = {{"value", config.values.at(key)},
                {"origin", to_string(config.origins.at(key))},
                {"class", to_string(spec.key_class)}};
  }
  return out;
}

}  // namespace kiosk::config

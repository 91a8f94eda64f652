// The kiosk's configuration: read from JSON, layered, validated once at start.
//
// Layering, lowest first (docs/config.md):
//   built-in defaults
//   < local file values of Remote keys (bootstrap, until a signed bundle says otherwise)
//   < the signed remote bundle (Remote keys only)
//   < local file values of LocalOnly keys (identity, secrets, paths, hardware)
// A local file never overrides a Remote setting that a bundle made, and a bundle never
// sets a LocalOnly key. Every problem names the key and what is wrong.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "drivers/model/device_kind.h"
#include "kiosk/biometric/rd_xml.h"
#include "kiosk/core/log.h"
#include "kiosk/core/result.h"

namespace kiosk::config {

enum class Origin { Default, Local, Bundle };
std::string_view to_string(Origin origin);

struct UsbId {
  std::uint16_t vendor = 0;
  std::uint16_t product = 0;
};

struct DeviceEntry {
  std::string name;  // the table key, e.g. "receipt_printer"
  drivers::model::DeviceKind kind = drivers::model::DeviceKind::Printer;
  std::optional<UsbId> usb;
  bool simulated = false;
  nlohmann::json options = nlohmann::json::object();
  std::optional<std::string> serial;   // USB iSerialNumber to match
  std::optional<int> interface_class;  // USB interface class to match (7 printer, 3 HID)
  drivers::model::Mode mode = drivers::model::Mode::Claim;  // docs/usb.md
  // A required device that is not online puts the device banner on the citizen's screen
  // and raises an operator alert; an optional one only raises the alert.
  bool required = true;
};

struct Config {
  std::string kiosk_id;
  std::string csc_id;
  std::string csc_name;  // kiosk.csc_name
  std::string backend_url;
  std::filesystem::path token_file;
  std::filesystem::path ca_file;
  std::filesystem::path state_dir;
  std::filesystem::path control_socket;  // paths.control_socket
  std::string operator_group;            // control.operator_group
  std::filesystem::path log_dir;
  std::filesystem::path assets_dir;
  std::filesystem::path root_keys_file;
  std::filesystem::path uidai_cert_path;
  int rd_first_port = 11100;  // uidai.rd_ports
  int rd_last_port = 11120;
  biometric::PidOptions pid_options;  // uidai.pid_options
  std::filesystem::path font_latin;
  std::filesystem::path font_devanagari;
  std::filesystem::path font_icons;  // text.font_icons
  std::filesystem::path icon_names;  // text.icon_names
  double screen_dpi = 96;
  std::vector<std::string> languages;
  int idle_timeout_s = 90;
  int attract_after_s = 60;
  int backend_connect_timeout_s = 10;
  int backend_timeout_s = 60;
  std::string upi_vpa;
  std::string payee_name;
  int outbox_retention_days = 90;
  int outbox_low_disk_mb = 200;
  int sync_start_jitter_s = 30;
  int sync_backoff_cap_s = 900;
  int config_trial_s = 600;        // config.trial_s
  int config_poll_s = 900;         // config.poll_s
  int heartbeat_interval_s = 300;  // heartbeat.interval_s; 0: no heartbeats
  std::vector<DeviceEntry> devices;
  // Entries with "mode": "ignore": devices no entry may claim (an operator's USB keyboard,
  // which a scanner entry's default match, any HID boot keyboard, would take).
  std::vector<UsbId> ignored_devices;
  log::Level log_level = log::Level::Info;

  std::optional<std::filesystem::path> source_file;  // the local file, when there was one
  std::map<std::string, nlohmann::json> values;      // effective value per key
  std::map<std::string, Origin> origins;             // where each value came from
};

struct Layers {
  nlohmann::json local = nlohmann::json::object();
  std::string local_name = "built-in defaults";              // named in error messages
  std::filesystem::path local_dir;                           // relative paths resolve against it
  std::optional<nlohmann::json> bundle;                      // payload of a verified bundle
  std::optional<std::filesystem::path> file = std::nullopt;  // the local file, when read
};

// The local file's layer (or defaults only), as load() reads it.
Result<Layers> read_layers(const std::optional<std::filesystem::path>& path);

// Pure: layers in, validated Config or the first problem out.
Result<Config> resolve(const Layers& layers);

// Where an installed kiosk keeps its local file.
std::filesystem::path default_config_path();

// Reads `path` (or default_config_path() when it exists; else defaults only) and resolves.
Result<Config> load(const std::optional<std::filesystem::path>& path);

// Remote keys a running kiosk takes only at its next start (the rest take effect between
// citizens' sessions); `config status` lists those a bundle changed.
bool needs_restart(std::string_view key);
// Of those keys, the ones whose value differs between `started` and `now`.
std::vector<std::string> restart_needed(const Config& started, const Config& now);

// {key: {"value", "origin", "class"}} for `kioskctl config show`.
nlohmann::json describe(const Config& config);

}  // namespace kiosk::config

// Every configuration key the kiosk knows: its class (who may set it), its built-in
// default, and its validation rule. docs/config.md documents exactly these keys
// (a test checks that each key here appears there).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/biometric/rd_xml.h"
#include "kiosk/core/result.h"

namespace kiosk::config {

// Who may set a key. Layering (lowest first):
//   built-in defaults < local file (Remote keys: bootstrap only)
//                     < signed remote bundle < local file (LocalOnly keys)
enum class KeyClass {
  LocalOnly,  // this machine's identity, secrets, paths, hardware: never from a bundle
  // Policy the state's team sets remotely: a signed bundle always wins. Among these, the
  // contract's *protected* settings (backend.*, payment.*) need the protected threshold of
  // signatures (bundle.h).
  Remote,
};

std::string_view to_string(KeyClass key_class);

struct KeySpec {
  std::string_view key;  // dotted path, e.g. "backend.url"
  KeyClass key_class;
  nlohmann::json default_value;
  // Returns a problem ("must be …, got …") or nothing when the value is acceptable.
  std::optional<std::string> (*validate)(const nlohmann::json& value);
  std::string_view summary;
  bool is_path = false;  // relative values are resolved against the config file's folder
};

std::span<const KeySpec> schema();
const KeySpec* find_key(std::string_view key);
// True when some key lives under this dotted prefix (e.g. "backend" for "backend.url").
bool is_section(std::string_view prefix);

// uidai.pid_options read into the RD client's PidOptions (unknown members refused; the
// values are checked by biometric::check_pid_options).
Result<biometric::PidOptions> pid_options_from_json(const nlohmann::json& value);

}  // namespace kiosk::config

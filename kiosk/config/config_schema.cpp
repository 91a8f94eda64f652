#include "kiosk/config/config_schema.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <regex>
#include <set>

#include "drivers/model/device_kind.h"
#include "kiosk/biometric/rd_xml.h"
#include "kiosk/config/url.h"

namespace kiosk::config {
namespace {

using nlohmann::json;
using Problem = std::optional<std::string>;

std::string shown(const json& value) {
  std::string text = value.dump();
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

Problem matches(const json& v, const char* pattern, std::string_view what) {
  static thread_local std::map<std::string, std::regex> cache;
  auto [it, _] = cache.try_emplace(pattern, pattern);
  if (!v.is_string() || !std::regex_match(v.get<std::string>(), it->second)) {
    return fmt::format("must be {}, got {}", what, shown(v));
  }
  return std::nullopt;
}

Problem kiosk_id(const json& v) {
  // Empty until enrolment. Receipt numbers embed it, so keep it short and plain.
  return matches(v, "(|[A-Z0-9]+(-[A-Z0-9]+){0,4})",
                 "empty or upper-case letters and digits "
                 "in hyphen-separated groups, like \"CG-RPR-0042\"");
}

Problem csc_id(const json& v) {
  return matches(v, "(|[0-9]{12})", "empty or the 12-digit CSC ID");
}

// Shown in the header of every screen: plain text, one line.
Problem csc_name(const json& v) {
  if (!v.is_string() || v.get<std::string>().size() > 80 ||
      v.get<std::string>().find_first_of("\n\r\t") != std::string::npos)
    return fmt::format("must be one line of at most 80 bytes, got {}", shown(v));
  return std::nullopt;
}

Problem non_empty_path(const json& v) {
  if (!v.is_string() || v.get<std::string>().empty()) {
    return fmt::format("must be a non-empty path, got {}", shown(v));
  }
  return std::nullopt;
}

Problem group_name(const json& v) {
  return matches(v, "(|[a-z_][a-z0-9_-]{0,31})",
                 "empty or a Unix group name like \"csc-kiosk-operators\"");
}

Problem optional_path(const json& v) {
  if (!v.is_string()) return fmt::format("must be a path or \"\", got {}", shown(v));
  return std::nullopt;
}

Problem backend_url(const json& v) {
  if (!v.is_string()) return fmt::format("must be a URL string, got {}", shown(v));
  auto problem = check_backend_url(v.get<std::string>());
  if (problem) return problem;
  return std::nullopt;
}

Problem screen_dpi(const json& v) {
  if (!v.is_number() || v.get<double>() < 50 || v.get<double>() > 600) {
    return fmt::format("must be a number of dots per inch between 50 and 600, got {}", shown(v));
  }
  return std::nullopt;
}

Problem languages(const json& v) {
  static const std::set<std::string> known{"hi", "en", "hne"};
  if (!v.is_array() || v.empty()) {
    return fmt::format("must be a non-empty list of language codes, got {}", shown(v));
  }
  std::set<std::string> seen;
  for (const json& item : v) {
    if (!item.is_string() || !known.contains(item.get<std::string>())) {
      return fmt::format("has {}; known languages are \"hi\", \"en\", \"hne\"", shown(item));
    }
    if (!seen.insert(item.get<std::string>()).second) {
      return fmt::format("lists {} twice", shown(item));
    }
  }
  return std::nullopt;
}

// At least 60 s: the last 20 s are the spoken idle warning, and a citizen gets 40 s of
// quiet before it (the warning of a shorter timeout would be most of the session).
Problem idle_timeout(const json& v) {
  if (!v.is_number_integer() || v.get<long>() < 60 || v.get<long>() > 3600) {
    return fmt::format("must be a whole number of seconds between 60 and 3600, got {}", shown(v));
  }
  return std::nullopt;
}

Problem attract_after(const json& v) {
  if (!v.is_number_integer() || v.get<long>() < 5 || v.get<long>() > 3600) {
    return fmt::format("must be a whole number of seconds between 5 and 3600, got {}", shown(v));
  }
  return std::nullopt;
}

// Where the RD Service is looked for: [first, last] on 127.0.0.1 (india.md §2: 11100-11120).
// Tests and a running demo pick their own range so they never answer each other.
Problem rd_ports(const json& v) {
  const auto port = [](const json& p) {
    return p.is_number_integer() && p.get<long>() >= 1 && p.get<long>() <= 65535;
  };
  if (!v.is_array() || v.size() != 2 || !port(v[0]) || !port(v[1]) ||
      v[0].get<long>() > v[1].get<long>() || v[1].get<long>() - v[0].get<long>() > 100) {
    return fmt::format("must be [first, last] ports, at most 100 apart, got {}", shown(v));
  }
  return std::nullopt;
}

// PidOptions for CAPTURE, checked by the same rule the RD client applies.
Problem pid_options(const json& v) {
  auto parsed = pid_options_from_json(v);
  if (!parsed) return parsed.error().message;
  if (auto problem = biometric::check_pid_options(*parsed)) return *problem;
  return std::nullopt;
}

Problem upi_vpa(const json& v) {
  return matches(v, R"((|[A-Za-z0-9.\-_]{2,64}@[A-Za-z]{2,64}))",
                 "empty or a UPI address like \"csc.kiosk@sbi\"");
}

Problem payee_name(const json& v) {
  if (!v.is_string() || v.get<std::string>().size() > 99)
    return fmt::format("must be a name of at most 99 bytes, got {}", shown(v));
  return std::nullopt;
}

// Whole numbers in [lo, hi]; one instantiation per key keeps the plain-function table.
template <long lo, long hi>
Problem whole_number(const json& v) {
  if (!v.is_number_integer() || v.get<long>() < lo || v.get<long>() > hi)
    return fmt::format("must be a whole number between {} and {}, got {}", lo, hi, shown(v));
  return std::nullopt;
}

Problem log_level(const json& v) {
  return matches(v, "debug|info|warn|error", "one of \"debug\", \"info\", \"warn\", \"error\"");
}

// The optional match and mode fields of a device entry (docs/usb.md).
Problem device_match_fields(const std::string& name, const json& d) {
  if (d.contains("serial") && (!d["serial"].is_string() || d["serial"].get<std::string>().empty()))
    return fmt::format("entry \"{}\": \"serial\" must be a non-empty string", name);
  if (d.contains("class") && (!d["class"].is_number_integer() || d["class"].get<long>() < 0 ||
                              d["class"].get<long>() > 255))
    return fmt::format("entry \"{}\": \"class\" must be a USB interface class 0-255", name);
  if (d.contains("mode") && matches(d["mode"], "claim|watch|ignore", ""))
    return fmt::format("entry \"{}\": \"mode\" must be \"claim\", \"watch\" or \"ignore\"", name);
  if (d.value("mode", "") == "ignore" && !d.contains("usb"))
    return fmt::format("entry \"{}\": an \"ignore\" entry names its device by \"usb\"", name);
  return std::nullopt;
}

// A printer's options decide the receipt's raster: a width the paper does not have would
// print cut off or shrunk, so only the two widths CSC printers take are accepted.
Problem printer_options(const std::string& name, const json& d) {
  if (!d.contains("options") || d.value("kind", "") != "printer") return std::nullopt;
  const json& o = d["options"];
  static const std::set<std::string> known{"width_dots", "native_qr"};
  for (const auto& [field, _] : o.items()) {
    if (!known.contains(field))
      return fmt::format("entry \"{}\": unknown printer option \"{}\" (width_dots, native_qr)",
                         name, field);
  }
  if (o.contains("width_dots") &&
      (!o["width_dots"].is_number_integer() ||
       (o["width_dots"].get<long>() != 384 && o["width_dots"].get<long>() != 576)))
    return fmt::format(
        "entry \"{}\": \"width_dots\" must be 384 (58 mm paper) or 576 (80 mm), got {}", name,
        shown(o["width_dots"]));
  if (o.contains("native_qr") && !o["native_qr"].is_boolean())
    return fmt::format("entry \"{}\": \"native_qr\" must be true or false", name);
  return std::nullopt;
}

// A scanner's options: how its scans end. `suffix` "enter", "tab" or "any" (the default:
// either ends a scan) or "none" with `gap_ms`, the pause that ends one; `enable_report`,
// for a HID POS scanner that scans only once told: the feature report, in hex, id first.
Problem scanner_options(const std::string& name, const json& d) {
  if (!d.contains("options") || d.value("kind", "") != "scanner") return std::nullopt;
  const json& o = d["options"];
  static const std::set<std::string> known{"suffix", "gap_ms", "enable_report", "tty"};
  for (const auto& [field, _] : o.items()) {
    if (!known.contains(field))
      return fmt::format(
          "entry \"{}\": unknown scanner option \"{}\" (suffix, gap_ms, enable_report, tty)", name,
          field);
  }
  if (o.contains("suffix") && matches(o["suffix"], "enter|tab|any|none", ""))
    return fmt::format("entry \"{}\": \"suffix\" must be \"enter\", \"tab\", \"any\" or \"none\"",
                       name);
  if (o.contains("gap_ms")) {
    if (auto p = whole_number<20, 2000>(o["gap_ms"]))
      return fmt::format("entry \"{}\": \"gap_ms\" {}", name, *p);
  }
  if (o.value("suffix", "any") == "none" && !o.contains("gap_ms"))
    return fmt::format("entry \"{}\": a scanner with no suffix needs \"gap_ms\"", name);
  if (o.contains("tty") && matches(o["tty"], "/dev/[A-Za-z0-9_/.-]{1,64}", ""))
    return fmt::format("entry \"{}\": \"tty\" must be a device path like /dev/ttyACM0", name);
  if (o.contains("enable_report") && matches(o["enable_report"], "([0-9a-f]{2}){1,64}", ""))
    return fmt::format("entry \"{}\": \"enable_report\" must be 1 to 64 bytes in lower-case hex",
                       name);
  return std::nullopt;
}

Problem device_entry(const std::string& name, const json& d) {
  static const std::set<std::string> fields{"kind",   "usb",   "simulated", "options",
                                            "serial", "class", "mode",      "required"};
  if (!d.is_object()) return fmt::format("entry \"{}\" must be an object", name);
  for (const auto& [field, _] : d.items()) {
    if (!fields.contains(field))
      return fmt::format("entry \"{}\" has unknown field \"{}\"", name, field);
  }
  if (!d.contains("kind") || !d["kind"].is_string() ||
      !drivers::model::kind_from_name(d["kind"].get<std::string>())) {
    return fmt::format("entry \"{}\": \"kind\" must be {}", name, drivers::model::kind_names());
  }
  if (d.contains("required") && !d["required"].is_boolean()) {
    return fmt::format("entry \"{}\": \"required\" must be true or false", name);
  }
  if (d.contains("usb") && matches(d["usb"], "[0-9a-f]{4}:[0-9a-f]{4}", "")) {
    return fmt::format("entry \"{}\": \"usb\" must be \"vvvv:pppp\" in lower-case hex", name);
  }
  if (d.contains("simulated") && !d["simulated"].is_boolean()) {
    return fmt::format("entry \"{}\": \"simulated\" must be true or false", name);
  }
  if (d.contains("options") && !d["options"].is_object()) {
    return fmt::format("entry \"{}\": \"options\" must be an object", name);
  }
  if (auto problem = printer_options(name, d)) return problem;
  if (auto problem = scanner_options(name, d)) return problem;
  if (auto problem = device_match_fields(name, d)) return problem;
  if (!d.contains("usb") && !d.contains("class") && !d.value("simulated", false)) {
    return fmt::format(
        "entry \"{}\" needs \"usb\": \"vvvv:pppp\", \"class\": N or \"simulated\": true", name);
  }
  return std::nullopt;
}

Problem devices(const json& v) {
  if (!v.is_object()) return fmt::format("must be a table of named devices, got {}", shown(v));
  for (const auto& [name, entry] : v.items()) {
    if (!std::regex_match(name, std::regex("[a-z][a-z0-9_]{0,31}"))) {
      return fmt::format("device name \"{}\" must be lower-case letters, digits and _", name);
    }
    if (auto problem = device_entry(name, entry)) return problem;
  }
  return std::nullopt;
}

const std::array kSchema{
    KeySpec{"kiosk.id", KeyClass::LocalOnly, "", kiosk_id,
            "This kiosk's ID, set at enrolment; receipt numbers start with it."},
    KeySpec{"kiosk.csc_id", KeyClass::Remote, "", csc_id,
            "The 12-digit ID of the Common Services Centre that runs this kiosk."},
    KeySpec{"kiosk.csc_name", KeyClass::Remote, "", csc_name,
            "The centre's name, shown in the header of every screen (empty: CSC and its ID)."},
    KeySpec{"backend.url", KeyClass::Remote, "", backend_url,
            "Base URL of the backend; https, or http to a loopback address only."},
    KeySpec{"backend.token_file", KeyClass::LocalOnly, "/var/lib/csc-kiosk/token", non_empty_path,
            "File holding this kiosk's bearer token (mode 0600).", true},
    KeySpec{"backend.ca_file", KeyClass::LocalOnly, "", optional_path,
            "Pinned CA certificate file for the backend; empty uses the system CA store.", true},
    KeySpec{"backend.connect_timeout_s", KeyClass::Remote, 10, whole_number<1, 120>,
            "Seconds to wait for a connection to the backend."},
    KeySpec{"backend.timeout_s", KeyClass::Remote, 60, whole_number<5, 600>,
            "Longest a whole backend request may take, in seconds."},
    KeySpec{"payment.upi_vpa", KeyClass::Remote, "", upi_vpa,
            "UPI payee address (VPA) that citizens pay; empty: cash only."},
    KeySpec{"payment.payee_name", KeyClass::Remote, "", payee_name,
            "Payee name shown by the citizen's UPI app."},
    KeySpec{"outbox.retention_days", KeyClass::Remote, 90, whole_number<1, 3650>,
            "Days after delivery before a transaction's body and personal fields are dropped."},
    KeySpec{"outbox.low_disk_mb", KeyClass::LocalOnly, 200, whole_number<1, 1000000>,
            "Free space (MiB) under the state folder below which the operator is alerted."},
    KeySpec{"sync.start_jitter_s", KeyClass::Remote, 30, whole_number<0, 3600>,
            "Most seconds to wait, at random, before the first delivery after a start."},
    KeySpec{"sync.backoff_cap_s", KeyClass::Remote, 900, whole_number<1, 86400>,
            "Longest wait between delivery retries, in seconds."},
    KeySpec{"config.trial_s", KeyClass::Remote, 600, whole_number<10, 86400>,
            "Seconds a newly applied bundle is on trial; a health check that fails during it "
            "rolls the kiosk back to the last-known-good bundle."},
    KeySpec{"config.poll_s", KeyClass::Remote, 900, whole_number<0, 86400>,
            "Seconds between fetches of GET /v1/config (plus up to a minute of jitter); 0: "
            "never (USB stick only)."},
    KeySpec{"heartbeat.interval_s", KeyClass::Remote, 300, whole_number<0, 86400>,
            "Seconds between heartbeats to the backend (POST /v1/heartbeat), with 10% jitter; "
            "0: none."},
    KeySpec{"paths.state_dir", KeyClass::LocalOnly, "/var/lib/csc-kiosk", non_empty_path,
            "Durable state: the transaction database, keys, the config bundle.", true},
    KeySpec{"paths.control_socket", KeyClass::LocalOnly, "/run/csc-kiosk/ctl.sock", non_empty_path,
            "Unix socket where the running kiosk answers kioskctl.", true},
    KeySpec{"control.operator_group", KeyClass::LocalOnly, "csc-kiosk-operators", group_name,
            "Unix group whose members may use the control socket's change verbs, besides root "
            "and the service user; empty: nobody else."},
    KeySpec{"paths.log_dir", KeyClass::LocalOnly, "/var/log/csc-kiosk", non_empty_path,
            "Operator-visible logs and exported reports.", true},
    KeySpec{"paths.assets_dir", KeyClass::LocalOnly, "/usr/share/csc-kiosk", non_empty_path,
            "String catalogues, the service catalogue and images.", true},
    KeySpec{"trust.root_keys_file", KeyClass::LocalOnly, "/etc/csc-kiosk/root-keys.json",
            non_empty_path, "Root public keys that signed configuration bundles must chain to.",
            true},
    KeySpec{"ui.screen_dpi", KeyClass::LocalOnly, 96.0, screen_dpi,
            "Dots per inch of the touch panel; touch targets are sized from it (12 mm minimum)."},
    KeySpec{"ui.languages", KeyClass::Remote, json::array({"hi", "en"}), languages,
            "Languages offered to citizens, in order; the first is the default."},
    KeySpec{"ui.idle_timeout_s", KeyClass::Remote, 90, idle_timeout,
            "Seconds without a touch before the kiosk wipes the session and starts over."},
    KeySpec{"ui.attract_after_s", KeyClass::Remote, 60, attract_after,
            "Seconds the welcome screen waits untouched before the attract screen."},
    KeySpec{"text.font_latin", KeyClass::LocalOnly,
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", non_empty_path,
            "Font for Latin letters, digits and the rupee sign.", true},
    KeySpec{"text.font_devanagari", KeyClass::LocalOnly,
            "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", non_empty_path,
            "Font for Devanagari (Hindi, Chhattisgarhi).", true},
    KeySpec{"text.font_icons", KeyClass::LocalOnly,
            "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf",
            non_empty_path, "Font of the pictograms (Material Icons), drawn by codepoint.", true},
    KeySpec{"text.icon_names", KeyClass::LocalOnly,
            "/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss", non_empty_path,
            "Icon names to codepoints (the icon font package's map), for catalogue icons.", true},
    KeySpec{"devices", KeyClass::LocalOnly, json::object(), devices,
            "Table of attached devices by name: kind, USB id or simulated, options."},
    KeySpec{"uidai.cert_path", KeyClass::LocalOnly, "/etc/csc-kiosk/uidai_auth_sign.cer",
            non_empty_path, "UIDAI certificate that verifies Aadhaar Secure QR signatures.", true},
    KeySpec{"uidai.rd_ports", KeyClass::LocalOnly, json::array({11100, 11120}), rd_ports,
            "Ports on 127.0.0.1 where the fingerprint reader's RD Service is looked for."},
    KeySpec{"uidai.pid_options", KeyClass::Remote,
            json{{"finger_count", 1},
                 {"finger_type", 2},
                 {"format", 0},
                 {"pid_version", "2.0"},
                 {"timeout_ms", 10000},
                 {"env", "P"}},
            pid_options,
            "PidOptions for a fingerprint capture: finger_count, finger_type (0 FMR, 1 FIR, 2 "
            "both), format (0 XML), pid_version, timeout_ms, env (P, PP or S)."},
    KeySpec{"log.level", KeyClass::LocalOnly, "info", log_level,
            "Lowest level written to stderr: debug, info, warn or error."},
};

}  // namespace

Result<biometric::PidOptions> pid_options_from_json(const json& v) {
  if (!v.is_object()) return fail(Errc::Config, fmt::format("must be an object, got {}", shown(v)));
  biometric::PidOptions o;
  for (const auto& [key, value] : v.items()) {
    const bool whole = value.is_number_integer() && value.get<long>() >= -1'000'000 &&
                       value.get<long>() <= 1'000'000;
    const auto number = [&] { return whole ? static_cast<int>(value.get<long>()) : -1; };
    if (key == "finger_count")
      o.finger_count = number();
    else if (key == "finger_type")
      o.finger_type = number();
    else if (key == "format")
      o.format = number();
    else if (key == "timeout_ms")
      o.timeout_ms = number();
    else if (key == "pid_version" && value.is_string())
      o.pid_version = value.get<std::string>();
    else if (key == "env" && value.is_string())
      o.env = value.get<std::string>();
    else
      return fail(Errc::Config, fmt::format("has an unknown or mistyped member \"{}\"", key));
  }
  return o;
}

std::string_view to_string(KeyClass key_class) {
  return key_class == KeyClass::LocalOnly ? "local-only" : "remote";
}

std::span<const KeySpec> schema() {
  return kSchema;
}

const KeySpec* find_key(std::string_view key) {
  for (const KeySpec& spec : kSchema) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

bool is_section(std::string_view prefix) {
  for (const KeySpec& spec : kSchema) {
    if (spec.key.size() > prefix.size() && spec.key.starts_with(prefix) &&
        spec.key[prefix.size()] == '.') {
      return true;
    }
  }
  return false;
}

}  // namespace kiosk::config

#include "kiosk/ctl/reports.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "kiosk/control/client.h"
#include "kiosk/control/verbs.h"
#include "kiosk/core/version.h"
#include "kiosk/ctl/status_facts.h"
#include "kiosk/devices/device_query.h"

namespace kiosk::ctl {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json directory_state(const fs::path& dir) {
  std::error_code ec;
  const bool exists = fs::is_directory(dir, ec);
  const bool writable = exists && ::access(dir.c_str(), W_OK | X_OK) == 0;
  return {{"path", dir.string()}, {"exists", exists}, {"writable", writable}};
}

// The configured entries, each with its live state (`kioskctl devices`: from the running
// kiosk, else from the devices themselves) when that could be had.
json device_list(const config::Config& c, const Result<devices::DeviceListing>& live) {
  json out = json::array();
  for (const auto& d : c.devices) {
    json usb = nullptr;
    if (d.usb) usb = fmt::format("{:04x}:{:04x}", d.usb->vendor, d.usb->product);
    json entry{{"name", d.name},
               {"kind", drivers::model::to_string(d.kind)},
               {"usb", usb},
               {"simulated", d.simulated}};
    for (const auto& state : live ? live->devices : json::array()) {
      if (state["name"] != d.name) continue;
      for (const auto& [key, value] : state.items()) entry.emplace(key, value);  // keeps usb
    }
    out.push_back(std::move(entry));
  }
  return out;
}

void add_device_problems(const json& devices, json& problems) {
  for (const auto& d : devices) {
    const auto status = d.value("status", "unknown");
    if (status == "online" || status == "unknown") continue;
    problems.push_back(fmt::format("device {} is {}{}", d["name"].get<std::string>(), status,
                                   d.value("action", "none") == "none"
                                       ? ""
                                       : " (action: " + d["action"].get<std::string>() + ")"));
  }
}

json problems_of(const config::Config& c, const json& state_dir, bool token_present) {
  json problems = json::array();
  if (c.kiosk_id.empty())
    problems.push_back("not enrolled: run `kioskctl enroll` (kiosk.id is empty)");
  if (c.backend_url.empty())
    problems.push_back("no backend: backend.url is empty");
  else if (!token_present)
    problems.push_back(fmt::format("no token at {}", c.token_file.string()));
  if (!state_dir["writable"].get<bool>()) {
    problems.push_back(
        fmt::format("state folder {} is missing or not writable", c.state_dir.string()));
  }
  return problems;
}

// The running kiosk's threads (its `health` verb); null when no kiosk answers. A thread
// that caught an exception is a problem for the operator even though the kiosk goes on.
json thread_health(const config::Config& c, json& problems) {
  auto health = control::request(c.control_socket, {{"verb", "health"}},
                                 control::client_timeout(std::chrono::milliseconds(1000)));
  if (!health) return nullptr;
  const auto threads = health->find("threads");
  if (threads == health->end() || !threads->is_array()) return nullptr;
  for (const auto& t : *threads) {
    const auto faults = t.value("faults", std::uint64_t{0});
    if (faults == 0) continue;
    problems.push_back(fmt::format("the kiosk's {} thread hit {} unexpected error(s), last: {}; {}",
                                   t.value("name", "?"), faults, t.value("last_fault", ""),
                                   t.value("stopped", false)
                                       ? "it stopped: restart the kiosk"
                                       : "it carried on: send the kiosk's log to support"));
  }
  return *threads;
}

}  // namespace

// The device texts in the asked language; the keys stay beside them.
void translate(const config::Config& c, const std::string& language, json& devices,
               json& problems) {
  const std::vector<std::string> languages{language};
  auto strings = i18n::Strings::load(c.assets_dir / "i18n", languages);
  if (!strings) {
    problems.push_back("device texts unavailable: " + strings.error().message);
    return;
  }
  translate_device_texts(devices, *strings, language);
}

void add_alert_problems(const json& alerts, json& problems) {
  for (const auto& a : alerts["alerts"]) {
    // Device states are listed as problems already (add_device_problems).
    if (!a.is_object() || a.value("id", "").starts_with("device.")) continue;
    problems.push_back(fmt::format("{}; {}", a.value("summary", "?"), a.value("action", "?")));
  }
}

json status_report(const config::Config& c, const Clock& clock, const StatusOptions& options) {
  std::error_code ec;
  const bool token_present = fs::is_regular_file(c.token_file, ec);
  json state = directory_state(c.state_dir);
  json problems = problems_of(c, state, token_present);
  const auto live = devices::list_devices(c, options.probe);
  json devices = device_list(c, live);
  add_device_problems(devices, problems);
  if (!live) problems.push_back(live.error().message);
  const json threads = live && live->source == "app" ? thread_health(c, problems) : json(nullptr);
  alerts::Facts facts;
  const json queue = queue_figures(c, clock, facts);
  const json alerts = alert_report(c, running_status(c), devices, std::move(facts));
  add_alert_problems(alerts, problems);
  translate(c, options.language, devices, problems);
  return {
      {"version", kVersion},
      {"config_file", c.source_file ? json(c.source_file->string()) : json(nullptr)},
      {"kiosk", {{"id", c.kiosk_id}, {"enrolled", !c.kiosk_id.empty()}, {"csc_id", c.csc_id}}},
      {"backend", {{"url", c.backend_url}, {"token_present", token_present}}},
      {"state_dir", state},
      {"languages", c.languages},
      {"devices", devices},
      {"devices_source", live ? json(live->source) : json(nullptr)},
      {"threads", threads},
      {"queue", queue},
      {"alerts", alerts["alerts"]},
      {"alerts_source", alerts["alerts_source"]},
      {"alerts_unknown", alerts["alerts_unknown"]},
      {"delivery", alerts["delivery"]},
      {"healthy", problems.empty()},
      {"problems", problems},
  };
}

std::string status_text(const json& r) {
  std::string out;
  const auto line = [&](std::string_view label, const std::string& value) {
    out += fmt::format("{:<12} {}\n", label, value);
  };
  line("version", r["version"].get<std::string>());
  line("config",
       r["config_file"].is_null() ? "(built-in defaults)" : r["config_file"].get<std::string>());
  line("kiosk",
       r["kiosk"]["enrolled"].get<bool>() ? r["kiosk"]["id"].get<std::string>() : "(not enrolled)");
  line("csc", r["kiosk"]["csc_id"].get<std::string>().empty()
                  ? "(not set)"
                  : r["kiosk"]["csc_id"].get<std::string>());
  line("backend", r["backend"]["url"].get<std::string>().empty()
                      ? "(not set)"
                      : r["backend"]["url"].get<std::string>());
  line("state", fmt::format("{} ({})", r["state_dir"]["path"].get<std::string>(),
                            r["state_dir"]["writable"].get<bool>() ? "writable" : "NOT writable"));
  line("languages",
       fmt::format("{}", fmt::join(r["languages"].get<std::vector<std::string>>(), ", ")));
  for (const auto& d : r["devices"]) {
    line("device",
         fmt::format("{} ({}, {}): {}", d["name"].get<std::string>(), d["kind"].get<std::string>(),
                     d["simulated"].get<bool>() ? "simulated"
                     : d["usb"].is_string()     ? "usb " + d["usb"].get<std::string>()
                                                : "by class",
                     d.value("status", "unknown")));
  }
  const auto& q = r["queue"];
  if (q["error"].is_null()) {
    line("queue", fmt::format("pending {}, dead {}{}", q["pending"].dump(), q["dead"].dump(),
                              q["oldest_pending_age_s"].is_null()
                                  ? ""
                                  : ", oldest pending " + q["oldest_pending_age_s"].dump() + " s"));
  } else {
    line("queue", "unreadable: " + q["error"].get<std::string>());
  }
  if (r["delivery"].is_object()) {
    const auto& d = r["delivery"];
    line("delivery", d.value("state", "?") + (d["reason"].is_string()
                                                  ? " (" + d["reason"].get<std::string>() + ")"
                                                  : std::string()));
  }
  for (const auto& a : r["alerts"]) {
    line("alert", fmt::format("[{}] {}; ACTION: {}", a.value("severity", "?"),
                              a.value("summary", "?"), a.value("action", "?")));
  }
  if (!r["alerts_unknown"].empty()) {
    line("unknown",
         fmt::format("{} (no kiosk running)",
                     fmt::join(r["alerts_unknown"].get<std::vector<std::string>>(), ", ")));
  }
  line("health", r["healthy"].get<bool>() ? "ok" : "needs attention");
  for (const auto& p : r["problems"]) out += fmt::format("  - {}\n", p.get<std::string>());
  return out;
}

json config_report(const config::Config& c) {
  return {{"config_file", c.source_file ? json(c.source_file->string()) : json(nullptr)},
          {"keys", config::describe(c)}};
}

std::string config_text(const json& r) {
  std::string out;
  for (const auto& [key, entry] : r["keys"].items()) {
    out += fmt::format("{:<22} = {:<40} ({}, {})\n", key, entry["value"].dump(),
                       entry["origin"].get<std::string>(), entry["class"].get<std::string>());
  }
  return out;
}

}  // namespace kiosk::ctl

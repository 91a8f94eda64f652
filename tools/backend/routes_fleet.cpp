// GET /fleet: the last heartbeat of every kiosk as one plain HTML page (no script, no
// external files), for the state's team in a demo. Every value a kiosk sent is escaped:
// a heartbeat is outside input.
#include <fmt/format.h>

#include "kiosk/core/markup.h"
#include "kiosk/store/transaction.h"
#include "tools/backend/server.h"

namespace kiosk::backend {

namespace {

using nlohmann::json;

std::string text_of(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const auto& v = j[key];
  return kiosk::escape_markup(v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump());
}

std::string queue_cell(const json& beat) {
  const json q = beat.value("queue", json::object());
  if (!q.is_object()) return "";
  return fmt::format("{} pending, {} dead, oldest {} s", text_of(q, "pending"), text_of(q, "dead"),
                     text_of(q, "oldest_pending_age_s"));
}

std::string list_cell(const json& items, const std::function<std::string(const json&)>& one) {
  if (!items.is_array() || items.empty()) return "none";
  std::string out = "<ul>";
  for (const auto& item : items) out += "<li>" + one(item) + "</li>";
  return out + "</ul>";
}

std::string device_line(const json& d) {
  return fmt::format(
      "{} {}: {}{}{}", text_of(d, "kind"), text_of(d, "model"), text_of(d, "status"),
      d.value("supply", json()).is_string() ? ", supply " + text_of(d, "supply") : "",
      text_of(d, "action") == "none" ? "" : ", action " + text_of(d, "action"));
}

std::string alert_line(const json& a) {
  const std::string cls = text_of(a, "severity") == "critical" ? "critical" : "warning";
  return fmt::format("<span class=\"{}\">{}</span> ({}, since {})", cls, text_of(a, "code"),
                     text_of(a, "severity"), text_of(a, "since"));
}

constexpr std::string_view kHead = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CSC kiosk fleet</title>
<meta http-equiv="refresh" content="30">
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
td,th{border:1px solid #999;padding:.4em .6em;vertical-align:top;text-align:left}
.critical{color:#a00;font-weight:bold}.warning{color:#a60}ul{margin:0;padding-left:1.2em}</style>
</head><body><h1>CSC kiosk fleet</h1>
)";

}  // namespace

void Backend::handle_fleet(const Request&, Response& res) {
  std::string rows;
  std::size_t kiosks = 0;
  {
    std::lock_guard lock(heartbeats_mutex_);
    kiosks = heartbeats_.size();
    for (const auto& [kiosk_id, beat] : heartbeats_) {
      const auto seen = last_seen_.find(kiosk_id);
      rows += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
          kiosk::escape_markup(kiosk_id),
          seen == last_seen_.end() ? "" : store::rfc3339_ist(seen->second),
          text_of(beat, "app_version") + " / config " + text_of(beat, "config_version"),
          queue_cell(beat), list_cell(beat.value("alerts", json()), alert_line),
          list_cell(beat.value("devices", json()), device_line));
    }
  }
  std::string page(kHead);
  page += fmt::format("<p>{} kiosk(s); the page refreshes every 30 s.</p>\n", kiosks);
  page +=
      "<table><tr><th>Kiosk</th><th>Last seen</th><th>Version</th><th>Queue</th>"
      "<th>Alerts</th><th>Devices</th></tr>\n" +
      rows + "</table></body></html>\n";
  res.status = 200;
  res.set_content(page, "text/html; charset=utf-8");
}

}  // namespace kiosk::backend

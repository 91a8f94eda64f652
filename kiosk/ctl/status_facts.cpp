#include "kiosk/ctl/status_facts.h"

#include <fmt/format.h>

#include "kiosk/alerts/monitor.h"
#include "kiosk/alerts/status_verb.h"
#include "kiosk/control/client.h"
#include "kiosk/devices/device_json.h"
#include "kiosk/store/database.h"
#include "kiosk/store/outbox.h"
#include "kiosk/store/outbox_schema.h"
#include "kiosk/sync/settings.h"

namespace kiosk::ctl {

using nlohmann::json;

namespace {
Result<int> schema_version(const std::filesystem::path& file) {
  auto db = store::Database::open(file);
  if (!db) return std::unexpected(db.error());
  return db->user_version();
}
}  // namespace

json queue_figures(const config::Config& c, const Clock& clock, alerts::Facts& facts) {
  const auto options = sync::outbox_options(c);
  std::error_code ec;
  if (!std::filesystem::exists(options.database, ec)) {
    alerts::read_disk_facts(nullptr, clock, c.state_dir, facts);
    facts.dead_letters = 0;
    facts.delivery_pause = std::optional<store::Failure>();
    facts.clock_behind = std::optional<std::string>();  // no floor recorded yet
    return {{"pending", 0}, {"dead", 0}, {"oldest_pending_age_s", nullptr}, {"error", nullptr}};
  }
  // A report never writes: a database at another schema version is left to the kiosk,
  // which migrates it when it starts.
  if (auto version = schema_version(options.database);
      !version || *version != static_cast<int>(store::outbox_migrations().size())) {
    alerts::read_disk_facts(nullptr, clock, c.state_dir, facts);
    return {{"pending", nullptr},
            {"dead", nullptr},
            {"oldest_pending_age_s", nullptr},
            {"error", version ? fmt::format("the database is at schema version {}; csc-kiosk "
                                            "updates it when it starts",
                                            *version)
                              : version.error().message}};
  }
  auto outbox = store::Outbox::open(options, clock);
  if (!outbox) {
    alerts::read_disk_facts(nullptr, clock, c.state_dir, facts);
    return {{"pending", nullptr},
            {"dead", nullptr},
            {"oldest_pending_age_s", nullptr},
            {"error", outbox.error().message}};
  }
  alerts::read_disk_facts(&*outbox, clock, c.state_dir, facts);
  auto stats = outbox->views().stats();
  if (!stats) {
    return {{"pending", nullptr},
            {"dead", nullptr},
            {"oldest_pending_age_s", nullptr},
            {"error", stats.error().message}};
  }
  return {{"pending", stats->pending},
          {"dead", stats->dead},
          {"oldest_pending_age_s",
           stats->oldest_pending_age ? json(stats->oldest_pending_age->count()) : json(nullptr)},
          {"error", nullptr}};
}

json running_status(const config::Config& c) {
  auto reply = control::exchange(c.control_socket, {{"verb", "status"}},
                                 control::client_timeout(alerts::kStatusBudget));
  if (!reply || reply->refused || !reply->body.is_object()) return nullptr;
  return reply->body;
}

namespace {

// Device facts from the probe's listing; nullopt when no state was actually read.
std::optional<std::vector<alerts::DeviceFact>> device_facts(const config::Config& c,
                                                            const json& devices) {
  std::vector<alerts::DeviceFact> out;
  for (const auto& entry : c.devices) {
    for (const auto& d : devices) {
      if (!d.is_object() || d.value("name", "") != entry.name) continue;
      auto state = devices::state_from_json(d);
      if (!state || state->detail == "not probed") return std::nullopt;
      out.push_back({*state, entry.required});
    }
  }
  return out;
}

}  // namespace

json alert_report(const config::Config& c, const json& running, const json& devices,
                  alerts::Facts facts) {
  if (running.is_object() && running.contains("alerts")) {
    return {{"alerts", running["alerts"]},
            {"alerts_source", "app"},
            {"alerts_unknown", json::array()},
            {"delivery", running.value("delivery", json(nullptr))}};
  }
  facts.low_disk_mb = static_cast<std::uint64_t>(c.outbox_low_disk_mb);
  facts.devices = device_facts(c, devices);
  // The delivery state (idle, backing off until …) is the running kiosk's alone.
  auto unknown = alerts::unknown(facts);
  unknown.push_back("delivery_state");
  return {{"alerts", alerts::to_json(alerts::unwatched(alerts::derive(facts)))},
          {"alerts_source", "derived"},
          {"alerts_unknown", unknown},
          {"delivery", nullptr}};
}

void translate_device_texts(json& devices, const i18n::Strings& strings,
                            const std::string& language) {
  for (auto& d : devices) {
    for (const char* field : {"status_text", "action_text"}) {
      auto it = d.find(field);
      if (it == d.end() || !it->is_string()) continue;
      const std::string key = it->get<std::string>();
      d[std::string(field) + "_key"] = key;
      *it = std::string(strings.get(language, key));
    }
  }
}

}  // namespace kiosk::ctl

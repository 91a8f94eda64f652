// The desk's pages as rows: i18n keys for what is said in words, plain values for figures
// and ids. The English summaries of alerts and failures travel as plain detail beside the
// translated line: they name things (a device, an error) an engineer may need verbatim.
#include <fmt/format.h>

#include "kiosk/core/log.h"
#include "kiosk/operator/desk.h"
#include "kiosk/store/transaction.h"

namespace kiosk::op {

namespace {

using app::OperatorPage;
using app::OperatorPageData;
using app::OperatorRow;

// "device.receipt_printer" → "device", "device.x.certificate" → "device.certificate":
// the alert's family, which names its i18n text.
std::string alert_family(const std::string& id) {
  if (id.starts_with("device."))
    return id.ends_with(".certificate") ? "device.certificate" : "device";
  return id;
}

std::string ist_clock(Clock::WallTime at) {
  return store::rfc3339_ist(at).substr(11, 5);  // "HH:MM"
}

std::string age_text(std::chrono::seconds age) {
  if (age < std::chrono::minutes(2)) return fmt::format("{} s", age.count());
  if (age < std::chrono::hours(2)) return fmt::format("{} min", age.count() / 60);
  return fmt::format("{} h", age.count() / 3600);
}

OperatorPageData alerts_page(const std::vector<alerts::Alert>& alerts) {
  OperatorPageData data{OperatorPage::Alerts, {}, {}};
  for (const auto& a : alerts) {
    const auto family = alert_family(a.condition.id);
    data.rows.push_back({.label_key = "operator.alert." + family,
                         .label = a.condition.summary,
                         .value = a.since ? ist_clock(*a.since) : std::string("-"),
                         .advice_key = "operator.alert." + family + ".action",
                         .problem = a.condition.severity == alerts::Severity::Critical});
  }
  if (data.rows.empty())
    data.rows.push_back({.label_key = "operator.alerts.none", .value_key = "operator.ok"});
  return data;
}

OperatorPageData log_page(const std::vector<std::string>& lines) {
  OperatorPageData data{OperatorPage::Log, {}, {}};
  // Newest first: what the operator came for is what just happened.
  for (auto it = lines.rbegin(); it != lines.rend() && data.rows.size() < 60; ++it)
    data.rows.push_back({.label = *it, .problem = it->find("[error]") != std::string::npos});
  if (data.rows.empty()) data.error_key = "operator.log.empty";
  return data;
}

OperatorPageData config_page(const nlohmann::json& status) {
  OperatorPageData data{OperatorPage::Config, {}, {}};
  const auto record = status.value("record", nlohmann::json::object());
  const auto applied = record.value("applied", nlohmann::json::object());
  const auto trial = record.value("trial", nlohmann::json::object());
  const auto version = applied.value("version", std::int64_t{0});
  data.rows.push_back({.label_key = "operator.config.version",
                       .value = version == 0 ? std::string("-") : std::to_string(version),
                       .value_key = version == 0 ? "operator.config.local" : ""});
  data.rows.push_back({.label_key = "operator.config.updated",
                       .label = applied.value("source", std::string()),
                       .value = applied.value("at", std::string("-"))});
  const auto phase = trial.value("phase", std::string("none"));
  data.rows.push_back(
      {.label_key = "operator.config.trial", .value_key = "operator.config.phase." + phase});
  if (const auto rolled = record.value("last_rollback", std::string()); !rolled.empty())
    data.rows.push_back({.label_key = "operator.config.rolled_back",
                         .label = rolled,
                         .advice_key = "operator.alert.config.rolled-back.action",
                         .problem = true});
  if (const auto refused = record.value("last_refusal", std::string()); !refused.empty())
    data.rows.push_back({.label_key = "operator.config.refused", .label = refused});
  return data;
}

}  // namespace

OperatorPageData Desk::page_rows(OperatorPage page) {
  switch (page) {
    case OperatorPage::Alerts:
      if (sources_.alerts) return alerts_page(sources_.alerts());
      break;
    case OperatorPage::Log:
      return log_page(sources_.recent_log ? sources_.recent_log() : log::recent());
    case OperatorPage::Config:
      if (sources_.config_status) return config_page(sources_.config_status());
      return {page,
              {{.label_key = "operator.config.version", .value_key = "operator.config.local"}},
              {}};
    case OperatorPage::Queue:
      return queue_page();
    case OperatorPage::Report:
      return report_page();
    case OperatorPage::Payment:
      return intents_page();
    default:
      break;
  }
  return {page, {}, "operator.page.unavailable"};
}

// The figures first, then each dead letter with why and its redrive.
OperatorPageData Desk::queue_page() {
  OperatorPageData data{OperatorPage::Queue, {}, {}};
  auto box = outbox();
  if (!box) return {OperatorPage::Queue, {}, "operator.page.unavailable"};
  auto views = (*box)->views();
  auto stats = views.stats();
  if (!stats) return {OperatorPage::Queue, {}, "operator.page.unavailable"};
  const auto age = stats->oldest_pending_age;
  data.rows.push_back(
      {.label_key = "operator.queue.pending", .value = std::to_string(stats->pending)});
  data.rows.push_back({.label_key = "operator.queue.oldest",
                       .value = age ? age_text(*age) : std::string("-"),
                       .problem = age && *age > std::chrono::hours(1)});
  if (sources_.delivery_state) {
    const auto [state, why] = sources_.delivery_state();
    data.rows.push_back(
        {.label_key = "operator.queue.delivery",
         .label = why,
         .value_key = "operator.delivery." + state,
         .problem = state == "paused" || state == "failing" || state == "not-enrolled"});
  }
  data.rows.push_back({.label_key = "operator.queue.dead",
                       .value = std::to_string(stats->dead),
                       .advice_key = stats->dead > 0 ? "operator.queue.dead.action" : "",
                       .problem = stats->dead > 0,
                       .action = stats->dead > 0 ? "redrive-all" : ""});
  auto dead = views.list(true, 20);
  if (!dead) return data;
  for (const auto& item : *dead)
    data.rows.push_back({.label_key = "operator.queue.dead_item",
                         .label = item.receipt_no + " · " + item.last_error,
                         .value = item.service_id,
                         .problem = true,
                         .action = "redrive",
                         .subject = std::to_string(item.id)});
  return data;
}

}  // namespace kiosk::op

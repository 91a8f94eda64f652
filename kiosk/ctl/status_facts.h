// What `kioskctl status` adds to the configuration report: the queue figures (read from
// the outbox, read-only), the alerts and the delivery state. While a kiosk runs, the
// alerts and delivery state are its own (the `status` verb); otherwise the alerts are
// derived from the database and the disk, and those it cannot know are named.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/alerts/alerts.h"
#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"
#include "kiosk/i18n/strings.h"

namespace kiosk::ctl {

// {pending, dead, oldest_pending_age_s, error}; fills the facts it reads (clock floor,
// dead letters, free disk). A kiosk that never committed anything has no database: zeros.
nlohmann::json queue_figures(const config::Config& c, const Clock& clock, alerts::Facts& facts);

// The running kiosk's `status` answer, or null when no kiosk answers.
nlohmann::json running_status(const config::Config& c);

// {alerts, alerts_source ("app" | "derived"), alerts_unknown, delivery}.
nlohmann::json alert_report(const config::Config& c, const nlohmann::json& running,
                            const nlohmann::json& devices, alerts::Facts facts);

// status_text and action_text of each device as texts in `language` (keys stay beside).
void translate_device_texts(nlohmann::json& devices, const i18n::Strings& strings,
                            const std::string& language);

}  // namespace kiosk::ctl

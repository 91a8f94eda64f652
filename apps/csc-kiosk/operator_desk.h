// Operator mode's wiring in the app: the desk (kiosk/operator/desk.h) with the kiosk's real
// parts (the print worker, the scan board, the RD Service, the outbox, the alerts, the
// config service), and the payment verbs. The restart the operator asks for ends the UI
// loop like SIGTERM does; main then exits with ExitCode::Restart.
#pragma once

#include <atomic>
#include <memory>

#include "kiosk/alerts/monitor.h"
#include "kiosk/app/app_core.h"
#include "kiosk/config/config.h"
#include "kiosk/config/config_service.h"
#include "kiosk/devices/scan_board.h"
#include "kiosk/operator/desk.h"
#include "kiosk/operator/payment_verbs.h"
#include "kiosk/receipt/print_worker.h"
#include "kiosk/sync/sync_worker.h"

namespace apps {

// Set by the operator's restart; read by main after the UI loop ends.
inline std::atomic<bool> g_restart_requested{false};

struct DeskParts {
  const kiosk::config::Config& config;
  const kiosk::Clock& clock;
  kiosk::app::AppCore& core;
  kiosk::op::SharedStore* store = nullptr;
  kiosk::sync::SyncWorker& delivery;
  kiosk::alerts::AlertMonitor* alerts = nullptr;
  kiosk::config::ConfigService* config_service = nullptr;
  kiosk::receipt::PrintWorker* printer = nullptr;
  kiosk::devices::ScanBoard* scans = nullptr;
};

std::unique_ptr<kiosk::op::Desk> start_desk(const DeskParts& parts);

// The receipt a late (citizen left) transaction of `service_id` prints; nullopt without a
// receipt printer or for a service the catalogue does not know.
std::function<std::optional<kiosk::store::ReceiptRequest>(const std::string&)> late_receipts(
    const kiosk::config::Config& config, const kiosk::app::AppCore& core, std::string printer);

}  // namespace apps

// The outbox's and the sync worker's settings, read from the validated config: one place,
// shared by csc-kiosk and kioskctl so both deliver the same way.
#pragma once

#include "kiosk/config/config.h"
#include "kiosk/store/outbox.h"
#include "kiosk/sync/syncer.h"

namespace kiosk::sync {

store::OutboxOptions outbox_options(const config::Config& config);
// Everything but the token (read from config.token_file before each pass).
SyncSettings sync_settings(const config::Config& config);

}  // namespace kiosk::sync

// Shared pieces of the delivery tests: an outbox in a scratch folder, sample transactions,
// and sync settings pointing at a BackendProcess.
#pragma once

#include <filesystem>
#include <string>

#include "kiosk/store/outbox.h"
#include "kiosk/sync/syncer.h"
#include "tests/backend/backend_process.h"
#include "tests/support/samples.h"

namespace kiosk::testing {

store::OutboxOptions outbox_in(const std::filesystem::path& dir);
// Short timeouts and a 10 ms backoff base so retries happen within a test.
sync::SyncSettings settings_for(int port, const std::string& scheme = "http");

}  // namespace kiosk::testing

// A SQLite VFS shim for fault and latency injection (SQLite's own test_vfs idea,
// sqlite.org/testing.html §3.3): it forwards everything to the real default VFS, but can
// make every sync take longer (kiosk eMMC/SD flash) or make writes fail as a full disk or
// a failing device would. Installed as the process's default VFS, so the code under test
// opens its database exactly as in production.
#pragma once

#include <atomic>
#include <chrono>

namespace kiosk::testing {

struct FaultVfs {
  std::atomic<long> sync_delay_us{0};         // added to every xSync
  std::atomic<bool> fail_writes_full{false};  // xWrite → SQLITE_FULL (ENOSPC)
  std::atomic<bool> fail_writes_io{false};    // xWrite → SQLITE_IOERR_WRITE (EIO)
  // xSync → SQLITE_BUSY: a COMMIT that fails without SQLite rolling back by itself (after
  // an I/O error it does; after BUSY the transaction stays open for a retry).
  std::atomic<bool> fail_syncs_busy{false};
  std::atomic<long> syncs{0};  // xSync calls seen

  // Registers the shim as the default VFS (once per process) and returns its knobs.
  static FaultVfs& install();
};

}  // namespace kiosk::testing

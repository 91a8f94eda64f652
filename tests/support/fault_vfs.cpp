#include "tests/support/fault_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <mutex>
#include <thread>

namespace kiosk::testing {
namespace {

FaultVfs g_knobs;
sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

// Our file object: the real one follows it in the same allocation.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

ShimFile* shim(sqlite3_file* f) {
  return reinterpret_cast<ShimFile*>(f);
}

int shim_close(sqlite3_file* f) {
  return shim(f)->real()->pMethods->xClose(shim(f)->real());
}
int shim_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) {
  return shim(f)->real()->pMethods->xRead(shim(f)->real(), b, n, o);
}
int shim_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  if (g_knobs.fail_writes_full) return SQLITE_FULL;
  if (g_knobs.fail_writes_io) return SQLITE_IOERR_WRITE;
  return shim(f)->real()->pMethods->xWrite(shim(f)->real(), b, n, o);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return shim(f)->real()->pMethods->xTruncate(shim(f)->real(), size);
}
int shim_sync(sqlite3_file* f, int flags) {
  ++g_knobs.syncs;
  if (g_knobs.fail_syncs_busy) return SQLITE_BUSY;
  if (const long us = g_knobs.sync_delay_us; us > 0)
    std::this_thread::sleep_for(std::chrono::microseconds(us));
  return shim(f)->real()->pMethods->xSync(shim(f)->real(), flags);
}
int shim_size(sqlite3_file* f, sqlite3_int64* size) {
  return shim(f)->real()->pMethods->xFileSize(shim(f)->real(), size);
}
int shim_lock(sqlite3_file* f, int l) {
  return shim(f)->real()->pMethods->xLock(shim(f)->real(), l);
}
int shim_unlock(sqlite3_file* f, int l) {
  return shim(f)->real()->pMethods->xUnlock(shim(f)->real(), l);
}
int shim_check(sqlite3_file* f, int* out) {
  return shim(f)->real()->pMethods->xCheckReservedLock(shim(f)->real(), out);
}
int shim_control(sqlite3_file* f, int op, void* arg) {
  return shim(f)->real()->pMethods->xFileControl(shim(f)->real(), op, arg);
}
int shim_sector(sqlite3_file* f) {
  return shim(f)->real()->pMethods->xSectorSize(shim(f)->real());
}
int shim_caps(sqlite3_file* f) {
  return shim(f)->real()->pMethods->xDeviceCharacteristics(shim(f)->real());
}
int shim_shm_map(sqlite3_file* f, int pg, int sz, int ext, void volatile** p) {
  return shim(f)->real()->pMethods->xShmMap(shim(f)->real(), pg, sz, ext, p);
}
int shim_shm_lock(sqlite3_file* f, int off, int n, int flags) {
  return shim(f)->real()->pMethods->xShmLock(shim(f)->real(), off, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) {
  shim(f)->real()->pMethods->xShmBarrier(shim(f)->real());
}
int shim_shm_unmap(sqlite3_file* f, int del) {
  return shim(f)->real()->pMethods->xShmUnmap(shim(f)->real(), del);
}

int shim_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out) {
  ShimFile* s = shim(f);
  s->base.pMethods = nullptr;
  const int rc = g_real->xOpen(g_real, name, s->real(), flags, out);
  if (rc == SQLITE_OK && s->real()->pMethods != nullptr) s->base.pMethods = &g_methods;
  return rc;
}

void build() {
  g_real = sqlite3_vfs_find(nullptr);
  g_methods = sqlite3_io_methods{};
  g_methods.iVersion = 2;  // WAL needs the shared-memory methods
  g_methods.xClose = shim_close;
  g_methods.xRead = shim_read;
  g_methods.xWrite = shim_write;
  g_methods.xTruncate = shim_truncate;
  g_methods.xSync = shim_sync;
  g_methods.xFileSize = shim_size;
  g_methods.xLock = shim_lock;
  g_methods.xUnlock = shim_unlock;
  g_methods.xCheckReservedLock = shim_check;
  g_methods.xFileControl = shim_control;
  g_methods.xSectorSize = shim_sector;
  g_methods.xDeviceCharacteristics = shim_caps;
  g_methods.xShmMap = shim_shm_map;
  g_methods.xShmLock = shim_shm_lock;
  g_methods.xShmBarrier = shim_shm_barrier;
  g_methods.xShmUnmap = shim_shm_unmap;
  g_vfs = *g_real;  // inherit xDelete, xAccess, xFullPathname, randomness, time …
  g_vfs.zName = "kiosk-fault";
  g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
  g_vfs.xOpen = shim_open;
  g_vfs.pNext = nullptr;
  sqlite3_vfs_register(&g_vfs, /*makeDflt=*/1);
}

}  // namespace

FaultVfs& FaultVfs::install() {
  static std::once_flag once;
  std::call_once(once, build);
  return g_knobs;
}

}  // namespace kiosk::testing

// No child of the kiosk keeps its instance lock, database or control socket.
//
// O_CLOEXEC closes them at exec(), but a child that never reaches exec() keeps them: a
// library that forks a helper (D-Bus autolaunch did, from SDL_Init) and deadlocks before
// exec would hold the instance lock (an flock on an open file description the child
// shares) long after the kiosk itself exited. install() adds pthread_atfork handlers: before
// fork() the parent lists its close-on-exec descriptors; the child closes them at once,
// with the raw system call (an LD_PRELOAD shim such as umockdev's may hold a lock the child
// inherited). Descriptors without FD_CLOEXEC — the pipes a helper is meant to inherit —
// are left alone. posix_spawn() runs no fork handlers and execs at once, so it needs none.
#pragma once

#include <cstdint>

namespace kiosk::close_on_fork {

// Idempotent; call early in main.
void install();
// fork() calls seen since install(), in this process (csc-kiosk's `health` verb reports it).
std::uint64_t forks_seen();

}  // namespace kiosk::close_on_fork

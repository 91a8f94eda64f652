// SIGTERM, SIGINT and SIGHUP end the kiosk cleanly, whichever thread the kernel picks.
//
// SDL's own handlers only help when the signal lands on the UI thread: delivered to any of
// the kiosk's other threads, it left the UI asleep in SDL_WaitEvent and the kiosk did not
// stop (seen under load in CI). So block() keeps these signals blocked in every thread
// (call it first in main, before any thread starts: threads inherit the mask), and while
// a QuitSignals lives, one thread takes them with sigtimedwait() and posts SDL_QUIT, which
// wakes the UI from any thread.
#pragma once

#include <atomic>
#include <thread>

namespace kiosk::ui {

class QuitSignals {
 public:
  static void block();
  QuitSignals();  // after SDL_Init: SDL_PushEvent needs the event queue
  ~QuitSignals();
  QuitSignals(const QuitSignals&) = delete;
  QuitSignals& operator=(const QuitSignals&) = delete;

 private:
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace kiosk::ui

#include "ui/platform/quit_signals.h"

#include <SDL.h>
#include <pthread.h>
#include <signal.h>

#include <ctime>

#include "kiosk/core/log.h"

namespace kiosk::ui {
namespace {

sigset_t quit_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void QuitSignals::block() {
  const sigset_t set = quit_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // ours, not SDL's
}

QuitSignals::QuitSignals() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kiosk-signals");
    const sigset_t set = quit_set();
    const timespec slice{0, 200'000'000};  // notice stopping_ within 200 ms
    while (!stopping_) {
      const int signal = sigtimedwait(&set, nullptr, &slice);
      if (signal <= 0) continue;
      log::info("ui", "signal {}: stopping", signal);
      SDL_Event quit{};
      quit.type = SDL_QUIT;
      SDL_PushEvent(&quit);
    }
  });
}

QuitSignals::~QuitSignals() {
  stopping_ = true;
  thread_.join();
}

}  // namespace kiosk::ui

// The UI thread's loop: wait for an event, draw only when something changed, repeat.
//
//  [X] Blocks in SDL_WaitEventTimeout; the FrameScheduler decides when to draw.
//  [X] The app core wakes the loop with an SDL user event when it publishes a snapshot.
//  [X] No hover after a finger lifts (the pointer is parked off-screen).
//  [X] SIGINT/SIGTERM/SIGHUP arrive as SDL_QUIT (QuitSignals, from whichever thread the
//      kernel picked): the loop ends cleanly.
//  [X] --screenshot: draw until settled, save the back buffer as PNG, exit.
//  [X] A liveness beat every turn, at least once a second even when idle.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>

#include "kiosk/app/app_core.h"
#include "kiosk/core/liveness.h"
#include "kiosk/core/result.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/text/engine.h"
#include "ui/kiosk_ui.h"
#include "ui/platform/sdl_gl_window.h"

namespace kiosk::ui {

struct RunOptions {
  WindowOptions window;
  std::filesystem::path latin_font;  // ImGui's fallback font
  float screen_dpi = 96;
  bool render_continuously = false;
  std::optional<std::filesystem::path> screenshot;
  // Take the screenshot at the first settled frame this long after start (input may
  // arrive meanwhile: a person, or xdotool in the smoke tests).
  std::chrono::milliseconds screenshot_delay{0};
  std::chrono::steady_clock::time_point started;  // for the start-to-first-frame log line
  app::ScreenBoard* screen_board = nullptr;       // --demo: the `ui` and `screenshot` verbs
  const text::IconNames* icon_names = nullptr;
  const text::Transliterator* phonetic = nullptr;  // phonetic Hindi typing; nullptr: none
  // Beaten every turn of the loop, which then waits at most Liveness::kBeatEvery.
  Liveness* liveness = nullptr;
  // Called once the first frame is on screen (main tells systemd READY=1).
  std::function<void()> on_ready;
};

Status run_kiosk(app::AppCore& core, const i18n::Strings& strings, text::Engine& engine,
                 const RunOptions& options);

}  // namespace kiosk::ui

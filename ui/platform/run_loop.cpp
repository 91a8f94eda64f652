#include "ui/platform/run_loop.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <cfloat>
#include <functional>

#include "kiosk/core/log.h"
#include "kiosk/core/thread_guard.h"
#include "ui/frame_scheduler.h"
#include "ui/platform/gl_texture_sink.h"
#include "ui/platform/quit_signals.h"
#include "ui/speaker.h"

namespace kiosk::ui {
namespace {

class ImGuiContextOwner {
 public:
  ImGuiContextOwner() { ImGui::CreateContext(); }
  ~ImGuiContextOwner() { ImGui::DestroyContext(); }
  ImGuiContextOwner(const ImGuiContextOwner&) = delete;
  ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

bool is_input(const SDL_Event& e) {
  switch (e.type) {
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
    case SDL_KEYDOWN:
    case SDL_KEYUP:
    case SDL_TEXTINPUT:
    case SDL_WINDOWEVENT:
      return true;
    default:
      return false;
  }
}

class Loop {
 public:
  Loop(app::AppCore& core, KioskUi& ui, SdlGlWindow& window, const RunOptions& options)
      : core_(core),
        ui_(ui),
        window_(window),
        options_(options),
        scheduler_(options.render_continuously),
        wake_event_(SDL_RegisterEvents(1)) {}

  Status run();
  // Called once, on the UI thread, right after the first frame is on screen: start-up
  // work that need not delay it (opening the sound card takes ~100 ms).
  void after_first_frame(std::function<void()> work) { after_first_frame_ = std::move(work); }

 private:
  void handle(const SDL_Event& e);
  Status draw_frame();

  app::AppCore& core_;
  KioskUi& ui_;
  SdlGlWindow& window_;
  const RunOptions& options_;
  FrameScheduler scheduler_;
  Uint32 wake_event_;
  bool quit_ = false;
  bool touch_lifted_ = false;  // a finger went up: park the pointer after the release frame
  // Tap to photon (docs/benchmarks.md): from a release's event to the swap of the first
  // frame drawn from a newer snapshot, the frame that shows what the tap did.
  std::optional<std::chrono::steady_clock::time_point> tap_at_;
  std::uint64_t tap_version_ = 0;
  std::function<void()> after_first_frame_;
  std::uint64_t frames_ = 0;
  std::uint64_t drawn_version_ = ~0ULL;
};

void Loop::handle(const SDL_Event& e) {
  ImGui_ImplSDL2_ProcessEvent(&e);
  if (e.type == SDL_QUIT) quit_ = true;
  if (e.type == SDL_MOUSEBUTTONUP && e.button.which == SDL_TOUCH_MOUSEID) touch_lifted_ = true;
  if (e.type == SDL_MOUSEBUTTONDOWN) touch_lifted_ = false;
  if (e.type == SDL_MOUSEBUTTONUP) {
    tap_at_ = std::chrono::steady_clock::now();
    tap_version_ = core_.snapshot()->version;
  }
  if (is_input(e) || e.type == wake_event_) scheduler_.request_frames();
}

Status Loop::draw_frame() {
  const auto snapshot = core_.snapshot();
  window_.new_frame();
  if (touch_lifted_ && scheduler_.frames_owed() < FrameScheduler::kSettleFrames) {
    // The release frame has been drawn (the tap fired); now no widget may stay "hovered".
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  ImGui::NewFrame();
  const auto now = std::chrono::steady_clock::now();
  ui_.draw(*snapshot, core_, now, std::chrono::system_clock::now());
  scheduler_.set_animation_fps(ui_.animation_fps());
  auto wake = ui_.wake_at();
  const auto shot_at = options_.started + options_.screenshot_delay;
  if (options_.screenshot && now < shot_at && (!wake || shot_at < *wake)) wake = shot_at;
  scheduler_.set_wake_at(wake);
  ImGui::Render();
  drawn_version_ = snapshot->version;
  ++frames_;
  const bool capture = options_.screenshot && frames_ >= FrameScheduler::kSettleFrames &&
                       scheduler_.frames_owed() <= 1 && now >= shot_at;
  if (options_.screen_board != nullptr && options_.screen_board->capture_wanted()) {
    window_.render();  // the pixels go to the control worker that asked; it writes them
    options_.screen_board->deliver_capture(window_.read_back_buffer());
    window_.present();
  } else if (!capture) {
    window_.render_and_present();
  } else {
    window_.render();
    auto image = window_.read_back_buffer();
    if (!image) return std::unexpected(image.error());
    if (auto written = write_png(*options_.screenshot, *image); !written) return written;
    log::info("ui", "screenshot {}x{} written to {}", image->width, image->height,
              options_.screenshot->string());
    quit_ = true;
  }
  if (tap_at_ && snapshot->version > tap_version_) {
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *tap_at_);
    log::debug("ui", "tap to photon {:.1f} ms", ms.count());
    tap_at_.reset();
  }
  if (frames_ == 1) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              options_.started);
    log::info("ui", "first frame presented {:.1f} ms after start", ms.count());
    if (after_first_frame_) after_first_frame_();
    scheduler_.request_frames();  // a frame with whatever it added (the listen button)
  }
  return {};
}

Status Loop::run() {
  const auto wake = [type = wake_event_] {
    SDL_Event event{};
    event.type = type;
    SDL_PushEvent(&event);  // thread-safe; wakes SDL_WaitEventTimeout
  };
  core_.set_on_publish(wake);
  if (options_.screen_board != nullptr) options_.screen_board->set_wake(wake);
  scheduler_.request_frames();
  // The fault verb may freeze this loop (the watchdog's test); a thrown fault is counted
  // and the loop goes on, since the UI thread cannot be restarted.
  threads::Registration registration("ui", wake);
  while (!quit_) {
    try {
      registration.checkpoint();
    } catch (const std::exception& e) {
      threads::record_fault("ui", e.what());
    }
    SDL_Event e;
    int timeout = scheduler_.wait_timeout_ms(std::chrono::steady_clock::now());
    if (options_.liveness != nullptr) {
      options_.liveness->beat();
      const int beat_ms = static_cast<int>(Liveness::kBeatEvery.count());
      if (timeout < 0 || timeout > beat_ms) timeout = beat_ms;
    }
    const bool got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
    if (got) {
      handle(e);
      while (SDL_PollEvent(&e)) handle(e);
    }
    if (core_.snapshot()->version != drawn_version_) scheduler_.request_frames();
    const auto now = std::chrono::steady_clock::now();
    if (!quit_ && scheduler_.frame_due(now)) {
      if (auto status = draw_frame(); !status) return status;
      scheduler_.on_frame_drawn(now);
    }
  }
  core_.set_on_publish(nullptr);
  if (options_.screen_board != nullptr) options_.screen_board->set_wake({});
  return {};
}

}  // namespace

Status run_kiosk(app::AppCore& core, const i18n::Strings& strings, text::Engine& engine,
                 const RunOptions& options) {
  ImGuiContextOwner context;
  auto window = SdlGlWindow::open(options.window);  // the GL context the atlas texture needs
  if (!window) return std::unexpected(window.error());
  QuitSignals quit_signals;  // SIGTERM/SIGINT/SIGHUP → SDL_QUIT, from whichever thread
  GlTextureSink textures;
  KioskUi ui(strings, Metrics::for_dpi(options.screen_dpi), engine, textures);
  if (auto loaded = ui.load_fonts(options.latin_font); !loaded) return loaded;
  ui.apply_style();
  ui.set_icon_names(options.icon_names);
  ui.set_phonetic(options.phonetic);
  ui.set_screen_board(options.screen_board);
  // Voice guidance is optional: without espeak-ng the kiosk works, minus the listen button.
  // It starts after the first frame: SDL's audio probing would delay that frame ~100 ms.
  std::unique_ptr<VoiceGuide> voice;
  std::optional<VoiceSpeaker> speaker;
  Loop loop(core, ui, **window, options);
  loop.after_first_frame([&] {
    if (options.on_ready) options.on_ready();
    auto guide = VoiceGuide::create();
    if (!guide) {
      log::warn("ui", "voice guidance unavailable: {}", guide.error().message);
      return;
    }
    voice = std::move(*guide);
    speaker.emplace(*voice);
    ui.set_speaker(&*speaker);
  });
  const auto status = loop.run();
  ui.set_speaker(nullptr);
  return status;
}

}  // namespace kiosk::ui

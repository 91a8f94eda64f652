// When to draw. The kiosk is event-driven: it blocks in SDL_WaitEventTimeout and draws
// only after input, a state change, a due timer or while an animation runs, then a few
// frames more (ImGui needs a frame or two to settle new windows and hover state).
// On software GL every 1080p frame costs ~20 ms of CPU (../shared/research/anchors.md),
// so an idle kiosk must draw nothing at all.
#pragma once

#include <chrono>
#include <optional>

namespace kiosk::ui {

class FrameScheduler {
 public:
  using Time = std::chrono::steady_clock::time_point;
  static constexpr int kSettleFrames = 3;  // the triggering frame and two more

  explicit FrameScheduler(bool render_continuously) : continuous_(render_continuously) {}

  // Something changed (input, a new snapshot, a resize): draw `frames` more frames.
  void request_frames(int frames = kSettleFrames);
  // The animation running on screen and its declared frame rate; 0 stops it.
  void set_animation_fps(int fps) { animation_fps_ = fps; }
  // A timer the screen shows (a countdown, a cursor blink): draw when it falls due.
  void set_wake_at(std::optional<Time> when) { wake_at_ = when; }

  bool frame_due(Time now) const;
  // How long to block for events: 0 when a frame is due now, -1 to wait for ever.
  int wait_timeout_ms(Time now) const;
  void on_frame_drawn(Time now);

  int frames_owed() const { return owed_; }

 private:
  std::optional<Time> next_animation_frame() const;

  bool continuous_;
  int owed_ = 0;
  int animation_fps_ = 0;
  std::optional<Time> wake_at_;
  std::optional<Time> last_frame_;
};

}  // namespace kiosk::ui

#include "ui/frame_scheduler.h"

#include <algorithm>

namespace kiosk::ui {

void FrameScheduler::request_frames(int frames) {
  owed_ = std::max(owed_, frames);
}

std::optional<FrameScheduler::Time> FrameScheduler::next_animation_frame() const {
  if (animation_fps_ <= 0) return std::nullopt;
  if (!last_frame_) return Time{};
  return *last_frame_ + std::chrono::microseconds(1'000'000 / animation_fps_);
}

bool FrameScheduler::frame_due(Time now) const {
  if (continuous_ || owed_ > 0) return true;
  if (auto next = next_animation_frame(); next && now >= *next) return true;
  return wake_at_ && now >= *wake_at_;
}

int FrameScheduler::wait_timeout_ms(Time now) const {
  if (frame_due(now)) return 0;
  std::optional<Time> soonest = next_animation_frame();
  if (wake_at_ && (!soonest || *wake_at_ < *soonest)) soonest = wake_at_;
  if (!soonest) return -1;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*soonest - now).count();
  return static_cast<int>(std::clamp<long long>(wait, 1, 24LL * 3600 * 1000));
}

void FrameScheduler::on_frame_drawn(Time now) {
  owed_ = std::max(0, owed_ - 1);
  last_frame_ = now;
  if (wake_at_ && now >= *wake_at_) wake_at_.reset();
}

}  // namespace kiosk::ui

#include "ui/frame_scheduler.h"

#include <catch2/catch.hpp>

using kiosk::ui::FrameScheduler;
using namespace std::chrono_literals;

namespace {
const FrameScheduler::Time t0 = FrameScheduler::Time{} + 1000s;
}

TEST_CASE("An idle kiosk draws nothing and waits for ever", "[ui][scheduler]") {
  FrameScheduler s(false);
  CHECK_FALSE(s.frame_due(t0));
  CHECK(s.wait_timeout_ms(t0) == -1);
}

TEST_CASE("Input earns the triggering frame and two settle frames, then idles", "[ui][scheduler]") {
  FrameScheduler s(false);
  s.request_frames();
  int drawn = 0;
  auto now = t0;
  while (s.frame_due(now) && drawn < 10) {
    CHECK(s.wait_timeout_ms(now) == 0);
    s.on_frame_drawn(now);
    ++drawn;
    now += 16ms;
  }
  CHECK(drawn == FrameScheduler::kSettleFrames);
  CHECK(s.wait_timeout_ms(now) == -1);
}

TEST_CASE("An animation draws at its declared frame rate and no faster", "[ui][scheduler]") {
  FrameScheduler s(false);
  s.set_animation_fps(4);
  s.on_frame_drawn(t0);
  CHECK_FALSE(s.frame_due(t0 + 100ms));
  CHECK(s.wait_timeout_ms(t0 + 100ms) == 150);
  CHECK(s.frame_due(t0 + 250ms));
  s.set_animation_fps(0);
  CHECK(s.wait_timeout_ms(t0 + 250ms) == -1);
}

TEST_CASE("A timer wakes the loop when it falls due, once", "[ui][scheduler]") {
  FrameScheduler s(false);
  s.set_wake_at(t0 + 2s);
  CHECK(s.wait_timeout_ms(t0) == 2000);
  CHECK(s.frame_due(t0 + 2s));
  s.on_frame_drawn(t0 + 2s);
  CHECK(s.wait_timeout_ms(t0 + 2s) == -1);
}

TEST_CASE("Rendering continuously draws every frame", "[ui][scheduler]") {
  FrameScheduler s(true);
  CHECK(s.frame_due(t0));
  CHECK(s.wait_timeout_ms(t0) == 0);
}

// What the screen shows, as the UI drew it last, for anyone who checks a screen without
// looking at it: tests that click the real window at these rectangles, and a person at
// the control socket (`ui` and `screenshot` verbs, registered in --demo only).
//
//  [X] Written by the UI thread after each frame, read by control workers: one short lock
//  [X] A screenshot is read back by the UI thread and written to disk by the control
//      worker that asked, so the UI thread never does file I/O for it
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/snapshot.h"
#include "kiosk/control/verbs.h"
#include "kiosk/core/image.h"
#include "kiosk/core/result.h"

namespace kiosk::app {

struct ScreenTarget {
  std::string id;
  float x = 0, y = 0, w = 0, h = 0;  // window pixels
  std::string label;
  char32_t icon = 0;   // the pictogram's codepoint; 0 for keyboard keys
  std::string speech;  // the i18n key of its spoken name
  bool operator==(const ScreenTarget&) const = default;
};

struct ScreenDescription {
  std::uint64_t frame = 0;  // counts the frames drawn: a change means the screen was redrawn
  std::string screen;       // "welcome", "home", …
  std::string prompt;       // the i18n key of the screen's spoken prompt
  float dpi = 0;
  std::vector<ScreenTarget> targets;
  bool operator==(const ScreenDescription&) const = default;
};

std::string_view screen_name(Screen screen);

class ScreenBoard {
 public:
  void publish(ScreenDescription description);  // the UI thread, after each frame
  std::shared_ptr<const ScreenDescription> latest() const;

  // Set by the UI's loop: makes it draw a frame soon (an SDL user event).
  void set_wake(std::function<void()> wake);
  // The next frame's pixels, from the UI thread; an error when no frame came in `wait`.
  Result<Image> capture(std::chrono::milliseconds wait);
  // The UI thread: whether someone waits for this frame's pixels, and giving them.
  bool capture_wanted() const;
  void deliver_capture(Result<Image> image);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const ScreenDescription> latest_ = std::make_shared<ScreenDescription>();
  std::function<void()> wake_;
  std::optional<std::promise<Result<Image>>> capture_;
};

inline constexpr std::chrono::milliseconds kUiBudget{1000};
inline constexpr std::chrono::milliseconds kScreenshotBudget{5000};

// `ui` (read) and `screenshot` (change): csc-kiosk --demo registers them, never a field kiosk.
void register_screen_verbs(control::VerbRegistry& verbs, ScreenBoard& board);

}  // namespace kiosk::app

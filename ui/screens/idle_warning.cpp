// The idle warning: a citizen who stepped away, or is reading slowly, gets a countdown and
// one big button before the kiosk wipes the session. Any touch keeps the session.
#include <fmt/format.h>

#include <chrono>

#include "ui/screens/screens.h"

namespace kiosk::ui {

bool draw_idle_warning(Frame& f) {
  const auto& s = f.snapshot;
  if (!s.idle_deadline || f.now < *s.idle_deadline - s.idle_warning) return false;
  const auto left = std::chrono::ceil<std::chrono::seconds>(*s.idle_deadline - f.now).count();
  const std::string message = fmt::format(fmt::runtime(std::string(f.text("idle.countdown"))),
                                          std::max<long long>(left, 0));
  f.want_animation(1);  // the countdown changes once a second
  if (dialog(f, "idle", f.text("idle.title"), message,
             {{"idle.continue", std::string(f.text("idle.continue")), 0xE86C /* check_circle */,
               ButtonStyle::Primary, "idle.continue"}}) == 0) {
    f.commands.post(app::UserActivity{});
  }
  return true;
}

}  // namespace kiosk::ui

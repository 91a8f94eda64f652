// One function per screen: draws from the frame's snapshot, posts commands, no I/O.
#pragma once

#include "ui/widgets/widgets.h"

namespace kiosk::ui {

// The top row of every screen: its title on the left, the citizen's accessibility
// switches (large text, high contrast) on the right.
void screen_header(Frame& f, std::string_view title);

void draw_welcome(Frame& f);
// Over any screen in the last seconds before the idle reset: "still there?", counting down.
void draw_idle_warning(Frame& f);
void draw_home(Frame& f);
void draw_service(Frame& f);

}  // namespace kiosk::ui

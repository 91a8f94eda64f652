// One function per screen: draws from the frame's snapshot, posts commands, no I/O.
#pragma once

#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_welcome(Frame& f);
void draw_home(Frame& f);
void draw_service(Frame& f);

}  // namespace kiosk::ui

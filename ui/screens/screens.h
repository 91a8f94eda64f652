// One function per screen: draws from the frame's snapshot, posts commands, no I/O.
#pragma once

#include <optional>
#include <string>

#include "kiosk/core/image.h"
#include "kiosk/services/catalogue.h"
#include "ui/keyboards/keyboard.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

// Presentation state that outlives a frame but is not the app's state: which keyboard
// layout and shift the citizen chose. Reset when the field changes.
struct UiState {
  std::optional<keyboards::KeyboardModel> keyboard;
  std::string keyboard_field;
  bool details_incomplete = false;  // Continue was tapped with a field missing
  std::string qr_text;              // the payment QR drawn last, and its modules
  std::optional<Image> qr;
};

// The top row of every screen: its title on the left, the citizen's accessibility
// switches (large text, high contrast) on the right.
// The speaker button (when voice guidance is present) reads `title` and `prompt` aloud.
void screen_header(Frame& f, std::string_view title, std::string_view prompt = {},
                   bool show_title = true);

// Under the header while the core says a required device is not ready: a pictogram of the
// device, its name, its state and what to do, in the citizen's language ("device.banner").
void device_banner(Frame& f);
// A line drawing of a device kind inside `box`: the banner's pictogram.
void device_pictogram(ImDrawList* draw, drivers::model::DeviceKind kind, Rect box, ImU32 colour);

void draw_welcome(Frame& f);
// Over any screen in the last seconds before the idle reset: "still there?", counting down.
void draw_idle_warning(Frame& f);
void draw_home(Frame& f);
void draw_service(Frame& f);
void draw_details(Frame& f, UiState& state);
void draw_review(Frame& f, UiState& state);
void draw_payment(Frame& f, UiState& state);
void draw_done(Frame& f, UiState& state);

}  // namespace kiosk::ui

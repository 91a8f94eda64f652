// The on-screen keyboard widget: draws a keyboards::KeyboardModel's rows as big keys at
// the bottom of the screen (labels shaped by the text engine, so InScript matras show on
// their dotted circles) and applies each tap to the field's value through the model.
#pragma once

#include <optional>
#include <string>

#include "ui/keyboards/keyboard.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

struct KeyboardResult {
  bool changed = false;       // `value` was edited
  bool done = false;          // Done was tapped: the keyboard closes, complete or not
  bool refused = false;       // a key the field does not take (a letter on the numeric pad)
  std::string refused_value;  // what that key would have made of the value, for the core
  // The key tapped (not Done), accepted or not: a secret field's keys go to the core one
  // by one (app::TypeSecret), and the screen never holds the value.
  std::optional<keyboards::Key> pressed = std::nullopt;
};

// Height the keyboard will take for `model` at this frame's sizes.
float keyboard_height(const Frame& f, const keyboards::KeyboardModel& model);
KeyboardResult keyboard(Frame& f, keyboards::KeyboardModel& model, std::string& value);

}  // namespace kiosk::ui

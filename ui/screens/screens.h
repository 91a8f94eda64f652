// One function per screen: draws from the frame's snapshot, posts commands, no I/O.
#pragma once

#include <array>
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
  // Phonetic typing (m17n's hi-itrans), opened by main; nullptr: the switch does not offer it.
  const text::Transliterator* phonetic = nullptr;
  std::string qr_text;  // the payment QR drawn last, and its modules
  std::optional<Image> qr;
  std::string category;  // the home screen's chosen category tab (with more than 8 services)
};

// A price as a tile shows it: "₹40", "₹40.50", or "free" in the session's language.
std::string price_text(const Frame& f, std::int64_t paise);

// The frame of every screen (chrome.cpp). begin_screen draws the header bar, the banners,
// the step indicator and the title, and opens the body; end_screen closes the body and
// draws the footer.
inline constexpr int kSteps = 5;  // a service: about it, details, check, pay, done

struct ScreenSpec {
  std::string_view title = {};
  ScreenPrompt prompt = {};  // spoken: on opening in listen mode, and by the listen button
  int step = 0;              // 1..kSteps on a service's screens, 0 elsewhere
  bool show_title = true;
  bool footer = true;  // false: the body runs to the bottom (a keyboard is open)
};
void begin_screen(Frame& f, const ScreenSpec& spec);
// Money as the screens write it beside its name: "₹30.00" (integer paise everywhere).
std::string rupees(std::int64_t paise);

struct FooterButton {
  std::string_view id = {};
  std::string_view label = {};
  char32_t icon = 0;
  std::string_view speech = {};
};
struct FooterSpec {
  std::optional<FooterButton> back = std::nullopt;
  bool start_over = true;
  std::optional<FooterButton> primary = std::nullopt;
  bool shown = true;  // must match ScreenSpec::footer
};
enum class FooterTap { None, Back, StartOver, Primary };
// StartOver is posted here; Back and Primary are the screen's to act on.
FooterTap end_screen(Frame& f, const FooterSpec& spec);

// The fixed rectangles (window pixels): the header's five targets, left to right, and the
// footer's back, start over and primary. The same on every screen for one set of sizes.
enum class HeaderTarget { Language, Help, Listen, LargeText, Contrast };
inline constexpr std::size_t kHeaderTargets = 5;
inline constexpr std::size_t kFooterTargets = 3;
std::array<Rect, kHeaderTargets> header_target_rects(const Metrics& m, float width);
std::array<Rect, kFooterTargets> footer_target_rects(const Metrics& m, ImVec2 display);

// Under the header while the core says a required device is not ready: a pictogram of the
// device, its name, its state and what to do, in the citizen's language ("device.banner").
void device_banner(Frame& f, float width);
// A line drawing of a device kind inside `box`: the banner's pictogram.
void device_pictogram(ImDrawList* draw, drivers::model::DeviceKind kind, Rect box, ImU32 colour);

void draw_welcome(Frame& f);
// Nobody at the kiosk: what it does, in pictures, and "touch to start" in every language.
void draw_attract(Frame& f);
// Over any screen in the last seconds before the idle reset: "still there?", counting down.
// True when it is shown.
bool draw_idle_warning(Frame& f);
void draw_home(Frame& f, UiState& state);
void draw_service(Frame& f);
void draw_consent(Frame& f);
void draw_bill(Frame& f);
void draw_status(Frame& f);
void draw_details(Frame& f, UiState& state);
void draw_review(Frame& f, UiState& state);
void draw_payment(Frame& f, UiState& state);
void draw_done(Frame& f, UiState& state);
// Operator mode (docs/operator.md): drawn instead of the citizen's screen, which the
// snapshot keeps as it was. The PIN pad, the menu and the pages.
void draw_operator(Frame& f);

}  // namespace kiosk::ui

// Touch widgets every screen is built from.
//
//  [X] All text shaped by the text engine (kiosk/text) and drawn from its glyph atlas;
//      pictograms are Material Icons codepoints drawn by the same engine (ui/icons.h).
//  [X] Button: at least 12 mm on each side (primary 20 mm tall), a pictogram and a label,
//      activates on release inside the target (ImGui's PressedOnClickRelease), a pressed
//      fill that differs 3:1 from the idle one; the label wraps inside and is centred.
//  [X] Tile: a service as a picture, its title, its price and its time.
//  [X] Heading, paragraph (wrapped), badge.
//  [X] Hit map: every tappable widget records its rect under a stable id, with its label,
//      pictogram and spoken name, so the headless harness taps widgets by id and the `ui`
//      verb says what the screen shows.
//  [X] Overflow: a label that does not fit its box is reported (Frame::overflows).
#pragma once

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/commands.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/i18n/strings.h"
#include "ui/metrics.h"
#include "ui/text/shaped_text.h"
#include "ui/theme.h"

namespace kiosk::ui {

struct Rect {
  ImVec2 min;
  ImVec2 max;
  ImVec2 center() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
};

// Tappable widgets drawn in the last frame, by id.
// Regions that show a message (not tappable) also record the text they showed, so a test
// reads what the citizen saw without OCR.
// What a target is, besides where: its label, its pictogram (0: none, keyboard keys) and
// the i18n key of its spoken name (empty: its label is spoken).
struct TargetInfo {
  std::string label;
  char32_t icon = 0;
  std::string speech;
  bool primary = false;  // a primary action: 20 mm tall
  bool clipped = false;  // partly scrolled out of view: only its visible part is recorded
  std::vector<std::string> speech_args = {};  // what fills the "{}"s of its speech text
  std::string speech_language =
      {};  // said in this language (a language's own name); empty: the session's
};

// A screen's spoken prompt: what the screen is and what to do here (an i18n key, and what
// fills its "{}"s). The welcome screen's is said in every offered language, one by one.
struct ScreenPrompt {
  std::string key = {};
  std::vector<std::string> args = {};
  bool every_language = false;
};

// Listen mode between frames: the target a first tap chose (spoken and outlined), and
// whether "yes" was tapped for it. Cleared when the screen changes.
struct ListenState {
  std::string armed;
  TargetInfo armed_info;
  int confirm_frames = 0;  // > 0: "yes" was tapped; the armed target acts when next drawn
};

class HitMap {
 public:
  void clear() {
    rects_.clear();
    notes_.clear();
    info_.clear();
  }
  void add(std::string id, Rect rect) { rects_[std::move(id)] = rect; }
  void add(std::string id, Rect rect, TargetInfo info) {
    info_[id] = std::move(info);
    add(std::move(id), rect);
  }
  // Label, pictogram and spoken name of a target; nullptr for a noted region.
  const TargetInfo* info(std::string_view id) const {
    auto it = info_.find(id);
    return it == info_.end() ? nullptr : &it->second;
  }
  bool is_target(std::string_view id) const { return info_.contains(id); }
  const Rect* find(std::string_view id) const;
  const std::map<std::string, Rect, std::less<>>& all() const { return rects_; }
  void note(std::string id, Rect rect, std::string text) {
    notes_[id] = std::move(text);
    add(std::move(id), rect);
  }
  // The text a noted region showed; empty when there is none.
  std::string_view text_of(std::string_view id) const {
    auto it = notes_.find(id);
    return it == notes_.end() ? std::string_view() : std::string_view(it->second);
  }

 private:
  std::map<std::string, Rect, std::less<>> rects_;
  std::map<std::string, std::string, std::less<>> notes_;
  std::map<std::string, TargetInfo, std::less<>> info_;
};

// A label that did not fit the box it was drawn in.
struct Overflow {
  std::string id;
  std::string text;
};

// Everything a screen needs for one frame.
struct Frame {
  const app::Snapshot& snapshot;
  app::CommandSink& commands;
  const i18n::Strings& strings;
  const Metrics& metrics;
  const Theme& theme;
  ShapedText& shaped;
  HitMap& hits;
  Clock::SteadyTime now;                       // for countdowns (the core's clock, injected)
  class Speaker* speaker;                      // voice guidance; nullptr when there is none
  int animation_fps = 0;                       // widgets that animate raise it for this frame
  std::vector<Overflow>* overflows = nullptr;  // where a label that does not fit is reported
  Clock::WallTime wall{};                      // the header's date and time
  const class IconLookup* catalogue_icons = nullptr;  // icon names of the catalogue
  ListenState* listen = nullptr;                      // listen mode's state; nullptr: none
  ScreenPrompt prompt = {};                           // set by begin_screen
  std::optional<Clock::SteadyTime> wake_at = {};      // a screen's next change (attract)

  std::string_view text(std::string_view key) const { return strings.get(snapshot.language, key); }
  void want_animation(int fps) { animation_fps = std::max(animation_fps, fps); }
  void want_frame_at(Clock::SteadyTime at) { wake_at = wake_at ? std::min(*wake_at, at) : at; }
  bool listening() const { return snapshot.listen_mode && speaker != nullptr && listen != nullptr; }
  void overflow(std::string_view id, std::string_view label) const {
    if (overflows != nullptr) overflows->push_back({std::string(id), std::string(label)});
  }
};

// Catalogue icon names to codepoints (text.icon_names); a name it does not know gives the
// generic document pictogram, so a catalogue typo never leaves a tile without a picture.
class IconLookup {
 public:
  virtual ~IconLookup() = default;
  virtual char32_t codepoint(std::string_view name) const = 0;
};
char32_t catalogue_icon(const Frame& f, std::string_view name);

// Header: the header bar's own targets, light on its dark fill.
enum class ButtonStyle { Primary, Secondary, Header };
enum class IconPlace { Left, Top };

struct ButtonSpec {
  std::string_view id = {};
  std::string_view label = {};
  char32_t icon = 0;  // a pictogram (ui/icons.h); 0 only for keyboard keys
  ButtonStyle style = ButtonStyle::Secondary;
  IconPlace place = IconPlace::Left;
  std::string_view speech = {};  // the i18n key of its spoken name
  bool on = false;               // a switch that is on: a thick outline, not colour alone
  bool compact = false;          // the label in the small size (a keyboard's word keys)
  bool icon_only = false;        // the pictogram alone (a narrow key); the label is its name
  std::vector<std::string> speech_args = {};  // what fills the "{}"s of its speech text
  bool immediate = false;  // acts on the first tap even in listen mode (listen mode's "yes")
  std::string_view speech_language = {};  // said in this language; empty: the session's
};
// A button at the cursor, at least 12 mm on each side (primary: 20 mm tall).
bool button(Frame& f, const ButtonSpec& spec, ImVec2 size);
// Records a target where it can be tapped: `box` clipped to the window's visible region
// (a tile half scrolled under the footer is tappable only in its visible half).
void add_target(Frame& f, std::string_view id, Rect box, TargetInfo info);
// Whether a tap on target `id` acts. Outside listen mode, every tap does. In listen mode the
// first tap says the target's name and outlines it, and changes nothing else; a second tap
// on it, or "yes", acts.
bool acts(Frame& f, std::string_view id, bool pressed, const TargetInfo& info, const Rect& box);
// Says a target's spoken name, or a screen's prompt, in the session's language.
void say_name(Frame& f, std::string_view id, const TargetInfo& info);
void say_prompt(Frame& f, const ScreenPrompt& prompt);
// A pictogram with its top-left corner at `at`, `px` pixels tall.
void icon(Frame& f, char32_t codepoint, ImVec2 at, float px, ImU32 colour);

ImU32 u32(const ImVec4& colour);
// A pictogram and a line of text beside it (wrapped to the content width).
void icon_line(Frame& f, char32_t pictogram, std::string_view text);
// A box with a pictogram and a message, `width` wide, noted in the hit map under `id`.
struct Notice {
  std::string_view id;
  std::string_view text;
  char32_t icon;
  ImVec4 fill, ink, border;
};
void notice_box(Frame& f, const Notice& notice, float width);
// The height notice_box(f, {text…}, width) takes, its spacing included.
float notice_height(Frame& f, std::string_view text, float width);
// A message the citizen must act on: the error pictogram and the text, in the error colours.
void error_box(Frame& f, std::string_view id, std::string_view text);
void heading(Frame& f, std::string_view text);
void paragraph(Frame& f, std::string_view text);
void badge(Frame& f, std::string_view text, ImVec2 top_centre);
// Moves the cursor so the next item of `width` is centred in the window's content area.
void center_next(float width);

enum class TextSize { Small, Body, Title };
// Shaped text at the cursor, wrapped to the content width; advances the cursor.
void text_block(Frame& f, std::string_view text, TextSize size,
                text::Align align = text::Align::Left);
// One line of shaped text centred horizontally.
void centered_text(Frame& f, std::string_view text, TextSize size);

struct Tile {
  std::string id = {};
  std::string label = {};
  char32_t icon = 0;
  std::string price = {};   // "₹40" or "free", in the session's language
  std::string time = {};    // "15 min"
  std::string speech = {};  // the i18n key of its spoken name
  std::vector<std::string> speech_args = {};
};
// A labelled input box showing `shown` (already masked where needed) and a caret when
// focused. Returns true when tapped (the caller focuses it and opens its keyboard).
// With `label_w` > 0 the label sits in a column of that width beside the box, else above it.
// `in_error`: the box has a thick border in the error colour (its message is the caller's).
bool text_field(Frame& f, std::string_view id, std::string_view label, std::string_view shown,
                bool focused, float width, char32_t pictogram = 0, float label_w = 0,
                std::string_view speech = {}, bool in_error = false);

struct DialogButton {
  std::string id;
  std::string label;
  char32_t icon = 0;
  ButtonStyle style = ButtonStyle::Secondary;
  std::string speech = {};  // the i18n key of its spoken name
};
// A modal box over a dimmed screen: nothing behind it can be tapped. Returns the index of
// the button tapped this frame, or -1.
int dialog(Frame& f, std::string_view id, std::string_view title, std::string_view message,
           const std::vector<DialogButton>& buttons);

// A vertical region scrolled by dragging a finger, with momentum after the finger lifts
// (velocity decays with a 325 ms time constant, as touch platforms do). A drag never
// activates the button it started on. Call end_drag_scroll() after the contents.
void begin_drag_scroll(Frame& f, std::string_view id, ImVec2 size);
void end_drag_scroll(Frame& f);

// A list of big rows in a drag-scroll region; returns the index tapped, or -1.
int list_view(Frame& f, std::string_view id, const std::vector<Tile>& rows, ImVec2 size);

// Draws tiles in as many columns as fit (at most `max_columns`, each at least 55 mm wide);
// returns the index of the tile tapped this frame, or -1.
int tile_grid(Frame& f, const std::vector<Tile>& tiles, int max_columns);

}  // namespace kiosk::ui

// The kiosk's screens, drawn with Dear ImGui from a snapshot. No window, no GL, no I/O:
// the platform layer (ui/platform/) or the headless test harness supplies the ImGui
// context, input and output.
//
//  [X] Touch style: big paddings, TouchExtraPadding, no window moves, no scrollbars to aim at.
//  [X] Text shaped by the text engine (HarfBuzz) and drawn from its glyph atlas; sizes in
//      millimetres from ui.screen_dpi (ui/metrics.h). ImGui's own font is only a fallback
//      for ImGui internals and never shows citizen-facing text.
//  [X] Screens: welcome (language choice), home (service tiles), service details.
//  [X] Any press counts as activity for the idle reset.
//  [X] Voice: each screen names its prompt (an i18n key); the listen button replays it; in
//      listen mode a screen says it on opening and a first tap only names its target; the
//      idle warning is said whenever it appears. One utterance at a time.
//  [X] Attract screen while nobody is there: redraws at most every 2 s.
#pragma once

#include <filesystem>

#include "kiosk/app/commands.h"
#include "kiosk/app/screen_board.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/core/result.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/text/engine.h"
#include "kiosk/text/icon_names.h"
#include "ui/metrics.h"
#include "ui/screens/screens.h"
#include "ui/text/shaped_text.h"
#include "ui/theme.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

class KioskUi {
 public:
  // `sink` receives the glyph atlas texture (GL in the app, nothing in tests).
  KioskUi(const i18n::Strings& strings, Metrics metrics, text::Engine& engine, TextureSink& sink);

  // Gives ImGui its fallback font (Latin, for ImGui internals). Call before the atlas is built.
  Status load_fonts(const std::filesystem::path& latin_font);
  // Applies the touch style to the current context.
  void apply_style() const;

  // One frame's widgets, between ImGui::NewFrame() and ImGui::Render(); uploads any new
  // glyphs to the atlas texture at the end. `wall` is the header's date and time.
  void draw(const app::Snapshot& snapshot, app::CommandSink& commands, Clock::SteadyTime now,
            Clock::WallTime wall);
  // Labels that did not fit their boxes in the last frame (none, on a good screen).
  const std::vector<Overflow>& overflows() const { return overflows_; }
  // Catalogue icon names (text.icon_names); without it, catalogue tiles get a generic one.
  void set_icon_names(const text::IconNames* names) { icon_names_.names = names; }
  // Where each frame's targets are published (the `ui` verb); nullptr: nowhere.
  void set_screen_board(app::ScreenBoard* board) { board_ = board; }
  // The last frame as the `ui` verb describes it: screen, dpi and every target.
  app::ScreenDescription describe(const app::Snapshot& snapshot);

  // What the last frame asked of the frame scheduler: an animation's frame rate (0 for
  // none) and a time to wake up at (the idle warning), if any.
  int animation_fps() const { return animation_fps_; }
  std::optional<Clock::SteadyTime> wake_at() const { return wake_at_; }

  const HitMap& hits() const { return hits_; }
  // The sizes of the last frame drawn (normal or large text).
  const Metrics& metrics() const { return *current_; }
  // Voice guidance for the speaker button; nullptr hides the button.
  void set_speaker(class Speaker* speaker) { speaker_ = speaker; }
  // Phonetic Hindi typing for the keyboards (m17n hi-itrans); nullptr: InScript and English only.
  void set_phonetic(const text::Transliterator* phonetic) { state_.phonetic = phonetic; }
  ShapedText& shaped() { return shaped_; }
  // The i18n key of the prompt the last frame would speak (the idle warning's, over it).
  const std::string& prompt_key() const { return prompt_key_; }

 private:
  // After the screens: listen mode's prompts on opening, the idle warning's voice, and
  // the listen state's housekeeping.
  void voice_after_frame(Frame& frame, bool warning_shown);
  void draw_citizen_screen(Frame& frame);
  void finish_frame(Frame& frame, const app::Snapshot& snapshot, Clock::SteadyTime now,
                    Clock::WallTime wall, bool warning);
  void draw_demo_badge(Frame& frame, const ImGuiViewport* viewport) const;
  const i18n::Strings& strings_;
  Metrics metrics_;
  Metrics large_;
  const Metrics* current_ = &metrics_;
  Theme standard_ = Theme::standard();
  Theme high_contrast_ = Theme::high_contrast();
  ShapedText shaped_;
  std::uint64_t session_ = 0;  // the snapshot's session counter last drawn
  HitMap hits_;
  UiState state_;
  class Speaker* speaker_ = nullptr;
  int animation_fps_ = 0;
  std::optional<Clock::SteadyTime> wake_at_;
  std::vector<Overflow> overflows_;
  app::ScreenBoard* board_ = nullptr;
  ListenState listen_;
  std::string prompt_key_;
  std::string opened_;  // the screen and prompt last opened, "<screen>|<prompt key>"
  bool listening_ = false;
  bool warning_shown_ = false;
  std::uint64_t frames_ = 0;
  struct Names final : IconLookup {
    const text::IconNames* names = nullptr;
    char32_t codepoint(std::string_view name) const override;
  } icon_names_;
};

}  // namespace kiosk::ui

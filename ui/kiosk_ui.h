// The kiosk's screens, drawn with Dear ImGui from a snapshot. No window, no GL, no I/O:
// the platform layer (ui/platform/) or the headless test harness supplies the ImGui
// context, input and output.
//
//  [X] Touch style: big paddings, TouchExtraPadding, no window moves, no scrollbars to aim at.
//  [X] Fonts sized in millimetres from ui.screen_dpi (ui/metrics.h).
//  [X] Screens: welcome (language choice), home (service tiles), service details.
//  [X] Any press counts as activity for the idle reset.
#pragma once

#include <filesystem>

#include "kiosk/app/commands.h"
#include "kiosk/app/snapshot.h"
#include "kiosk/core/result.h"
#include "kiosk/i18n/strings.h"
#include "ui/metrics.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

struct FontFiles {
  std::filesystem::path latin;
  std::filesystem::path devanagari;
};

class KioskUi {
 public:
  KioskUi(const i18n::Strings& strings, Metrics metrics);

  // Adds the kiosk's fonts to the current context's atlas. Call before the atlas is built.
  Status load_fonts(const FontFiles& files);
  // Applies the touch style to the current context.
  void apply_style() const;

  // One frame's widgets, between ImGui::NewFrame() and ImGui::Render().
  void draw(const app::Snapshot& snapshot, app::CommandSink& commands);

  const HitMap& hits() const { return hits_; }
  const Metrics& metrics() const { return metrics_; }

 private:
  const i18n::Strings& strings_;
  Metrics metrics_;
  Fonts fonts_;
  HitMap hits_;
};

}  // namespace kiosk::ui

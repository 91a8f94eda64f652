// Physical sizes for a touch panel: everything a finger touches is sized in millimetres
// from ui.screen_dpi, never in raw pixels (9 mm minimum target, the Material/WCAG guidance
// in ../shared/research/ui.md §5).
#pragma once

namespace kiosk::ui {

struct Metrics {
  float dpi = 96;
  float min_target_px = 0;  // 9 mm: nothing tappable is smaller
  float button_height_px = 0;
  float body_font_px = 0;
  float title_font_px = 0;
  float small_font_px = 0;
  float gap_px = 0;  // between targets, so a thick finger hits one of them

  // Large text is a second set of sizes for low-vision citizens, not a scale factor:
  // glyphs are rasterised at the larger size, so they stay sharp.
  static Metrics for_dpi(float dpi, bool large_text = false);
  float mm(float millimetres) const { return millimetres * dpi / 25.4f; }
};

}  // namespace kiosk::ui

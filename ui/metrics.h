// Physical sizes for a touch panel: everything a finger touches is sized in millimetres
// from ui.screen_dpi, never in raw pixels (../shared/research/citizen-ux.md, rule 1: every
// target at least 12 mm, keypad keys and primary buttons at least 20 mm, at least 2 mm
// between targets; Colle & Hiszem: standing kiosk users err below 20 mm).
#pragma once

namespace kiosk::ui {

struct Metrics {
  static constexpr float kMinTargetMm = 12.0f;
  static constexpr float kPrimaryMm = 20.0f;
  static constexpr float kMinGapMm = 2.0f;

  float dpi = 96;
  float min_target_px = 0;     // 12 mm: nothing tappable is smaller on either side
  float primary_px = 0;        // 20 mm: primary buttons and keypad keys
  float min_gap_px = 0;        // 2 mm: the least space between two targets
  float button_height_px = 0;  // every other button
  float body_font_px = 0;
  float title_font_px = 0;
  float small_font_px = 0;
  float icon_px = 0;           // a pictogram inside a button
  float gap_px = 0;            // between targets, so a thick finger hits one of them
  float header_px = 0;         // the header bar
  float header_target_px = 0;  // the width of each of the header's five targets
  float nav_px = 0;            // the width of the footer's back and start over
  float footer_px = 0;         // the footer bar

  // Large text is a second set of sizes for low-vision citizens, not a scale factor:
  // glyphs are rasterised at the larger size, so they stay sharp.
  static Metrics for_dpi(float dpi, bool large_text = false);
  float mm(float millimetres) const { return millimetres * dpi / 25.4f; }
  float to_mm(float px) const { return px * 25.4f / dpi; }
};

}  // namespace kiosk::ui

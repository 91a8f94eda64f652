#include "ui/metrics.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Metrics Metrics::for_dpi(float dpi, bool large_text) {
  Metrics m;
  m.dpi = dpi;
  m.min_target_px = std::ceil(m.mm(kMinTargetMm));
  m.primary_px = std::ceil(m.mm(kPrimaryMm));
  m.min_gap_px = std::ceil(m.mm(kMinGapMm));
  // Public kiosks go above the 12 mm floor: 14 mm buttons suit hurried, older hands.
  m.button_height_px = std::max(m.min_target_px, std::round(m.mm(large_text ? 18.0f : 14.0f)));
  // Body text about 5 mm em (7.5 mm large), read from half a metre; never below 22 px.
  m.body_font_px = std::max(large_text ? 32.0f : 22.0f, std::round(m.mm(large_text ? 7.5f : 5.0f)));
  m.title_font_px = std::round(m.body_font_px * (large_text ? 1.45f : 1.6f));
  m.small_font_px = std::max(16.0f, std::round(m.body_font_px * 0.75f));
  m.icon_px = std::round(m.mm(large_text ? 9.0f : 7.0f));
  m.gap_px = std::max(m.min_gap_px, std::round(m.mm(large_text ? 4.0f : 3.0f)));
  // The header's targets (icon over a short label) and the footer's primary button.
  m.header_px =
      std::max(m.min_target_px, std::round(m.mm(large_text ? 20.0f : 16.0f))) + 2 * m.gap_px;
  m.footer_px = m.primary_px + 2 * m.gap_px;
  // Wide enough for "Large text" and "फिर से शुरू करें" at either text size.
  m.header_target_px = std::round(m.mm(large_text ? 36.0f : 26.0f));
  m.nav_px = std::round(m.mm(large_text ? 76.0f : 52.0f));
  return m;
}

}  // namespace kiosk::ui

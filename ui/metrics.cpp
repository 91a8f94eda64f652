#include "ui/metrics.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Metrics Metrics::for_dpi(float dpi, bool large_text) {
  Metrics m;
  m.dpi = dpi;
  m.min_target_px = std::ceil(m.mm(9.0f));
  // Public kiosks go above the 9 mm floor: 14 mm buttons suit hurried, older hands.
  m.button_height_px = std::max(m.min_target_px, std::round(m.mm(large_text ? 18.0f : 14.0f)));
  // Body text about 5 mm em (7.5 mm large), read from half a metre; never below 22 px.
  m.body_font_px = std::max(large_text ? 32.0f : 22.0f, std::round(m.mm(large_text ? 7.5f : 5.0f)));
  m.title_font_px = std::round(m.body_font_px * (large_text ? 1.45f : 1.6f));
  m.small_font_px = std::max(16.0f, std::round(m.body_font_px * 0.75f));
  m.gap_px = std::max(8.0f, std::round(m.mm(large_text ? 4.0f : 3.0f)));
  return m;
}

}  // namespace kiosk::ui

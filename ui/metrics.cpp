#include "ui/metrics.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

Metrics Metrics::for_dpi(float dpi) {
  Metrics m;
  m.dpi = dpi;
  m.min_target_px = std::ceil(m.mm(9.0f));
  // Public kiosks go above the 9 mm floor: 14 mm buttons suit hurried, older hands.
  m.button_height_px = std::max(m.min_target_px, std::round(m.mm(14.0f)));
  // Body text about 5 mm em, read from half a metre; never below 22 px on coarse panels.
  m.body_font_px = std::max(22.0f, std::round(m.mm(5.0f)));
  m.title_font_px = std::round(m.body_font_px * 1.6f);
  m.small_font_px = std::max(16.0f, std::round(m.body_font_px * 0.75f));
  m.gap_px = std::max(8.0f, std::round(m.mm(3.0f)));
  return m;
}

}  // namespace kiosk::ui

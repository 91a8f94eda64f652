// The day-end report on paper (print_worker's print_lines lays it out): headings in Hindi
// then English, each row's service, mode, outcome, count and money in ₹, then the totals.
#pragma once

#include <string>
#include <vector>

#include "kiosk/store/day_report.h"

namespace kiosk::receipt {

// One entry per printed line (before wrapping); `kiosk_id` heads the page.
std::vector<std::string> day_report_lines(const store::DayReport& report,
                                          const std::string& kiosk_id);

}  // namespace kiosk::receipt

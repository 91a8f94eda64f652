// Time formats the reference backend writes on the wire.
//
//  [X] IMF-fixdate for the HTTP Date header (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT"
//  [X] RFC 3339 with the India offset for JSON times (the contract: "with offset")
//  [X] RFC 3339 syntax check for times the kiosk sends (created_at)
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "kiosk/store/transaction.h"

namespace kiosk::backend {

// Formatted by hand, not with strftime: %a and %b follow the C locale, and a locale set by
// a library would silently break every client's Date parsing.
std::string imf_fixdate(std::chrono::system_clock::time_point at);

// "2026-11-28T17:05:09+05:30" (IST; CSCs are in India): the kiosk's own formatter.
using store::rfc3339_ist;

// RFC 3339 §5.6 date-time: full-date "T" full-time, where full-time ends in "Z" or a
// numeric offset; fractions of a second allowed; field ranges checked (Feb 30 is refused).
bool is_rfc3339(std::string_view text);

}  // namespace kiosk::backend

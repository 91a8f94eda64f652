// Escaping text for XML and HTML (attribute values and element text alike): the RD
// Service's PidOptions, the RD simulator's answers and the reference backend's /fleet page.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

inline std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace kiosk

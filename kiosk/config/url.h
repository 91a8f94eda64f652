// Backend URL rules from ../shared/contracts/backend-api.md: HTTPS, or plain HTTP to a
// loopback address only. Parsing is libcurl's URL API, not ours.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::config {

// Nothing when the URL is acceptable (or empty: not enrolled yet), otherwise the problem.
std::optional<std::string> check_backend_url(std::string_view url);

// True for localhost, 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

// The URL's host as curl reads it; nullopt when it is not an absolute URL with a host.
std::optional<std::string> url_host(std::string_view url);

}  // namespace kiosk::config

// Small pieces both ends of the control socket share: the address, an owned fd, and the
// client's blocking exchange with one absolute deadline.
#pragma once

#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>

#include "kiosk/core/result.h"
#include "kiosk/core/unique_fd.h"

namespace kiosk::control {

using kiosk::UniqueFd;

Result<sockaddr_un> socket_address(const std::string& path);

using Deadline = std::chrono::steady_clock::time_point;
Status send_all(int fd, std::string_view text, Deadline deadline);
// Up to the first newline (or EOF); Timeout past the deadline, InvalidInput past max_bytes.
Result<std::string> read_line(int fd, std::size_t max_bytes, Deadline deadline);

}  // namespace kiosk::control

// The little HTTP/1.1 the RD Service simulator speaks: one request per connection (any
// method token, RDSERVICE included), a Content-Length body, one answer, close. Over a plain
// socket or an SSL session on it, with blocking I/O bounded by socket timeouts.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace kiosk::rdsim {

inline constexpr std::size_t kHeadLimit = 16 * 1024;  // request line + headers
inline constexpr std::size_t kBodyLimit = 64 * 1024;

struct Request {
  std::string method = {};
  std::string target = {};
  std::size_t content_length = 0;
  bool expect_continue = false;  // the client waits for "100 Continue" before the body
  std::string body = {};
};

// The request line and headers (without the blank line), or the status they earn (400, 413).
std::expected<Request, int> parse_head(std::string_view head);

// One accepted connection: reads and writes go through SSL when `ssl` is set.
class Stream {
 public:
  enum class Read { Data, Eof, Timeout, Error };
  Stream(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  Read read_into(std::string& buffer);  // appends what arrived
  bool write_all(std::string_view text);

 private:
  int fd_;
  SSL* ssl_;
};

using Deadline = std::chrono::steady_clock::time_point;
// The whole request, or the status to answer (400, 408, 413), or 0 for "close without an
// answer" (nothing arrived, or the connection broke).
std::expected<Request, int> read_request(Stream& stream, Deadline deadline);

std::string format_answer(int status, std::string_view body);

}  // namespace kiosk::rdsim

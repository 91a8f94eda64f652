// The little HTTP/1.1 the RD Service simulator speaks (see http.h).
#include "tools/rdsim/http.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>

#include "kiosk/core/ascii.h"

namespace kiosk::rdsim {

namespace {

constexpr std::size_t kMethodLimit = 32, kTargetLimit = 2048;

bool is_tchar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, is_tchar);
}

using ascii::iequals;
using ascii::trim;

bool parse_request_line(std::string_view line, Request& request) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return false;
  const auto method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = line.substr(sp2 + 1);
  const bool target_ok = !target.empty() && target.front() == '/' &&
                         target.size() <= kTargetLimit &&
                         std::ranges::all_of(target, [](char c) { return c > ' ' && c < 127; });
  if (!is_token(method) || method.size() > kMethodLimit || !target_ok) return false;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  request.method = method;
  request.target = target;
  return true;
}

// 0 when the header is fine (or of no interest), else the status to answer.
int parse_header_line(std::string_view line, Request& request) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return 400;
  const auto name = line.substr(0, colon), value = trim(line.substr(colon + 1));
  if (iequals(name, "Transfer-Encoding")) return 400;  // chunked bodies: not needed here
  if (iequals(name, "Expect")) request.expect_continue = iequals(value, "100-continue");
  if (!iequals(name, "Content-Length")) return 0;
  std::size_t length = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (ec == std::errc::result_out_of_range) return 413;
  if (ec != std::errc{} || end != value.data() + value.size()) return 400;
  if (length > kBodyLimit) return 413;
  request.content_length = length;
  return 0;
}

// Where the head ends, blank line included: CRLF CRLF, or bare LF LF from sloppy clients.
std::size_t head_length(std::string_view buffer) {
  const auto crlf = buffer.find("\r\n\r\n"), lf = buffer.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return 0;
  return crlf < lf ? crlf + 4 : lf + 2;
}

// Reads more into `buffer`; 0 when it did, else the failure's status (see read_request).
// `started`: part of the request has arrived, so a client that stops now gets an answer.
int read_more(Stream& stream, std::string& buffer, Deadline deadline, bool started) {
  if (std::chrono::steady_clock::now() > deadline) return started ? 408 : -1;
  switch (stream.read_into(buffer)) {
    case Stream::Read::Data:
      return 0;
    case Stream::Read::Eof:
      return started ? 400 : -1;
    case Stream::Read::Timeout:
      return started ? 408 : -1;
    case Stream::Read::Error:
      break;
  }
  return -1;  // broken connection or nothing sent: no one to answer
}

}  // namespace

std::expected<Request, int> parse_head(std::string_view head) {
  Request request;
  bool first = true;
  while (!head.empty()) {
    const auto newline = head.find('\n');
    auto line = head.substr(0, newline);
    head = newline == std::string_view::npos ? std::string_view() : head.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!first && line.empty()) break;  // the blank line that ends the head
    if (first) {
      if (!parse_request_line(line, request)) return std::unexpected(400);
      first = false;
    } else if (const int status = parse_header_line(line, request); status != 0) {
      return std::unexpected(status);
    }
  }
  if (first) return std::unexpected(400);
  return request;
}

Stream::Read Stream::read_into(std::string& buffer) {
  char chunk[4096];
  if (ssl_ != nullptr) {
    const int n = SSL_read(ssl_, chunk, sizeof chunk);
    if (n > 0) {
      buffer.append(chunk, static_cast<std::size_t>(n));
      return Read::Data;
    }
    const int error = SSL_get_error(ssl_, n);
    ERR_clear_error();
    if (error == SSL_ERROR_ZERO_RETURN) return Read::Eof;
    // A socket timeout reaches SSL as a retryable read.
    return error == SSL_ERROR_WANT_READ ? Read::Timeout : Read::Error;
  }
  for (;;) {
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n > 0) {
      buffer.append(chunk, static_cast<std::size_t>(n));
      return Read::Data;
    }
    if (n == 0) return Read::Eof;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? Read::Timeout : Read::Error;
  }
}

bool Stream::write_all(std::string_view text) {
  while (!text.empty()) {
    long n = 0;
    if (ssl_ != nullptr) {
      n = SSL_write(ssl_, text.data(),
                    static_cast<int>(std::min<std::size_t>(text.size(), 1 << 20)));
      if (n <= 0) return ERR_clear_error(), false;
    } else {
      // MSG_NOSIGNAL: a client gone away is an error here, not a SIGPIPE for the process.
      n = ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::expected<Request, int> read_request(Stream& stream, Deadline deadline) {
  std::string buffer;
  std::size_t head_end = 0;
  while ((head_end = head_length(buffer)) == 0) {
    if (buffer.size() > kHeadLimit) return std::unexpected(400);
    if (const int failed = read_more(stream, buffer, deadline, !buffer.empty()); failed != 0)
      return std::unexpected(std::max(failed, 0));
  }
  if (head_end > kHeadLimit) return std::unexpected(400);
  auto request = parse_head(std::string_view(buffer).substr(0, head_end));
  if (!request) return request;
  buffer.erase(0, head_end);
  if (request->expect_continue && buffer.size() < request->content_length &&
      !stream.write_all("HTTP/1.1 100 Continue\r\n\r\n"))
    return std::unexpected(0);
  while (buffer.size() < request->content_length) {
    if (const int failed = read_more(stream, buffer, deadline, true); failed != 0)
      return std::unexpected(std::max(failed, 0));
  }
  buffer.resize(request->content_length);  // anything after the body is not ours to read
  request->body = std::move(buffer);
  return request;
}

std::string format_answer(int status, std::string_view body) {
  std::string_view reason = "Error";
  switch (status) {
    case 200:
      reason = "OK";
      break;
    case 400:
      reason = "Bad Request";
      break;
    case 404:
      reason = "Not Found";
      break;
    case 408:
      reason = "Request Timeout";
      break;
    case 413:
      reason = "Content Too Large";
      break;
    default:
      break;
  }
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n"
      "\r\n{}",
      status, reason, body.size(), body);
}

}  // namespace kiosk::rdsim

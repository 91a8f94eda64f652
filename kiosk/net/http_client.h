// HTTP for talking to the backend (../shared/contracts/backend-api.md "Transport and auth"):
// one libcurl easy handle, reused so connections stay alive between requests.
//
// What every request gets, whatever the caller asks for:
//   [X] URL policy first: https anywhere, plain http only to loopback
//       (kiosk::config::check_backend_url). A refused URL never reaches curl.
//   [X] connect, total and low-speed timeouts (queue.md D4: the low-speed check is off by
//       default in curl, so a stalled transfer would hang)
//   [X] TLS peer and host verification always on; optional pinned CA file (then only it)
//   [X] no redirects, only the http and https protocols
//   [X] a cap on the answer's size
//   [X] curl errors mapped once, here, to TransportFailure
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/secret.h"

namespace kiosk::net {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  long low_speed_limit = 100;  // bytes/s; below this for low_speed_time = abort
  std::chrono::seconds low_speed_time{15};
  std::string ca_file;                        // empty: system CA store; else pinned CA file only
  std::string user_agent;                     // e.g. "csc-kiosk/0.1.0"
  std::size_t max_response_bytes = 4u << 20;  // larger answer -> TransportFailure::TooLarge
  // RD Services that serve only HTTPS do so with a self-signed certificate on 127.0.0.1
  // (india.md §2). When set, a request to a loopback host skips certificate checks; every
  // other host is verified as always.
  bool any_certificate_on_loopback = false;
};

struct HttpRequest {
  std::string method;  // "GET", "POST" (any other upper-case token is sent as is)
  std::string url;
  // e.g. {"Authorization", "Bearer x"}. A POST without Content-Type is sent as
  // application/json (the contract's only body type).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Instead of `body`: sent in place from locked memory (the /v1/auth body with the full
  // Aadhaar number and the PID block). Must outlive perform().
  const Secret* secret_body = nullptr;
  // The answer's body goes here instead of HttpResponse::body (a PID block from the RD
  // Service), up to the Secret's capacity: a larger answer is TooLarge.
  Secret* secret_answer = nullptr;
};

struct HttpResponse {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, last response only
  std::string body;
  // The first header of that name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
};

enum class TransportFailure { NotAllowed, Resolve, Connect, Timeout, Tls, Reset, TooLarge, Other };

struct TransportError {
  TransportFailure kind;
  std::string message;
};

using HttpResult = std::expected<HttpResponse, TransportError>;

std::string_view to_string(TransportFailure failure);

class HttpClient {  // one easy handle reused across requests (keep-alive); not thread-safe
 public:
  // Counters over the client's life, for logs, benchmarks and tests.
  struct Stats {
    std::uint64_t transfers = 0;    // requests handed to curl (refused ones are not)
    std::uint64_t connections = 0;  // new connections curl had to open (CURLINFO_NUM_CONNECTS)
  };

  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and waits for the whole answer (or a failure). Any HTTP status is a
  // response; only a request that got no complete answer is a TransportError.
  HttpResult perform(const HttpRequest& request);

  const Stats& stats() const { return stats_; }
  const HttpOptions& options() const { return options_; }

 private:
  struct Handle;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
  Stats stats_;
};

// `text` percent-encoded for a URL's path segment or query value (RFC 3986: only
// unreserved characters pass), by curl_easy_escape.
std::string url_escape(std::string_view text);

// RFC 7231 IMF-fixdate (also accept what curl_getdate accepts); nullopt when unreadable.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view value);

// Retry-After (RFC 7231 7.1.3): delta-seconds or HTTP-date (relative to now); nullopt when
// unreadable or negative (a date already past included: there is nothing left to wait for).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

}  // namespace kiosk::net

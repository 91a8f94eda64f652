#include "kiosk/net/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "kiosk/config/url.h"
#include "kiosk/core/ascii.h"
#include "kiosk/net/curl_memory.h"
#include "kiosk/net/curl_setup.h"

namespace kiosk::net {
namespace {

// curl_global_init is not thread-safe in every curl build: run it once per process, with
// the allocator that zeroes curl's blocks (curl_memory.h).
CURLcode global_init() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = global_init_with_zeroing_allocator(); });
  return result;
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// A header line as curl hands it over, CRLF included.
std::string_view trim(std::string_view text) {
  return ascii::trim(text, " \t\r\n");
}

// What one transfer collects. Lives on perform's stack; curl gets a pointer to it.
struct Transfer {
  std::size_t max_body = 0;
  std::string body;
  Secret* secret_body = nullptr;  // set: the body goes here instead
  std::vector<std::pair<std::string, std::string>> headers;
  bool too_large = false;
  bool callback_failed = false;  // an allocation failed inside a callback
};

// Returning anything but `size * count` makes curl abort with CURLE_WRITE_ERROR.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer.secret_body != nullptr) {
    if (transfer.secret_body->append(std::string_view(data, bytes))) return bytes;
    transfer.too_large = true;
    return 0;
  }
  if (bytes > transfer.max_body - std::min(transfer.max_body, transfer.body.size())) {
    transfer.too_large = true;
    return 0;
  }
  try {
    transfer.body.append(data, bytes);
  } catch (...) {
    transfer.callback_failed = true;
    return 0;
  }
  return bytes;
}

// One call per header line of every response curl reads (interim 1xx ones included); a
// status line starts a new response, so only the last response's headers remain.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  try {
    if (line.starts_with("HTTP/")) {
      transfer.headers.clear();
    } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      // obs-fold (RFC 7230 3.2.4): a continuation of the previous header's value.
      if (!transfer.headers.empty()) {
        transfer.headers.back().second += ' ';
        transfer.headers.back().second += trim(line);
      }
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
      transfer.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                    std::string(trim(line.substr(colon + 1))));
    }
  } catch (...) {
    transfer.callback_failed = true;
    return 0;
  }
  return bytes;
}

// CR or LF would start a new header line; NUL would cut the line short in curl's C string.
bool has_line_break(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

// An upper-case method name ("GET", "POST").
bool is_method(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// RFC 7230 3.2.6 token: the only characters a header name may have.
bool is_header_name(std::string_view text) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::ranges::all_of(text, [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

// Refusals decided before curl sees anything: nothing is sent for these.
std::optional<TransportError> refuse(const HttpRequest& request) {
  if (request.url.empty()) return TransportError{TransportFailure::NotAllowed, "no URL"};
  if (has_line_break(request.url)) {  // curl would see a different URL than the one checked
    return TransportError{TransportFailure::NotAllowed, "URL contains a control character"};
  }
  if (const auto problem = config::check_backend_url(request.url)) {
    return TransportError{TransportFailure::NotAllowed, "URL " + *problem};
  }
  if (!is_method(request.method)) {
    return TransportError{TransportFailure::NotAllowed,
                          fmt::format("unsupported method \"{}\"", request.method)};
  }
  for (const auto& [name, value] : request.headers) {
    // A line break would let a header (say, a token read from a file) inject others.
    if (!is_header_name(name) || has_line_break(value)) {
      return TransportError{TransportFailure::NotAllowed,
                            fmt::format("header \"{}\" is malformed", name)};
    }
  }
  return std::nullopt;
}

bool has_header(const HttpRequest& request, std::string_view name) {
  return std::ranges::any_of(request.headers,
                             [&](const auto& header) { return iequals(header.first, name); });
}

// "Name: value"; curl drops a header given as "Name:", so an empty value is "Name;".
std::optional<HeaderList> build_headers(const HttpRequest& request) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : request.headers) {
    lines.push_back(value.empty() ? name + ";" : name + ": " + value);
  }
  if (request.method == "POST" && !has_header(request, "Content-Type")) {
    lines.emplace_back("Content-Type: application/json");  // the contract's body type
  }
  // curl waits up to a second for "100 Continue" on big bodies; the backend need not send it.
  if (!has_header(request, "Expect")) lines.emplace_back("Expect:");
  HeaderList list;
  for (const auto& line : lines) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) return std::nullopt;
    (void)list.release();
    list.reset(grown);
  }
  return list;
}

}  // namespace

struct HttpClient::Handle {
  std::unique_ptr<CURL, EasyDeleter> easy;
  char error_buffer[CURL_ERROR_SIZE] = {};
};

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::string_view to_string(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::NotAllowed:
      return "not allowed";
    case TransportFailure::Resolve:
      return "name not resolved";
    case TransportFailure::Connect:
      return "connection failed";
    case TransportFailure::Timeout:
      return "timed out";
    case TransportFailure::Tls:
      return "TLS failure";
    case TransportFailure::Reset:
      return "connection reset";
    case TransportFailure::TooLarge:
      return "answer too large";
    case TransportFailure::Other:
      return "transport failure";
  }
  return "transport failure";
}

HttpClient::HttpClient(HttpOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  if (global_init() == CURLE_OK) handle_->easy.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResult HttpClient::perform(const HttpRequest& request) {
  if (auto refusal = refuse(request)) return std::unexpected(std::move(*refusal));
  if (!handle_ || !handle_->easy) {
    return std::unexpected(TransportError{TransportFailure::Other, "curl is not initialised"});
  }
  auto headers = build_headers(request);
  if (!headers) return std::unexpected(TransportError{TransportFailure::Other, "out of memory"});
  Transfer transfer;
  transfer.max_body = options_.max_response_bytes;
  transfer.secret_body = request.secret_answer;
  if (request.secret_answer != nullptr) request.secret_answer->clear();
  // A secret request gets an easy handle of its own, cleaned up as soon as it is done: curl
  // keeps its send and receive buffers (and the connection's) for the handle's life, and
  // only the cleanup gives them back, zeroed, through the allocator (curl_memory.h).
  const bool secret = request.secret_body != nullptr || request.secret_answer != nullptr;
  std::unique_ptr<CURL, EasyDeleter> own(secret ? curl_easy_init() : nullptr);
  if (secret && !own)
    return std::unexpected(TransportError{TransportFailure::Other, "out of memory"});
  CURL* easy = secret ? own.get() : handle_->easy.get();
  // Reset keeps live connections, the DNS and TLS session caches: keep-alive survives.
  curl_easy_reset(easy);
  handle_->error_buffer[0] = '\0';
  const CurlSetup setup{options_, request,    headers->get(),       &transfer,
                        &on_body, &on_header, handle_->error_buffer};
  if (const CURLcode refused = configure_easy(easy, setup); refused != CURLE_OK) {
    // Never send with a weaker setup than asked (say, verification or protocols unset).
    return std::unexpected(
        TransportError{TransportFailure::Other,
                       fmt::format("curl refused an option: {}", curl_easy_strerror(refused))});
  }
  ++stats_.transfers;
  const CURLcode code = curl_easy_perform(easy);
  long connects = 0;
  if (curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0) {
    stats_.connections += static_cast<std::uint64_t>(connects);
  }
  if (code != CURLE_OK) {
    const CurlOutcome outcome{code, transfer.too_large, transfer.callback_failed,
                              handle_->error_buffer};
    return std::unexpected(map_curl_error(outcome));
  }
  HttpResponse response;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  response.headers = std::move(transfer.headers);
  response.body = std::move(transfer.body);
  return response;
}

std::string url_escape(std::string_view text) {
  // curl ignores the handle since 7.82 (Debian 12 has 7.88); nullptr only on allocation failure.
  const std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())), &curl_free);
  return escaped ? std::string(escaped.get()) : std::string();
}

}  // namespace kiosk::net

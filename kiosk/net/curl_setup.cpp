#include "kiosk/net/curl_setup.h"

#include <fmt/format.h>

#include <limits>

#include "kiosk/config/url.h"

namespace kiosk::net {
namespace {

// Applies options in order and remembers the first one curl refused.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <class Value>
  OptionSetter& set(CURLoption option, Value value) {
    if (result_ == CURLE_OK) result_ = curl_easy_setopt(easy_, option, value);
    return *this;
  }
  CURLcode result() const { return result_; }

 private:
  CURL* easy_;
  CURLcode result_ = CURLE_OK;
};

void set_limits(OptionSetter& set, const HttpOptions& options) {
  // queue.md D4: connect, total and low-speed limits; curl's low-speed check is off unless set.
  set.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()))
      .set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()))
      .set(CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit)
      .set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
  // An announced Content-Length above the cap fails before the body is read; a chunked
  // answer is stopped by the body callback instead.
  if (options.max_response_bytes <
      static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max())) {
    set.set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_response_bytes));
  }
}

// Only a loopback host, and only when the options ask: an RD Service's self-signed
// certificate. The host is curl's own reading of the URL, as for the http-to-loopback rule.
bool skip_certificate_checks(const HttpOptions& options, const HttpRequest& request) {
  if (!options.any_certificate_on_loopback) return false;
  const auto host = config::url_host(request.url);
  return host && config::is_loopback_host(*host);
}

void set_security(OptionSetter& set, const HttpOptions& options, const HttpRequest& request) {
  const bool verify = !skip_certificate_checks(options, request);
  set.set(CURLOPT_PROTOCOLS_STR, "http,https")
      .set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
      .set(CURLOPT_FOLLOWLOCATION, 0L)  // a redirect is an answer, never followed
      .set(CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L)
      .set(CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (!options.ca_file.empty()) {
    // Pinned CA: this file only, not the system directory curl would also consult.
    set.set(CURLOPT_CAINFO, options.ca_file.c_str())
        .set(CURLOPT_CAPATH, static_cast<char*>(nullptr));
  }
}

// CURLOPT_POSTFIELDS is read in place, never copied (CURLOPT_COPYPOSTFIELDS would copy):
// a secret body stays in its locked pages but for curl's send buffer, which is zeroed.
void set_method(OptionSetter& set, const HttpRequest& request) {
  const std::string_view body =
      request.secret_body != nullptr ? request.secret_body->view() : std::string_view(request.body);
  const auto body_size = static_cast<curl_off_t>(body.size());
  if (request.method == "GET") {
    set.set(CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    set.set(CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST") {
    set.set(CURLOPT_POST, 1L)
        .set(CURLOPT_POSTFIELDSIZE_LARGE, body_size)
        .set(CURLOPT_POSTFIELDS, body.data());
  } else {
    set.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!body.empty()) {
      set.set(CURLOPT_POSTFIELDSIZE_LARGE, body_size).set(CURLOPT_POSTFIELDS, body.data());
    }
  }
}

TransportFailure classify_code(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportFailure::Resolve;
    case CURLE_COULDNT_CONNECT:
      return TransportFailure::Connect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::Timeout;  // total and low-speed
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return TransportFailure::Tls;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::Reset;
    case CURLE_FILESIZE_EXCEEDED:
      return TransportFailure::TooLarge;
    default:
      return TransportFailure::Other;
  }
}

}  // namespace

CURLcode configure_easy(CURL* easy, const CurlSetup& setup) {
  OptionSetter set(easy);
  set.set(CURLOPT_ERRORBUFFER, setup.error_buffer)
      .set(CURLOPT_URL, setup.request.url.c_str())
      .set(CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: we are one thread of many
  set_security(set, setup.options, setup.request);
  set_limits(set, setup.options);
  if (!setup.options.user_agent.empty()) {
    set.set(CURLOPT_USERAGENT, setup.options.user_agent.c_str());
  }
  set.set(CURLOPT_HTTPHEADER, setup.headers)
      .set(CURLOPT_WRITEFUNCTION, setup.on_body)
      .set(CURLOPT_WRITEDATA, setup.transfer)
      .set(CURLOPT_HEADERFUNCTION, setup.on_header)
      .set(CURLOPT_HEADERDATA, setup.transfer);
  set_method(set, setup.request);
  return set.result();
}

TransportError map_curl_error(const CurlOutcome& outcome) {
  const std::string detail = (outcome.error_buffer != nullptr && outcome.error_buffer[0] != '\0')
                                 ? std::string(outcome.error_buffer)
                                 : std::string(curl_easy_strerror(outcome.code));
  if (outcome.code == CURLE_WRITE_ERROR && outcome.too_large) {
    return {TransportFailure::TooLarge, "the answer exceeds the size limit"};
  }
  if (outcome.code == CURLE_WRITE_ERROR && outcome.callback_failed) {
    return {TransportFailure::Other, "out of memory while reading the answer"};
  }
  return {classify_code(outcome.code),
          fmt::format("{} (curl {})", detail, static_cast<int>(outcome.code))};
}

}  // namespace kiosk::net

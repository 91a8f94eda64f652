#include "kiosk/biometric/rd_client.h"

#include <fmt/format.h>

#include <utility>

#include "kiosk/biometric/rd_certificate.h"

namespace kiosk::biometric {
namespace {

net::HttpOptions http_options(const RdClientOptions& options) {
  net::HttpOptions http;
  http.connect_timeout = options.probe_timeout;
  http.user_agent = options.user_agent;
  http.max_response_bytes = kMaxRdAnswerBytes;
  http.any_certificate_on_loopback = true;  // the vendor's self-signed certificate
  return http;
}

RdFailure failure(RdErrorMeaning meaning, std::string detail) {
  return RdFailure{std::move(meaning), std::move(detail)};
}

RdFailure transport_failure(const net::TransportError& error, std::string_view step) {
  return failure(no_rd_service(), fmt::format("{}: {}", step, error.message));
}

}  // namespace

std::string RdEndpoint::url(std::string_view path) const {
  return fmt::format("{}://127.0.0.1:{}{}", https ? "https" : "http", port,
                     path.empty() ? "/" : path);
}

RdClient::RdClient(RdClientOptions options)
    : options_(std::move(options)), http_(http_options(options_)) {}

net::HttpResult RdClient::ask(const RdEndpoint& endpoint, std::string method, std::string_view path,
                              std::chrono::milliseconds timeout, std::string body, Secret* answer) {
  net::HttpRequest request;
  request.method = std::move(method);
  request.url = endpoint.url(path);
  if (!body.empty()) request.headers.emplace_back("Content-Type", "text/xml");
  request.body = std::move(body);
  request.secret_answer = answer;
  // The total timeout is per request: a capture waits for a finger, a probe does not.
  auto options = http_.options();
  if (options.total_timeout != timeout) {
    options.total_timeout = timeout;
    http_ = net::HttpClient(options);
  }
  return http_.perform(request);
}

RdClient::Probe RdClient::probe(int port, bool https) {
  RdEndpoint endpoint{.port = port, .https = https, .service = {}};
  auto answer = ask(endpoint, "RDSERVICE", "/", options_.probe_timeout);
  if (!answer) return Probe{std::nullopt, answer.error().kind == net::TransportFailure::Connect};
  if (answer->status != 200) return {};
  auto service = parse_rd_service(answer->body);
  if (!service) return {};
  endpoint.service = std::move(*service);
  return Probe{std::move(endpoint), false};
}

RdResult<RdEndpoint> RdClient::discover() {
  std::optional<RdEndpoint> first;
  for (int port = options_.first_port; port <= options_.last_port; ++port) {
    auto plain = probe(port, false);
    if (plain.refused) continue;  // nothing listens there: the common case, and fast
    // A port that took the connection but gave no RD answer may speak only TLS.
    auto found = plain.endpoint ? std::move(plain.endpoint) : probe(port, true).endpoint;
    if (!found) continue;
    if (found->service.status == RdStatus::Ready) return *found;
    if (!first) first = std::move(found);
  }
  if (first) return *first;
  return std::unexpected(
      failure(no_rd_service(), fmt::format("no RD Service answered RDSERVICE on 127.0.0.1:{}-{}",
                                           options_.first_port, options_.last_port)));
}

RdResult<RdEndpoint> RdClient::refresh(const RdEndpoint& endpoint) {
  if (auto again = probe(endpoint.port, endpoint.https).endpoint) return *again;
  return discover();  // it may have restarted on another port
}

RdResult<DeviceFacts> RdClient::device_info(const RdEndpoint& endpoint) {
  const std::string path =
      endpoint.service.info_path.empty() ? "/rd/info" : endpoint.service.info_path;
  auto answer = ask(endpoint, "DEVICEINFO", path, options_.info_timeout);
  if (!answer) return std::unexpected(transport_failure(answer.error(), "DEVICEINFO"));
  if (answer->status != 200) {
    return std::unexpected(
        failure(rd_garbled_answer(), fmt::format("DEVICEINFO answered HTTP {}", answer->status)));
  }
  auto info = parse_device_info(answer->body);
  if (!info) return std::unexpected(failure(rd_garbled_answer(), info.error().message));
  DeviceFacts facts{std::move(*info), std::nullopt};
  if (auto expiry = certificate_expiry(facts.info.certificate_base64)) {
    facts.certificate_expiry = *expiry;
  }
  return facts;
}

RdResult<Capture> RdClient::capture(const RdEndpoint& endpoint, std::string_view wadh) {
  PidOptions pid = options_.pid;
  pid.wadh = std::string(wadh);
  if (auto problem = check_pid_options(pid)) {
    return std::unexpected(failure(explain_rd_error(100), *problem));
  }
  auto block = Secret::with_capacity(kMaxPidDataBytes);
  if (!block) return std::unexpected(failure(explain_rd_error(999), block.error().message));
  const auto timeout = std::chrono::milliseconds(pid.timeout_ms) + options_.capture_margin;
  auto answer = ask(endpoint, "CAPTURE", endpoint.service.capture_path, timeout,
                    pid_options_xml(pid), &*block);
  if (!answer) return std::unexpected(transport_failure(answer.error(), "CAPTURE"));
  if (answer->status != 200) {
    return std::unexpected(
        failure(rd_garbled_answer(), fmt::format("CAPTURE answered HTTP {}", answer->status)));
  }
  auto summary = parse_pid_data(block->view());
  if (!summary) return std::unexpected(failure(rd_garbled_answer(), summary.error().message));
  if (summary->error_code != 0) {
    return std::unexpected(
        failure(explain_rd_error(summary->error_code),
                fmt::format("errCode {}: {}", summary->error_code, summary->error_info)));
  }
  if (!summary->usable()) {
    return std::unexpected(failure(capture_incomplete(), "errCode 0 without Data or Skey"));
  }
  return Capture{std::move(*summary), std::move(*block)};
}

}  // namespace kiosk::biometric

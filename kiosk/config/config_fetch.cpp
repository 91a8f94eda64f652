#include "kiosk/config/config_fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

#include "kiosk/config/envelope.h"
#include "kiosk/sync/syncer.h"

namespace kiosk::config {

namespace {

std::string escaped(const std::string& text) {
  std::unique_ptr<char, decltype(&curl_free)> out(
      curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size())), &curl_free);
  return out ? std::string(out.get()) : std::string();
}

net::HttpOptions capped(net::HttpOptions http) {
  http.max_response_bytes = kMaxEnvelopeBytes;  // a larger answer is refused in transit
  return http;
}

}  // namespace

HttpBundleSource::HttpBundleSource(FetchSettings settings)
    : settings_(std::move(settings)), client_(capped(settings_.http)) {}

Result<net::HttpResponse> HttpBundleSource::get(const std::string& path,
                                                std::optional<std::string> if_none_match) {
  auto token = sync::read_token(settings_.token_file);
  if (!token) return fail(Errc::Access, "not enrolled: " + token.error().message);
  net::HttpRequest request{"GET", settings_.base_url + path, {}, {}};
  request.headers.emplace_back("Authorization", "Bearer " + *token);
  if (if_none_match && !if_none_match->empty())
    request.headers.emplace_back("If-None-Match", *if_none_match);
  auto response = client_.perform(request);
  if (!response)
    return fail(Errc::Unavailable, fmt::format("{}: {}", path, response.error().message));
  return std::move(*response);
}

Result<FetchedBundle> HttpBundleSource::fetch_bundle(const std::string& etag) {
  auto response = get("/v1/config?kiosk_id=" + escaped(settings_.kiosk_id), etag);
  if (!response) return std::unexpected(response.error());
  if (response->status == 304) return FetchedBundle{true, {}, etag};
  if (response->status != 200)
    return fail(Errc::Unavailable, fmt::format("GET /v1/config answered {}", response->status));
  return FetchedBundle{false, std::move(response->body), response->header("ETag").value_or("")};
}

bool HttpBundleSource::reachable() {
  auto response = get("/v1/config?kiosk_id=" + escaped(settings_.kiosk_id), "*");
  return response &&
         (response->status == 200 || response->status == 304 || response->status == 404);
}

Result<std::optional<std::string>> HttpBundleSource::fetch_root(std::uint64_t version) {
  auto response = get(fmt::format("/v1/config/root/{}.json", version));
  if (!response) return std::unexpected(response.error());
  if (response->status == 404) return std::optional<std::string>();
  if (response->status != 200)
    return fail(Errc::Unavailable,
                fmt::format("GET /v1/config/root/{}.json answered {}", version, response->status));
  return std::optional<std::string>(std::move(response->body));
}

}  // namespace kiosk::config

#include "kiosk/config/url.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

namespace kiosk::config {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
  void operator()(char* text) const { curl_free(text); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

std::optional<std::string> get_part(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK) return std::nullopt;
  CurlString owned(raw);
  return std::string(owned.get());
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost") return true;
  std::string bare(host);
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;  // 127.0.0.0/8
  }
  in6_addr v6{};
  return inet_pton(AF_INET6, bare.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::optional<std::string> url_host(std::string_view text) {
  UrlHandle url(curl_url());
  const std::string owned(text);
  if (!url || curl_url_set(url.get(), CURLUPART_URL, owned.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  return get_part(url.get(), CURLUPART_HOST);
}

std::optional<std::string> check_backend_url(std::string_view text) {
  if (text.empty()) return std::nullopt;
  UrlHandle url(curl_url());
  if (!url) return "could not be checked (out of memory)";
  const std::string owned(text);
  if (curl_url_set(url.get(), CURLUPART_URL, owned.c_str(), 0) != CURLUE_OK) {
    return fmt::format("must be an absolute URL, got \"{}\"", owned);
  }
  const auto scheme = get_part(url.get(), CURLUPART_SCHEME);
  const auto host = get_part(url.get(), CURLUPART_HOST);
  if (!scheme || !host) return fmt::format("must name a scheme and host, got \"{}\"", owned);
  if (*scheme == "https") return std::nullopt;
  if (*scheme == "http") {
    if (is_loopback_host(*host)) return std::nullopt;
    return fmt::format("plain http is allowed only to a loopback address, got host \"{}\"", *host);
  }
  return fmt::format("must use https (or http to loopback), got scheme \"{}\"", *scheme);
}

}  // namespace kiosk::config

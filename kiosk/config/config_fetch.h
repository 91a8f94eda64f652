// Fetching signed configuration from the backend (the contract §3): GET /v1/config with
// If-None-Match, and the root documents one version at a time. The transport is not
// trusted: what comes back goes through the same checks as a bundle from a USB stick.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "kiosk/core/result.h"
#include "kiosk/net/http_client.h"

namespace kiosk::config {

struct FetchedBundle {
  bool not_modified = false;  // 304: the bundle held is current
  std::string bytes;          // 200: the envelope, exactly as signed
  std::string etag;
};

class BundleSource {
 public:
  virtual ~BundleSource() = default;
  virtual Result<FetchedBundle> fetch_bundle(const std::string& etag) = 0;
  // Root document `version`; nullopt when the backend has none (404: past the latest).
  virtual Result<std::optional<std::string>> fetch_root(std::uint64_t version) = 0;
};

struct FetchSettings {
  std::string base_url;  // no trailing slash
  std::string kiosk_id;
  std::filesystem::path token_file;
  net::HttpOptions http;
};

// Over HTTP (one client, kept alive); not thread-safe: the config service's thread owns it.
class HttpBundleSource final : public BundleSource {
 public:
  explicit HttpBundleSource(FetchSettings settings);
  Result<FetchedBundle> fetch_bundle(const std::string& etag) override;
  Result<std::optional<std::string>> fetch_root(std::uint64_t version) override;
  // The trial's backend check: GET /v1/config with If-None-Match "*" answers 304 (a bundle
  // is published), 200, or 404 (none is): the backend at this URL knows this kiosk's token.
  bool reachable();

 private:
  Result<net::HttpResponse> get(const std::string& path,
                                std::optional<std::string> if_none_match = std::nullopt);
  FetchSettings settings_;
  net::HttpClient client_;
};

}  // namespace kiosk::config

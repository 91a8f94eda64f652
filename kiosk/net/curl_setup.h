// Internal to kiosk/net: the libcurl options every request gets, and the one place where
// CURLcode becomes a TransportFailure. Only http_client.cpp includes this.
#pragma once

#include <curl/curl.h>

#include <cstddef>

#include "kiosk/net/http_client.h"

namespace kiosk::net {

using CurlDataCallback = std::size_t (*)(char*, std::size_t, std::size_t, void*) noexcept;

struct CurlSetup {
  const HttpOptions& options;
  const HttpRequest& request;
  curl_slist* headers;
  void* transfer;  // handed to both callbacks
  CurlDataCallback on_body;
  CurlDataCallback on_header;
  char* error_buffer;  // CURL_ERROR_SIZE bytes, alive as long as the easy handle
};

// Sets every option on a freshly reset easy handle. The first option curl refuses is
// returned; the caller must then not perform the transfer.
CURLcode configure_easy(CURL* easy, const CurlSetup& setup);

struct CurlOutcome {
  CURLcode code;
  bool too_large;        // our body callback stopped the transfer at the size cap
  bool callback_failed;  // a callback could not allocate
  const char* error_buffer;
};

TransportError map_curl_error(const CurlOutcome& outcome);

}  // namespace kiosk::net

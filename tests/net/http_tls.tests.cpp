#include <catch2/catch.hpp>

#include "kiosk/net/http_client.h"
#include "tests/net/loopback.h"

using namespace kiosk;
using namespace kiosk::net;
using namespace std::chrono_literals;
using testing::LoopbackServer;

namespace {

struct TlsBackend {
  std::atomic<int> hits{0};
  std::unique_ptr<LoopbackServer> running;

  TlsBackend() {
    const auto& files = testing::tls_files();
    auto server =
        std::make_unique<httplib::SSLServer>(files.server_cert.c_str(), files.server_key.c_str());
    server->Get("/v1/config", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content("signed bundle", "application/octet-stream");
    });
    running = std::make_unique<LoopbackServer>(std::move(server));
  }
};

HttpResult fetch(const std::string& ca_file, const std::string& url) {
  HttpOptions options;
  options.connect_timeout = 2s;
  options.total_timeout = 10s;
  options.ca_file = ca_file;
  HttpClient client(options);
  return client.perform({"GET", url, {}, {}});
}

}  // namespace

TEST_CASE("A server certificate from the pinned CA is accepted", "[net][tls]") {
  TlsBackend backend;
  const auto result = fetch(testing::tls_files().ca, backend.running->url("/v1/config", "https"));
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->body == "signed bundle");
  CHECK(backend.hits == 1);
}

TEST_CASE("A server certificate from another CA is refused as a TLS failure", "[net][tls]") {
  TlsBackend backend;
  const auto result =
      fetch(testing::tls_files().other_ca, backend.running->url("/v1/config", "https"));
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == TransportFailure::Tls);
  CHECK(backend.hits == 0);  // the request never got past the handshake
}

TEST_CASE("The system CA store does not trust a private CA", "[net][tls]") {
  TlsBackend backend;
  const auto result = fetch("", backend.running->url("/v1/config", "https"));
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == TransportFailure::Tls);
}

TEST_CASE("The host name is verified, not only the chain", "[net][tls]") {
  TlsBackend backend;  // its certificate names IP 127.0.0.1 only
  const auto result =
      fetch(testing::tls_files().ca, backend.running->url("/v1/config", "https", "localhost"));
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == TransportFailure::Tls);
  CHECK(backend.hits == 0);
}

TEST_CASE("A missing pinned CA file is a TLS failure, never a fallback", "[net][tls]") {
  TlsBackend backend;
  const auto missing = testing::scratch_dir("net-tls-missing") / "absent-ca.pem";
  const auto result = fetch(missing, backend.running->url("/v1/config", "https"));
  REQUIRE_FALSE(result);
  CHECK(result.error().kind == TransportFailure::Tls);
  CHECK(backend.hits == 0);
}

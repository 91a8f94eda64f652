#include "kiosk/net/http_client.h"

#include <catch2/catch.hpp>

#include "tests/net/loopback.h"

using namespace kiosk;
using namespace kiosk::net;
using namespace std::chrono_literals;
using testing::LoopbackServer;

namespace {

constexpr const char* kDate = "Sat, 28 Nov 2026 11:35:09 GMT";

HttpOptions quick_options() {
  HttpOptions options;
  options.connect_timeout = 2s;
  options.total_timeout = 10s;
  options.user_agent = "csc-kiosk/0.1.0";
  return options;
}

HttpRequest get(std::string url) {
  return {"GET", std::move(url), {}, {}};
}

}  // namespace

TEST_CASE("A GET returns the status, headers and body the server sent", "[net][http]") {
  auto server = std::make_unique<httplib::Server>();
  server->Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Date", kDate);
    res.set_header("X-Kiosk-Test", "  padded value ");
    res.set_content("नमस्ते ₹30", "text/plain; charset=utf-8");
  });
  LoopbackServer running(std::move(server));
  HttpClient client(quick_options());

  const auto result = client.perform(get(running.url("/hello")));
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->body == "नमस्ते ₹30");
  CHECK(result->header("x-kiosk-test") == "padded value");
  CHECK(result->header("CONTENT-TYPE") == "text/plain; charset=utf-8");
  CHECK_FALSE(result->header("X-Absent"));
  const auto date = result->header("Date").and_then(
      [](const std::string& text) { return parse_http_date(text); });
  REQUIRE(date);
  CHECK(*date == std::chrono::sys_days{std::chrono::November / 28 / 2026} + 11h + 35min + 9s);
}

TEST_CASE("A POST carries its body byte for byte with the contract's headers", "[net][http]") {
  std::string got_body, got_auth, got_agent, got_type, got_expect = "unset";
  auto server = std::make_unique<httplib::Server>();
  server->Post("/v1/transactions:batch", [&](const httplib::Request& req, httplib::Response& res) {
    got_body = req.body;
    got_auth = req.get_header_value("Authorization");
    got_agent = req.get_header_value("User-Agent");
    got_type = req.get_header_value("Content-Type");
    got_expect = req.get_header_value("Expect");
    res.set_content(R"({"results":[]})", "application/json");
  });
  LoopbackServer running(std::move(server));
  HttpClient client(quick_options());

  // Larger than 1 MiB, where curl would otherwise wait for "100 Continue".
  std::string body = "{\"x\":\"राम\t\\u20b9\"}\r\n";
  body.append(std::size_t{1} << 20, ' ');
  const HttpRequest request{"POST",
                            running.url("/v1/transactions:batch"),
                            {{"Authorization", "Bearer kiosk-token"}},
                            body};
  const auto result = client.perform(request);
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(got_body == body);
  CHECK(got_auth == "Bearer kiosk-token");
  CHECK(got_agent == "csc-kiosk/0.1.0");
  CHECK(got_type == "application/json");
  CHECK(got_expect.empty());
}

TEST_CASE("Error statuses are answers that pass through unchanged", "[net][http][status]") {
  auto server = std::make_unique<httplib::Server>();
  server->Get(R"(/status/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.status = std::stoi(req.matches[1]);
    if (res.status == 429 || res.status == 503) res.set_header("Retry-After", "7");
    if (res.status != 204) res.set_content("status body", "text/plain");
  });
  LoopbackServer running(std::move(server));
  HttpClient client(quick_options());

  for (const long status : {204L, 400L, 401L, 403L, 404L, 405L, 413L, 422L, 429L, 500L, 503L}) {
    CAPTURE(status);
    const auto result = client.perform(get(running.url("/status/" + std::to_string(status))));
    REQUIRE(result);
    CHECK(result->status == status);
    if (status == 429 || status == 503) CHECK(result->header("retry-after") == "7");
    CHECK(result->body == (status == 204 ? "" : "status body"));
  }
  CHECK(client.stats().transfers == 11);
}

TEST_CASE("A redirect is returned as an answer and never followed", "[net][http]") {
  std::atomic<int> target_hits{0};
  auto server = std::make_unique<httplib::Server>();
  server->Get("/moved",
              [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/target"); });
  server->Get("/target", [&](const httplib::Request&, httplib::Response&) { ++target_hits; });
  LoopbackServer running(std::move(server));
  HttpClient client(quick_options());

  const auto result = client.perform(get(running.url("/moved")));
  REQUIRE(result);
  CHECK(result->status == 302);
  CHECK(result->header("Location") == "/target");
  CHECK(target_hits == 0);
}

TEST_CASE("Two requests over one client share one kept-alive connection",
          "[net][http][keepalive]") {
  std::mutex mutex;
  std::vector<int> remote_ports;
  auto server = std::make_unique<httplib::Server>();
  server->Get("/ping", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    remote_ports.push_back(req.remote_port);
    res.set_content("pong", "text/plain");
  });
  LoopbackServer running(std::move(server));
  HttpClient client(quick_options());

  REQUIRE(client.perform(get(running.url("/ping"))));
  REQUIRE(client.perform(get(running.url("/ping"))));
  CHECK(client.stats().transfers == 2);
  CHECK(client.stats().connections == 1);
  std::lock_guard lock(mutex);
  REQUIRE(remote_ports.size() == 2);
  CHECK(remote_ports[0] == remote_ports[1]);
}

TEST_CASE("Plain http to a non-loopback address is refused before anything is sent",
          "[net][http][policy]") {
  std::atomic<int> hits{0};
  auto server = std::make_unique<httplib::Server>();
  server->Get("/count", [&](const httplib::Request&, httplib::Response&) { ++hits; });
  // Listening on every address: 0.0.0.0 would reach this server if the client dialled it.
  LoopbackServer running(std::move(server), nullptr, "0.0.0.0");
  HttpClient client(quick_options());

  REQUIRE(client.perform(get(running.url("/count"))));  // reachable over loopback
  REQUIRE(hits == 1);
  for (const std::string& url :
       {running.url("/count", "http", "0.0.0.0"),
        std::string("http://10.255.255.1/v1/transactions:batch"),
        std::string("http://kiosk-backend.example/"), running.url("/count", "ftp"),
        std::string("not a url"), std::string()}) {
    CAPTURE(url);
    const auto result = client.perform(get(url));
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == TransportFailure::NotAllowed);
  }
  CHECK(hits == 1);
  CHECK(client.stats().transfers == 1);  // curl never saw the refused requests
}

TEST_CASE("Malformed methods and header injection are refused before sending",
          "[net][http][policy]") {
  HttpClient client(quick_options());
  const std::string url = "http://127.0.0.1:9/";
  const HttpRequest injected{"GET", url, {{"Authorization", "Bearer x\r\nX-Evil: 1"}}, {}};
  const HttpRequest bad_name{"GET", url, {{"Bad Name", "x"}}, {}};
  const HttpRequest bad_method{"get", url, {}, {}};
  const HttpRequest spaced_method{"GET /x HTTP/1.1\r\n", url, {}, {}};
  for (const auto* request : {&injected, &bad_name, &bad_method, &spaced_method}) {
    const auto result = client.perform(*request);
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == TransportFailure::NotAllowed);
  }
  CHECK(client.stats().transfers == 0);
}

TEST_CASE("Response headers are looked up case-insensitively, first one wins", "[net][http]") {
  HttpResponse response;
  response.headers = {{"Set-Cookie", "a"}, {"set-cookie", "b"}, {"Retry-After", "5"}};
  CHECK(response.header("SET-COOKIE") == "a");
  CHECK(response.header("retry-after") == "5");
  CHECK_FALSE(response.header("Retry"));
}

TEST_CASE("Every transport failure kind has a name", "[net][http]") {
  for (const auto kind :
       {TransportFailure::NotAllowed, TransportFailure::Resolve, TransportFailure::Connect,
        TransportFailure::Timeout, TransportFailure::Tls, TransportFailure::Reset,
        TransportFailure::TooLarge, TransportFailure::Other}) {
    CHECK_FALSE(to_string(kind).empty());
  }
  CHECK(to_string(TransportFailure::Tls) != to_string(TransportFailure::Reset));
}

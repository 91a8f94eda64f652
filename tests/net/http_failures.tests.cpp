#include <catch2/catch.hpp>

#include "kiosk/net/http_client.h"
#include "tests/net/loopback.h"

using namespace kiosk;
using namespace kiosk::net;
using namespace std::chrono_literals;
using testing::Gate;
using testing::LoopbackServer;
using testing::RawPeer;

namespace {

HttpOptions quick_options() {
  HttpOptions options;
  options.connect_timeout = 2s;
  options.total_timeout = 10s;
  return options;
}

HttpRequest get(std::string url) {
  return {"GET", std::move(url), {}, {}};
}

TransportError failure_of(const HttpResult& result) {
  REQUIRE_FALSE(result);
  return result.error();
}

}  // namespace

TEST_CASE("A server slower than the total timeout gives Timeout", "[net][http][timeout]") {
  Gate gate;
  auto server = std::make_unique<httplib::Server>();
  server->Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    gate.wait_for(5s);
    res.set_content("late", "text/plain");
  });
  LoopbackServer running(std::move(server), &gate);
  auto options = quick_options();
  options.total_timeout = 300ms;
  HttpClient client(options);

  const auto error = failure_of(client.perform(get(running.url("/slow"))));
  CHECK(error.kind == TransportFailure::Timeout);
  CHECK_THAT(error.message, Catch::Contains("timed out"));
}

TEST_CASE("A closed port gives Connect", "[net][http][connect]") {
  HttpClient client(quick_options());
  const auto url = "http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/";
  CHECK(failure_of(client.perform(get(url))).kind == TransportFailure::Connect);
}

TEST_CASE("An unresolvable host name gives Resolve", "[net][http][resolve]") {
  HttpClient client(quick_options());
  // RFC 6761: .invalid names never resolve.
  const auto error = failure_of(client.perform(get("https://kiosk-backend.invalid/")));
  CHECK(error.kind == TransportFailure::Resolve);
}

TEST_CASE("An answer larger than the cap gives TooLarge, announced or chunked",
          "[net][http][size]") {
  auto server = std::make_unique<httplib::Server>();
  server->Get("/announced", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'a'), "text/plain");
  });
  server->Get("/chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](std::size_t offset, httplib::DataSink& sink) {
      if (offset >= 100'000) {
        sink.done();
        return true;
      }
      const std::string chunk(1000, 'c');
      return sink.write(chunk.data(), chunk.size());
    });
  });
  server->Get("/fits", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1000, 'f'), "text/plain");
  });
  LoopbackServer running(std::move(server));
  auto options = quick_options();
  options.max_response_bytes = 1000;
  HttpClient client(options);

  CHECK(failure_of(client.perform(get(running.url("/announced")))).kind ==
        TransportFailure::TooLarge);
  CHECK(failure_of(client.perform(get(running.url("/chunked")))).kind ==
        TransportFailure::TooLarge);
  const auto fits = client.perform(get(running.url("/fits")));  // exactly at the cap
  REQUIRE(fits);
  CHECK(fits->body.size() == 1000);
}

TEST_CASE("A peer that accepts and closes without answering gives Reset", "[net][http][reset]") {
  RawPeer peer([](int fd, const std::atomic<bool>&) { (void)testing::read_request_head(fd); });
  HttpClient client(quick_options());
  const auto error = failure_of(client.perform(get(peer.url("/v1/transactions:batch"))));
  CHECK(error.kind == TransportFailure::Reset);
  CHECK(peer.accepted() >= 1);
}

TEST_CASE("A peer that cuts the answer short gives Reset", "[net][http][reset]") {
  RawPeer peer([](int fd, const std::atomic<bool>&) {
    (void)testing::read_request_head(fd);
    testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"results\":");
  });
  HttpClient client(quick_options());
  CHECK(failure_of(client.perform(get(peer.url("/")))).kind == TransportFailure::Reset);
}

TEST_CASE("A trickling answer is stopped by the low-speed limit", "[net][http][timeout]") {
  RawPeer peer([](int fd, const std::atomic<bool>& stopping) {
    (void)testing::read_request_head(fd);
    if (!testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")) return;
    // 10 bytes per second, until the client hangs up (or 20 s as a safety net).
    for (int i = 0; i < 200 && !stopping; ++i) {
      if (!testing::send_all(fd, "x")) return;
      std::this_thread::sleep_for(100ms);
    }
  });
  auto options = quick_options();
  options.total_timeout = 60s;  // far away: only the low-speed check can end this
  options.low_speed_limit = 100;
  options.low_speed_time = 1s;
  HttpClient client(options);
  const auto error = failure_of(client.perform(get(peer.url("/"))));
  CHECK(error.kind == TransportFailure::Timeout);
  CHECK_THAT(error.message, Catch::Contains("too slow"));
}

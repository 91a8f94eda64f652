// Secret buffers, and the HTTP client's ways of keeping a secret out of ordinary memory.
#include <catch2/catch.hpp>
#include <thread>

#include "kiosk/core/secret.h"
#include "kiosk/net/curl_memory.h"
#include "kiosk/net/http_client.h"
#include "tests/net/loopback.h"

using kiosk::Secret;

TEST_CASE("A secret holds bytes up to its capacity and refuses more", "[secret]") {
  auto secret = Secret::with_capacity(12);
  REQUIRE(secret);
  CHECK(secret->append("123412341234"));
  CHECK_FALSE(secret->push_back('5'));
  CHECK(secret->view() == "123412341234");
  secret->pop_back();
  CHECK(secret->view() == "12341234123");
  secret->clear();
  CHECK(secret->empty());
  CHECK(secret->capacity() == 12);
}

TEST_CASE("A secret moves without copying and zeroes what it drops", "[secret]") {
  auto made = Secret::copy_of("999999990019");
  REQUIRE(made);
  const char* where = made->data();
  Secret moved = std::move(*made);
  CHECK(moved.data() == where);
  CHECK(made->empty());
  CHECK(made->data() == nullptr);
  // pop_back and clear zero the bytes they drop, inside the still-mapped buffer.
  moved.pop_back();
  CHECK(where[11] == '\0');
  moved.clear();
  CHECK(std::string_view(where, 11) == std::string_view("\0\0\0\0\0\0\0\0\0\0\0", 11));
}

namespace {

// Answers "answer:" + the body it got, and keeps what it got.
struct EchoServer {
  std::string last_body;
  kiosk::testing::LoopbackServer running;
  EchoServer() : running(make()) {}
  std::unique_ptr<httplib::Server> make() {
    auto server = std::make_unique<httplib::Server>();
    server->Post("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      last_body = req.body;
      res.set_content("answer:" + req.body, "text/plain");
    });
    return server;
  }
  std::string url() { return running.url("/echo"); }
};

}  // namespace

TEST_CASE("A secret body is sent as is and a secret answer never reaches the response",
          "[secret][http]") {
  EchoServer echo;
  kiosk::net::HttpClient http({});
  auto body = Secret::copy_of(R"({"uid":"999999990019"})");
  auto answer = Secret::with_capacity(256);
  REQUIRE(body);
  REQUIRE(answer);
  kiosk::net::HttpRequest request;
  request.method = "POST";
  request.url = echo.url();
  request.secret_body = &*body;
  request.secret_answer = &*answer;
  const auto response = http.perform(request);
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(echo.last_body == R"({"uid":"999999990019"})");
  CHECK(response->body.empty());
  CHECK(answer->view() == R"(answer:{"uid":"999999990019"})");
}

TEST_CASE("A secret answer larger than its capacity is a TooLarge failure", "[secret][http]") {
  EchoServer echo;
  kiosk::net::HttpClient http({});
  auto answer = Secret::with_capacity(8);
  REQUIRE(answer);
  kiosk::net::HttpRequest request;
  request.method = "POST";
  request.url = echo.url();
  request.body = "more than eight bytes";
  request.secret_answer = &*answer;
  const auto response = http.perform(request);
  REQUIRE_FALSE(response);
  CHECK(response.error().kind == kiosk::net::TransportFailure::TooLarge);
}

TEST_CASE("curl's blocks go back to the heap through the zeroing allocator", "[secret][http]") {
  EchoServer echo;
  const auto before = kiosk::net::curl_blocks_zeroed();
  {
    kiosk::net::HttpClient http({});
    kiosk::net::HttpRequest request;
    request.method = "POST";
    request.url = echo.url();
    request.body = "x";
    REQUIRE(http.perform(request));
  }
  // The positive control: a request and a client's end free curl blocks, all counted.
  CHECK(kiosk::net::curl_blocks_zeroed() > before);
}

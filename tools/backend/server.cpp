#include "tools/backend/server.h"

#include <fmt/format.h>

#include <thread>

#include "kiosk/core/log.h"
#include "tools/backend/answers.h"
#include "tools/backend/batch.h"
#include "tools/backend/connection_drop.h"
#include "tools/backend/http_date.h"

namespace kiosk::backend {
namespace {

constexpr std::size_t kKeepAliveMaxCount = 10'000;  // httplib's default of 5 caps throughput

Result<std::unique_ptr<httplib::Server>> make_server(const BackendOptions& options) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return fail(Errc::Config, "--tls-cert and --tls-key go together");
  }
  if (options.tls_cert.empty()) return std::make_unique<httplib::Server>();
  auto server =
      std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
  if (!server->is_valid()) {
    return fail(Errc::Config, fmt::format("cannot load the TLS certificate {} or key {}",
                                          options.tls_cert.string(), options.tls_key.string()));
  }
  return std::unique_ptr<httplib::Server>(std::move(server));
}

std::string_view status_code_name(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 404:
      return "not_found";
    case 413:
      return "too_large";
    default:
      return "http_error";
  }
}

}  // namespace

Result<std::unique_ptr<Backend>> Backend::create(const BackendOptions& options,
                                                 const Clock& clock) {
  Seed seed;
  if (!options.seed.empty()) {
    auto loaded = Seed::load(options.seed);
    if (!loaded) return std::unexpected(loaded.error());
    seed = std::move(*loaded);
  }
  auto store = BackendStore::open(options.db, clock);
  if (!store) return std::unexpected(store.error());
  auto server = make_server(options);
  if (!server) return std::unexpected(server.error());
  std::unique_ptr<Backend> backend(
      new Backend(options, clock, std::move(seed), std::move(*store), std::move(*server)));
  backend->install_hooks();
  backend->install_routes();
  return backend;
}

Backend::Backend(const BackendOptions& options, const Clock& clock, Seed seed,
                 std::unique_ptr<BackendStore> store, std::unique_ptr<httplib::Server> server)
    : options_(options),
      clock_(clock),
      seed_(std::move(seed)),
      store_(std::move(store)),
      server_(std::move(server)),
      faults_(options.faults) {}

Result<int> Backend::bind() {
  // Loopback only: the backend is a test and demo tool, never a public service.
  const int port = options_.port == 0 ? server_->bind_to_any_port("127.0.0.1")
                   : server_->bind_to_port("127.0.0.1", options_.port) ? options_.port
                                                                       : -1;
  if (port < 0) {
    return fail(Errc::Unavailable, fmt::format("cannot listen on 127.0.0.1:{}", options_.port));
  }
  port_ = port;
  return port;
}

bool Backend::run() {
  return server_->listen_after_bind();
}

void Backend::stop() {
  server_->stop();  // no new connections
  stop_reading_connections(port_);
}

void Backend::install_hooks() {
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_keep_alive_max_count(kKeepAliveMaxCount);
  // httplib writes the headers and the body with two send() calls: with Nagle on, the body
  // waits for the client's delayed ACK (~40 ms per answer on Linux).
  server_->set_tcp_nodelay(true);
  // httplib 0.11 sends no Date header; the contract wants one on every answer, and httplib
  // calls this hook for every answer, its own 400/404/413 included, just before the headers.
  server_->set_post_routing_handler([this](const Request&, Response& res) {
    const auto offset = std::chrono::seconds(faults_.settings().date_offset_s);
    res.set_header("Date", imf_fixdate(clock_.wall_now() + offset));
  });
  // Errors httplib produces itself (unknown path, body over the limit) get the JSON shape.
  server_->set_error_handler(httplib::Server::HandlerWithResponse([](const Request&,
                                                                     Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    answer_error(res, res.status, status_code_name(res.status), fmt::format("HTTP {}", res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_->set_pre_routing_handler([](const Request&, Response&) {
    clear_notes();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Method, path (no query: it may carry a consumer number), status, items. Never bodies.
  server_->set_logger([](const Request& req, const Response& res) {
    const std::string_view outcome = noted_outcome();
    log::info("backend", "{} {} {} items={}{}{}", req.method, req.path, res.status, noted_items(),
              outcome.empty() ? "" : " ", outcome);
    clear_notes();
  });
  // A request over the limit is refused by httplib before its body is read (contract §1).
  server_->set_payload_max_length(kMaxBatchBodyBytes);
}

void Backend::install_routes() {
  using namespace std::placeholders;
  auto& s = *server_;
  s.Post(R"(/v1/transactions:batch)", v1(std::bind(&Backend::handle_batch, this, _1, _2)));
  s.Get(R"(/v1/transactions/([^/]+))", v1(std::bind(&Backend::handle_status, this, _1, _2)));
  s.Get(R"(/v1/bills)", v1(std::bind(&Backend::handle_bills, this, _1, _2)));
  s.Get(R"(/v1/config)", v1([this](const Request& req, Response& res) {
          if (!req.has_param("kiosk_id")) {
            answer_error(res, 400, "bad_request", "kiosk_id is required");
            return;
          }
          serve_file(req, res, options_.config_bundle);
        }));
  s.Get(R"(/v1/config/root\.json)",
        v1([this](const Request& req, Response& res) { serve_file(req, res, options_.root_doc); }));
  // Root version N from <root_dir>/N.json; 404 past the latest (the contract §3).
  s.Get(R"(/v1/config/root/([0-9]{1,9})\.json)", v1([this](const Request& req, Response& res) {
          const auto dir = options_.root_dir;
          serve_file(req, res, dir.empty() ? dir : dir / (std::string(req.matches[1]) + ".json"));
        }));
  s.Post(R"(/v1/heartbeat)", v1(std::bind(&Backend::handle_heartbeat, this, _1, _2)));
  s.Post(R"(/v1/auth)", loopback_only(v1(std::bind(&Backend::handle_auth, this, _1, _2))));
  s.Get(R"(/_control/stats)", loopback_only(std::bind(&Backend::handle_stats, this, _1, _2)));
  const Handler faults = loopback_only(std::bind(&Backend::handle_faults, this, _1, _2));
  s.Get(R"(/_control/faults)", faults);
  s.Post(R"(/_control/faults)", faults);
  // The state's office in a demo: every kiosk's last heartbeat as a plain page.
  s.Get(R"(/fleet)", std::bind(&Backend::handle_fleet, this, _1, _2));
  s.Get(R"(/_control/heartbeats)",
        loopback_only(std::bind(&Backend::handle_heartbeats, this, _1, _2)));
}

// Every /v1 route: the slow fault, then the credential faults, then the bearer token. This
// runs in the handler, after httplib has read the body: answering before that (in the
// pre-routing hook) would leave the body in the socket and break the keep-alive connection.
Backend::Handler Backend::v1(Handler inner) {
  return [this, inner = std::move(inner)](const Request& req, Response& res) {
    ++requests_;
    const FaultSettings faults = faults_.settings();
    if (faults.slow_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(faults.slow_ms));
    if (admit(req, res, faults)) inner(req, res);
  };
}

Backend::Handler Backend::loopback_only(Handler inner) {
  return [inner = std::move(inner)](const Request& req, Response& res) {
    if (!is_loopback(req)) {
      answer_error(res, 403, "forbidden", "only over loopback");
      return;
    }
    inner(req, res);
  };
}

bool Backend::admit(const Request& req, Response& res, const FaultSettings& faults) const {
  constexpr std::string_view kBearer = "Bearer ";
  const std::string header = req.get_header_value("Authorization");
  const std::string token =
      header.starts_with(kBearer) ? header.substr(kBearer.size()) : std::string();
  const bool known = options_.tokens.empty()
                         ? !token.empty()
                         : std::find(options_.tokens.begin(), options_.tokens.end(), token) !=
                               options_.tokens.end();
  if (faults.unauthorized || !known) {
    res.set_header("WWW-Authenticate", "Bearer");
    answer_error(res, 401, "unauthorized", "missing or unknown bearer token");
    return false;
  }
  if (faults.deny) {
    answer_error(res, 403, "forbidden", "this kiosk is not allowed to deliver");
    return false;
  }
  return true;
}

}  // namespace kiosk::backend

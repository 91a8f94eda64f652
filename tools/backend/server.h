// The reference backend: the server side of shared/contracts/backend-api.md on 127.0.0.1,
// with fault injection and a control API for tests (tools/backend/README.md).
//
//  [X] POST /v1/transactions:batch (exactly-once store), GET /v1/transactions/{receipt_no}
//  [X] GET /v1/bills, GET /v1/config (+ ETag/304), GET /v1/config/root.json and root/<N>.json
//  [X] POST /v1/heartbeat (memory only), POST /v1/auth (demo relay, nothing kept)
//  [X] Bearer auth, Date header on every answer (optionally shifted), one log line each
//  [X] Faults (faults.h) and /_control/{faults,stats,heartbeats}, loopback only
//  [X] HTTPS with a given certificate and key
#pragma once

#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kiosk/core/clock.h"
#include "tools/backend/faults.h"
#include "tools/backend/seed.h"
#include "tools/backend/store.h"

namespace kiosk::backend {

struct BackendOptions {
  int port = 0;                     // 0 = any free port
  std::vector<std::string> tokens;  // accepted bearer tokens; empty = any non-empty token
  std::filesystem::path db = "backend.db";
  std::filesystem::path seed;           // empty = no bills and no seeded statuses
  std::filesystem::path config_bundle;  // served by GET /v1/config; empty = 404
  std::filesystem::path root_doc;       // served by GET /v1/config/root.json; empty = 404
  std::filesystem::path root_dir;       // <N>.json served by GET /v1/config/root/<N>.json
  std::filesystem::path tls_cert;       // both set = HTTPS
  std::filesystem::path tls_key;
  FaultSettings faults;
  // POST /v1/auth answers "n" with this UIDAI code (300: biometric mismatch) for a uid
  // ending in these digits; every other valid uid with a PID block gets "y".
  std::string auth_refuse_ending;
  std::string auth_refuse_code = "300";
  int threads = 32;  // each open keep-alive connection holds one
};

class Backend {
 public:
  static Result<std::unique_ptr<Backend>> create(const BackendOptions& options, const Clock& clock);
  // Binds 127.0.0.1 (never another interface) and returns the port.
  Result<int> bind();
  // Serves until stop(); false when the listening socket failed.
  bool run();
  // Callable from any thread once running() is true; in-flight requests finish first.
  void stop();
  bool running() const { return server_->is_running(); }

 private:
  using Request = httplib::Request;
  using Response = httplib::Response;
  using Handler = httplib::Server::Handler;

  Backend(const BackendOptions& options, const Clock& clock, Seed seed,
          std::unique_ptr<BackendStore> store, std::unique_ptr<httplib::Server> server);
  void install_hooks();
  void install_routes();
  Handler v1(Handler inner);
  Handler loopback_only(Handler inner);
  bool admit(const Request& req, Response& res, const FaultSettings& faults) const;

  void handle_batch(const Request& req, Response& res);
  bool answer_batch_fault(const Request& req, Response& res, BatchFault fault,
                          const FaultSettings& faults);
  void store_and_answer(const Request& req, Response& res);
  void handle_status(const Request& req, Response& res);
  void handle_bills(const Request& req, Response& res);
  void serve_file(const Request& req, Response& res, const std::filesystem::path& file);
  void handle_heartbeat(const Request& req, Response& res);
  void handle_auth(const Request& req, Response& res);
  void handle_stats(const Request& req, Response& res);
  void handle_faults(const Request& req, Response& res);
  void handle_heartbeats(const Request& req, Response& res);
  void handle_fleet(const Request& req, Response& res);

  BackendOptions options_;
  const Clock& clock_;
  Seed seed_;
  std::unique_ptr<BackendStore> store_;
  std::unique_ptr<httplib::Server> server_;
  FaultState faults_;
  int port_ = 0;  // once bound

  // Since start (the store holds the durable counts).
  std::atomic<std::int64_t> requests_{0};
  std::atomic<std::int64_t> batch_requests_{0};
  std::atomic<std::int64_t> accepted_{0};
  std::atomic<std::int64_t> duplicates_{0};
  std::atomic<std::int64_t> rejected_{0};
  std::atomic<std::int64_t> dropped_{0};
  std::atomic<std::int64_t> auth_requests_{0};

  std::mutex heartbeats_mutex_;
  std::map<std::string, nlohmann::json> heartbeats_;  // last one per kiosk_id
  std::map<std::string, Clock::WallTime> last_seen_;  // when it came, by our clock
};

}  // namespace kiosk::backend

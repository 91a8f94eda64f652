// Fingerprint authentication off the core thread: one capture through the RD Service,
// then POST /v1/auth with the number and the PID block, both in locked memory from start
// to end. One job at a time; its outcome comes back through a callback (the app posts it
// to the core as a command).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/biometric/auth_client.h"
#include "kiosk/biometric/rd_client.h"
#include "kiosk/core/secret.h"

namespace kiosk::biometric {

class ReaderMonitor;

struct AuthJob {
  std::uint64_t id = 0;
  std::string txn_id;
  Secret uid;  // the full Aadhaar number; zeroed when the job ends
  nlohmann::json consent = nlohmann::json::object();
};

struct AuthOutcome {
  std::uint64_t id = 0;
  bool verified = false;
  std::string auth_ref;     // verified only
  std::string message_key;  // not verified: what the citizen is told (i18n)
  bool retry = false;       // the citizen may simply try again
};

struct AuthWorkerSettings {
  RdClientOptions rd;
  std::string backend_url;
  std::filesystem::path token_file;
  net::HttpOptions http;
  std::string kiosk_id;
};

class AuthWorker {
 public:
  using Done = std::function<void(const AuthOutcome&)>;
  using Stage = std::function<void(std::uint64_t id, std::string_view stage)>;  // "sending"

  // `monitor` (may be null) gives the RD Service found last and hears capture failures.
  AuthWorker(AuthWorkerSettings settings, ReaderMonitor* monitor, Done done, Stage stage = {});
  ~AuthWorker();
  AuthWorker(const AuthWorker&) = delete;
  AuthWorker& operator=(const AuthWorker&) = delete;

  // False, and the job dropped (zeroed), while another job runs.
  bool submit(AuthJob job);
  // A signed bundle changed backend.url or its timeouts: the next job relays there (a job
  // already running finishes where it began).
  void update_backend(std::string backend_url, net::HttpOptions http);

 private:
  void run();
  AuthOutcome perform(AuthJob& job);
  AuthWorkerSettings settings_;
  ReaderMonitor* monitor_;
  Done done_;
  Stage stage_;
  RdClient rd_;
  AuthClient auth_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<AuthJob> job_;
  std::optional<std::pair<std::string, net::HttpOptions>> new_backend_;  // under mutex_
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::biometric

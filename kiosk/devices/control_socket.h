// The running kiosk's local control socket (paths.control_socket, a unix stream socket).
// Protocol: the client sends one JSON object on one line ({"verb": "devices"}), the
// server answers one JSON object on one line and closes. Errors are
// {"error": {"code": "<Errc>", "message": "…"}}. Requests over 64 KiB are refused.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/core/result.h"

namespace kiosk::devices {

class ControlServer {
 public:
  // Runs on the server's own thread, one request at a time; must not block for long.
  using Handler = std::function<nlohmann::json(const nlohmann::json& request)>;

  // Binds (replacing a stale socket file: the caller holds the instance lock) and serves.
  static Result<std::unique_ptr<ControlServer>> start(const std::filesystem::path& path,
                                                      Handler handler);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

 private:
  ControlServer(std::filesystem::path path, int listen_fd, int stop_fd, Handler handler);
  void serve();
  void answer(int client_fd);

  std::filesystem::path path_;
  int listen_fd_;
  int stop_fd_;  // eventfd: wakes serve() to stop
  Handler handler_;
  std::thread thread_;
};

// Sends one request; NotFound when no kiosk listens there, Timeout when it does not answer.
Result<nlohmann::json> control_request(const std::filesystem::path& path,
                                       const nlohmann::json& request,
                                       std::chrono::milliseconds timeout);

}  // namespace kiosk::devices

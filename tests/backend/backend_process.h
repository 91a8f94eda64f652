// A csc-kiosk-backend child process for one test: started with the given options on a free
// port, its "listening on" line parsed, SIGTERM and wait on destruction.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kiosk::testing {

constexpr const char* kKioskToken = "kiosk-token-0042";

class BackendProcess {
 public:
  enum class Token { Kiosk, AnyAccepted };
  // `dir` holds the database (dir/backend.db) and the log (dir/backend.log). The options
  // come after --port 0 --db … and, with Token::Kiosk, --token kKioskToken. Throws
  // std::runtime_error when the backend does not start.
  BackendProcess(const std::filesystem::path& dir, const std::vector<std::string>& options = {},
                 Token token = Token::Kiosk);
  ~BackendProcess();
  BackendProcess(const BackendProcess&) = delete;
  BackendProcess& operator=(const BackendProcess&) = delete;

  int port() const { return port_; }
  // A keep-alive client with the kiosk's bearer token.
  httplib::Client client() const;
  // SIGTERM (or `signal`), then wait: the exit code, or -1 when killed by a signal.
  int stop(int signal = 15);
  // Everything the backend wrote to stderr so far.
  std::string log() const;

  // Control API helpers.
  nlohmann::json stats(bool keys = false) const;
  void set_faults(const nlohmann::json& patch) const;

 private:
  std::filesystem::path log_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Sends raw bytes on a new connection and returns everything read until the server closes
// it (or `timeout_ms` passes): how a test sees "no answer at all".
std::string raw_exchange(int port, const std::string& request, int timeout_ms = 10'000);

// A POST of `body` to `path` as raw HTTP/1.1 with the kiosk's token.
std::string raw_post(const std::string& path, const std::string& body);

}  // namespace kiosk::testing

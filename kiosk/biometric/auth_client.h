// The Aadhaar authentication relay, POST /v1/auth (contract §5): the only request that
// carries a full Aadhaar number, with the PID block exactly as the RD Service returned it.
//
//   [X] the body is built in locked memory (a Secret) and sent from there in place; the
//       number and the block are never in a std::string, a JSON value or a log line
//   [X] curl's own copies are zeroed by its allocator (net/curl_memory.h)
//   [X] the answer (y/n, auth_ref, error code) holds no secret: parsed as usual, fuzzed
//   [X] every "n" code and every failure has the citizen's words (i18n) and an operator's
//       note
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/net/http_client.h"

namespace kiosk::biometric {

struct AuthParts {
  std::string kiosk_id;
  std::string txn_id;
  std::string_view uid;        // a view into a Secret: 12 digits
  std::string_view pid_block;  // a view into a Secret: the PidData as captured
  nlohmann::json consent = nlohmann::json::object();  // version, language, at, purpose
};

// {"kiosk_id":…,"txn_id":…,"uid":…,"pid_data":…,"consent":…} in a Secret. InvalidInput
// when the uid is not 12 digits or the block is empty.
Result<Secret> auth_body(const AuthParts& parts);

struct AuthAnswer {
  bool yes = false;
  std::string auth_ref;    // on "y"
  std::string error_code;  // on "n": UIDAI's code ("300" mismatch, "330" locked …) or the
                           // backend's ("invalid_uid", "empty_pid")
};

// The backend's answer: 200 with {"result":"y"|"n", …}. Anything else is InvalidInput.
Result<AuthAnswer> parse_auth_answer(std::string_view json);

// The i18n key that tells the citizen what an "n" means (fingerprint.auth.*).
std::string_view auth_refusal_key(std::string_view error_code);

class AuthClient {
 public:
  AuthClient(net::HttpOptions options, std::string base_url);
  // One authentication; Unavailable when the backend could not be reached or answered
  // other than 200 (the citizen may try again later).
  Result<AuthAnswer> authenticate(const AuthParts& parts, const std::string& token);

 private:
  net::HttpClient http_;
  std::string base_url_;
};

}  // namespace kiosk::biometric

#include "kiosk/biometric/auth_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "kiosk/core/ascii.h"

namespace kiosk::biometric {
namespace {

constexpr std::size_t kMaxAnswerBytes = 16 * 1024;

// JSON string escaping (RFC 8259 §7) straight into the Secret, one byte at a time: no
// escaped copy is ever made elsewhere.
bool append_json_string(Secret& out, std::string_view text) {
  if (!out.push_back('"')) return false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    bool fits = true;
    if (c == '"' || c == '\\') {
      fits = out.push_back('\\') && out.push_back(c);
    } else if (byte < 0x20) {
      std::array<char, 7> escape{};
      fmt::format_to_n(escape.data(), escape.size(), "\\u{:04x}", byte);
      fits = out.append(std::string_view(escape.data(), 6));
    } else {
      fits = out.push_back(c);
    }
    if (!fits) return false;
  }
  return out.push_back('"');
}

std::size_t escaped_size(std::string_view text) {
  std::size_t size = 2;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    size += (c == '"' || c == '\\') ? 2 : byte < 0x20 ? 6 : 1;
  }
  return size;
}

using ascii::all_digits;

}  // namespace

Result<Secret> auth_body(const AuthParts& parts) {
  if (parts.uid.size() != 12 || !all_digits(parts.uid)) {
    return fail(Errc::InvalidInput, "the Aadhaar number is not 12 digits");
  }
  if (parts.pid_block.empty()) return fail(Errc::InvalidInput, "no PID block to send");
  // The parts that hold no secret are ordinary JSON; only the two secrets are escaped here.
  const std::string head =
      fmt::format(R"({{"kiosk_id":{},"txn_id":{},"uid":)", nlohmann::json(parts.kiosk_id).dump(),
                  nlohmann::json(parts.txn_id).dump());
  const std::string tail = fmt::format(R"(,"consent":{}}})", parts.consent.dump());
  constexpr std::string_view kPid = R"(,"pid_data":)";
  auto body = Secret::with_capacity(head.size() + escaped_size(parts.uid) + kPid.size() +
                                    escaped_size(parts.pid_block) + tail.size());
  if (!body) return body;
  const bool built = body->append(head) && append_json_string(*body, parts.uid) &&
                     body->append(kPid) && append_json_string(*body, parts.pid_block) &&
                     body->append(tail);
  if (!built) return fail(Errc::Internal, "the auth body did not fit its reckoned size");
  return body;
}

Result<AuthAnswer> parse_auth_answer(std::string_view text) {
  if (text.size() > kMaxAnswerBytes) return fail(Errc::InvalidInput, "the auth answer is too long");
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return fail(Errc::InvalidInput, "the auth answer is not a JSON object");
  const auto result = json.find("result");
  if (result == json.end() || !result->is_string() || (*result != "y" && *result != "n")) {
    return fail(Errc::InvalidInput, "the auth answer has no \"result\" of \"y\" or \"n\"");
  }
  AuthAnswer answer;
  answer.yes = *result == "y";
  if (auto ref = json.find("auth_ref"); ref != json.end() && ref->is_string())
    answer.auth_ref = ref->get<std::string>().substr(0, 128);
  if (auto error = json.find("error"); error != json.end() && error->is_object()) {
    if (auto code = error->find("code"); code != error->end() && code->is_string())
      answer.error_code = code->get<std::string>().substr(0, 64);
  }
  if (answer.yes && answer.auth_ref.empty()) {
    return fail(Errc::InvalidInput, "the auth answer says \"y\" without an auth_ref");
  }
  return answer;
}

std::string_view auth_refusal_key(std::string_view code) {
  if (code == "300") return "fingerprint.auth.mismatch";
  if (code == "330") return "fingerprint.auth.locked";
  if (code == "invalid_uid" || code == "998" || code == "997")
    return "fingerprint.auth.invalid_uid";
  return "fingerprint.auth.refused";
}

AuthClient::AuthClient(net::HttpOptions options, std::string base_url)
    : http_(std::move(options)), base_url_(std::move(base_url)) {}

Result<AuthAnswer> AuthClient::authenticate(const AuthParts& parts, const std::string& token) {
  auto body = auth_body(parts);
  if (!body) return std::unexpected(body.error());
  net::HttpRequest request;
  request.method = "POST";
  request.url = base_url_ + "/v1/auth";
  request.headers = {{"Authorization", "Bearer " + token}};
  request.secret_body = &*body;
  auto response = http_.perform(request);
  if (!response) {
    return fail(Errc::Unavailable, fmt::format("auth relay: {}", response.error().message));
  }
  if (response->status != 200) {
    return fail(Errc::Unavailable, fmt::format("auth relay answered HTTP {}", response->status));
  }
  return parse_auth_answer(response->body);
}

}  // namespace kiosk::biometric

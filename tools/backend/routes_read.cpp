// Status, bills, configuration, heartbeat and the authentication relay (contract §2–5).
#include <fmt/format.h>
#include <openssl/crypto.h>

#include "kiosk/core/file.h"
#include "kiosk/qr/aadhaar_number.h"
#include "tools/backend/answers.h"
#include "tools/backend/batch.h"
#include "tools/backend/server.h"

namespace kiosk::backend {
namespace {

using nlohmann::json;

// RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and "*" matches any.
bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  std::size_t start = 0;
  while (start <= if_none_match.size()) {
    std::size_t end = if_none_match.find(',', start);
    if (end == std::string::npos) end = if_none_match.size();
    std::string tag = if_none_match.substr(start, end - start);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (tag.starts_with("W/")) tag.erase(0, 2);
    if (tag == "*" || tag == etag) return true;
    start = end + 1;
  }
  return false;
}

// The relay holds the number and PID block only for this call (contract §5): every copy
// this code made, and the request body httplib read, is overwritten before returning.
struct Wipe {
  std::vector<std::string*> secrets;
  ~Wipe() {
    for (std::string* s : secrets) OPENSSL_cleanse(s->data(), s->size());
  }
};

}  // namespace

void Backend::handle_status(const Request& req, Response& res) {
  const std::string receipt_no = req.matches[1];
  if (const auto seeded = seed_.status(receipt_no)) {
    answer_json(res, 200,
                {{"receipt_no", receipt_no},
                 {"status", seeded->status},
                 {"updated_at", seeded->updated_at},
                 {"note", seeded->note}});
    return;
  }
  auto stored = store_->find_receipt(receipt_no);
  if (!stored) {
    answer_error(res, 503, "storage_unavailable", "the backend could not read its store");
    return;
  }
  if (!*stored) {
    answer_error(res, 404, "not_found", "no application with this receipt number");
    return;
  }
  answer_json(res, 200,
              {{"receipt_no", receipt_no},
               {"status", "received"},
               {"updated_at", (*stored)->received_at},
               {"note", ""}});
}

void Backend::handle_bills(const Request& req, Response& res) {
  if (!req.has_param("biller_id") || !req.has_param("consumer_no")) {
    answer_error(res, 400, "bad_request", "biller_id and consumer_no are required");
    return;
  }
  const auto bill =
      seed_.bill(req.get_param_value("biller_id"), req.get_param_value("consumer_no"));
  if (!bill) {
    answer_error(res, 404, "not_found", "unknown consumer");
    return;
  }
  answer_json(res, 200, *bill);
}

// Read on every request, so a test can replace the file without restarting the backend.
void Backend::serve_file(const Request& req, Response& res, const std::filesystem::path& file) {
  auto bytes = file.empty() ? Result<std::string>(fail(Errc::NotFound, "none configured"))
                            : read_text_file(file);
  if (!bytes) {
    answer_error(res, 404, "not_found", "no configuration is published");
    return;
  }
  // A strong validator: it changes whenever a single byte does.
  const std::string etag = fmt::format("\"{}\"", sha256_hex(*bytes).substr(0, 32));
  res.set_header("ETag", etag);
  if (req.has_header("If-None-Match") &&
      etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(std::move(*bytes), "application/octet-stream");
}

void Backend::handle_heartbeat(const Request& req, Response& res) {
  json beat = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (beat.is_discarded() || !beat.is_object() || !beat.contains("kiosk_id") ||
      !beat["kiosk_id"].is_string()) {
    answer_error(res, 400, "bad_request", "a heartbeat is a JSON object with kiosk_id");
    return;
  }
  const std::string kiosk_id = beat["kiosk_id"];
  {
    std::lock_guard lock(heartbeats_mutex_);
    heartbeats_[kiosk_id] = std::move(beat);
    last_seen_[kiosk_id] = clock_.wall_now();
  }
  res.status = 204;
}

void Backend::handle_auth(const Request& req, Response& res) {
  ++auth_requests_;
  json doc = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  // Declared after `doc`, so it runs before `doc` is destroyed.
  Wipe wipe;
  wipe.secrets.push_back(const_cast<std::string*>(&req.body));  // httplib's own copy
  const bool shaped = !doc.is_discarded() && doc.is_object();
  for (const char* field : {"kiosk_id", "txn_id", "uid", "pid_data"}) {
    if (!shaped || !doc.contains(field) || !doc[field].is_string()) {
      answer_error(res, 400, "bad_request", fmt::format("{} is required", field));
      return;
    }
  }
  std::string& uid = doc["uid"].get_ref<std::string&>();
  std::string& pid = doc["pid_data"].get_ref<std::string&>();
  wipe.secrets.push_back(&uid);
  wipe.secrets.push_back(&pid);
  if (!qr::aadhaar_number_valid(uid)) {
    answer_json(res, 200, {{"result", "n"}, {"error", {{"code", "invalid_uid"}}}});
    return;
  }
  if (pid.empty()) {
    answer_json(res, 200, {{"result", "n"}, {"error", {{"code", "empty_pid"}}}});
    return;
  }
  if (!options_.auth_refuse_ending.empty() && uid.ends_with(options_.auth_refuse_ending)) {
    answer_json(res, 200, {{"result", "n"}, {"error", {{"code", options_.auth_refuse_code}}}});
    return;
  }
  // A demo reference: it says nothing about the number it authenticated.
  const auto ref = fmt::format("DEMO-AUTH-{:08}", static_cast<long long>(auth_requests_));
  answer_json(res, 200, {{"result", "y"}, {"auth_ref", ref}});
}

}  // namespace kiosk::backend

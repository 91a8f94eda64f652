#include "tools/backend/answers.h"

#include <string>

namespace kiosk::backend {
namespace {

thread_local std::size_t t_items = 0;
thread_local std::string t_outcome;

}  // namespace

void answer_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void answer_error(httplib::Response& res, int status, std::string_view code,
                  std::string_view message) {
  answer_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

void set_retry_after(httplib::Response& res, int seconds) {
  if (seconds >= 0) res.set_header("Retry-After", std::to_string(seconds));
}

void note_items(std::size_t items) {
  t_items = items;
}
void note_outcome(std::string_view note) {
  t_outcome = note;
}
std::size_t noted_items() {
  return t_items;
}
std::string_view noted_outcome() {
  return t_outcome;
}
void clear_notes() {
  t_items = 0;
  t_outcome.clear();
}

bool is_loopback(const httplib::Request& req) {
  return req.remote_addr.starts_with("127.") || req.remote_addr == "::1" ||
         req.remote_addr == "::ffff:127.0.0.1";
}

}  // namespace kiosk::backend

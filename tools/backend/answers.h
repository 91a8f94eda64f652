// Small helpers every route uses: JSON answers, the error shape, and the per-request facts
// the access log line shows (kept per thread: httplib runs a request, its handler and its
// log call on one pool thread).
#pragma once

#include <httplib.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace kiosk::backend {

void answer_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"error": {"code": …, "message": …}}
void answer_error(httplib::Response& res, int status, std::string_view code,
                  std::string_view message);
// Retry-After in seconds (RFC 9110 §10.2.3); negative leaves it out.
void set_retry_after(httplib::Response& res, int seconds);

// For the access log: how many items a batch held, and a note such as "dropped".
void note_items(std::size_t items);
void note_outcome(std::string_view note);
std::size_t noted_items();
std::string_view noted_outcome();
void clear_notes();

// 127.0.0.1/8 or ::1 (the control API and the auth relay answer nobody else).
bool is_loopback(const httplib::Request& req);

}  // namespace kiosk::backend

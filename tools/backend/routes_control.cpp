// The control API for tests (loopback only): fault switches, counters, heartbeats.
#include "kiosk/core/log.h"
#include "tools/backend/answers.h"
#include "tools/backend/server.h"

namespace kiosk::backend {

using nlohmann::json;

void Backend::handle_stats(const Request& req, Response& res) {
  auto counts = store_->counts();
  if (!counts) {
    answer_error(res, 503, "storage_unavailable", counts.error().message);
    return;
  }
  json out = {{"stored", counts->stored},     {"test_stored", counts->test_stored},
              {"accepted", accepted_.load()}, {"duplicates", duplicates_.load()},
              {"rejected", rejected_.load()}, {"dropped", dropped_.load()},
              {"requests", requests_.load()}, {"batch_requests", batch_requests_.load()}};
  if (req.get_param_value("keys") == "1") {
    auto keys = store_->keys();
    if (!keys) {
      answer_error(res, 503, "storage_unavailable", keys.error().message);
      return;
    }
    out["keys"] = std::move(*keys);
  }
  answer_json(res, 200, out);
}

void Backend::handle_faults(const Request& req, Response& res) {
  if (req.method == "POST") {
    const json patch = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (patch.is_discarded()) {
      answer_error(res, 400, "bad_request", "faults must be a JSON object");
      return;
    }
    if (auto updated = faults_.update(patch); !updated) {
      answer_error(res, 400, "bad_request", updated.error().message);
      return;
    }
    log::info("backend", "faults now {}", to_json(faults_.settings()).dump());
  }
  answer_json(res, 200, to_json(faults_.settings()));
}

void Backend::handle_heartbeats(const Request&, Response& res) {
  json out = json::object();
  {
    std::lock_guard lock(heartbeats_mutex_);
    for (const auto& [kiosk_id, beat] : heartbeats_) out[kiosk_id] = beat;
  }
  answer_json(res, 200, out);
}

}  // namespace kiosk::backend

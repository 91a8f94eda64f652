#include "kiosk/ctl/capture_test.h"

#include <fmt/format.h>

namespace kiosk::ctl {

using nlohmann::json;

namespace {

json service_json(const biometric::RdEndpoint& e) {
  return {{"port", e.port},
          {"https", e.https},
          {"status", biometric::to_string(e.service.status)},
          {"info", e.service.info}};
}

json failure_json(const biometric::RdFailure& f) {
  return {{"code", f.meaning.code < 0 ? json(nullptr) : json(f.meaning.code)},
          {"name", f.meaning.name},
          {"detail", f.detail},
          {"citizen_text", f.meaning.citizen_key},
          {"action", f.meaning.operator_action}};
}

json optional_number(const std::optional<int>& n) {
  return n ? json(*n) : json(nullptr);
}

}  // namespace

CaptureTestReport capture_test(biometric::RdClient& client) {
  auto endpoint = client.discover();
  if (!endpoint) {
    return {{{"ok", false}, {"rd", nullptr}, {"error", failure_json(endpoint.error())}},
            ExitCode::DeviceUnavailable};
  }
  json report{{"rd", service_json(*endpoint)}};
  if (auto device = client.device_info(*endpoint)) {
    report["rd"]["provider"] = device->info.provider;
    report["rd"]["model"] = device->info.model;
    report["rd"]["serial"] = device->info.serial;
  }
  auto capture = client.capture(*endpoint);
  if (!capture) {
    report["ok"] = false;
    report["error"] = failure_json(capture.error());
    const bool unreachable = capture.error().meaning.name == "no-rd-service";
    return {std::move(report), unreachable ? ExitCode::DeviceUnavailable : ExitCode::Failed};
  }
  report["ok"] = true;
  report["error_code"] = capture->summary.error_code;
  report["quality"] = optional_number(capture->summary.quality);
  report["minutiae"] = optional_number(capture->summary.minutiae);
  report["pid_bytes"] = capture->pid_block.size();  // its size only; the block is zeroed
  return {std::move(report), ExitCode::Ok};
}

std::string capture_test_text(const json& r) {
  std::string out;
  if (r["rd"].is_object()) {
    out += fmt::format("RD Service on port {} ({}): {}\n", r["rd"]["port"].get<int>(),
                       r["rd"]["https"].get<bool>() ? "https" : "http",
                       r["rd"]["status"].get<std::string>());
  }
  if (r["ok"].get<bool>()) {
    out += fmt::format("capture ok: errCode 0, quality {}, minutiae {}, {} bytes of PID block\n",
                       r["quality"].dump(), r["minutiae"].dump(), r["pid_bytes"].dump());
  } else {
    const auto& e = r["error"];
    const std::string code = e["code"].is_null() ? "" : " (errCode " + e["code"].dump() + ")";
    out += fmt::format("capture failed: {}{}\n  {}\n  action: {}\n", e["name"].get<std::string>(),
                       code, e["detail"].get<std::string>(), e["action"].get<std::string>());
  }
  return out;
}

}  // namespace kiosk::ctl

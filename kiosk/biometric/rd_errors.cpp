#include "kiosk/biometric/rd_errors.h"

#include <array>

namespace kiosk::biometric {
namespace {

constexpr std::string_view kSetupKey = "fingerprint.error.setup";
constexpr std::string_view kSetupAction =
    "The kiosk's PidOptions were refused: check uidai.pid_options in the configuration";

using R = RdRecovery;
constexpr std::array<RdErrorMeaning, 25> kTable{{
    {100, "pid-options-xml", kSetupKey, kSetupAction, R::Operator},
    {110, "pid-options-ftype", kSetupKey, "Set uidai.pid_options.finger_type to 0, 1 or 2",
     R::Operator},
    {120, "pid-options-fcount", kSetupKey, "Set uidai.pid_options.finger_count to 1-10",
     R::Operator},
    {130, "pid-options-itype", kSetupKey, kSetupAction, R::Operator},
    {140, "pid-options-icount", kSetupKey, kSetupAction, R::Operator},
    {150, "pid-options-pidver", kSetupKey, "Set uidai.pid_options.pid_version to 2.0", R::Operator},
    {160, "pid-options-timeout", kSetupKey, "Set uidai.pid_options.timeout_ms (1000-60000)",
     R::Operator},
    {170, "pid-options-posh", kSetupKey, kSetupAction, R::Operator},
    {180, "face-unsupported", kSetupKey, kSetupAction, R::Operator},
    {190, "pid-options-format", kSetupKey, "Set uidai.pid_options.format to 0 (XML)", R::Operator},
    {200, "demo-structure", kSetupKey, kSetupAction, R::Operator},
    {210, "protobuf-unsupported", kSetupKey, "Set uidai.pid_options.format to 0 (XML)",
     R::Operator},
    {700, "timeout", "fingerprint.error.timeout", "None: the citizen may try again",
     R::RetryCapture},
    {710, "device-busy", "fingerprint.error.busy",
     "Close the other program that is using the fingerprint reader", R::Operator},
    {720, "device-not-ready", "fingerprint.error.not_ready",
     "The kiosk resets the reader once; if it stays not ready, unplug it and plug it in again",
     R::ResetReader},
    {730, "capture-failed", "fingerprint.error.poor_read", "None: the citizen may try again",
     R::RetryCapture},
    {740, "needs-reinit", "fingerprint.error.not_ready",
     "The kiosk resets the reader once; if that fails, restart the RD Service", R::ResetReader},
    {750, "no-fingerprint-support", kSetupKey,
     "This RD Service cannot capture fingerprints: install the reader vendor's RD Service",
     R::Operator},
    {760, "no-iris-support", kSetupKey, "Configure a fingerprint capture, not iris", R::Operator},
    {770, "invalid-url", "fingerprint.error.service",
     "The RD Service rejected its own interface path: update or reinstall the RD Service",
     R::Operator},
    {780, "app-update", "fingerprint.error.service",
     "Update the RD Service to the vendor's current version", R::Operator},
    {790, "not-registered", "fingerprint.error.service",
     "The reader is not registered with UIDAI: register it through the vendor", R::Operator},
    {800, "device-check", "fingerprint.error.service",
     "The RD Service failed its integrity check: reinstall it", R::Operator},
    {810, "device-check", "fingerprint.error.service",
     "The RD Service failed its integrity check: reinstall it", R::Operator},
    {999, "internal", "fingerprint.error.service", "Restart the RD Service (or the kiosk)",
     R::Operator},
}};

}  // namespace

std::span<const RdErrorMeaning> rd_error_table() {
  return kTable;
}

RdErrorMeaning explain_rd_error(int code) {
  for (const auto& meaning : kTable) {
    if (meaning.code == code) return meaning;
  }
  if (code >= 100 && code < 300) {
    return {code, "pid-options", kSetupKey, kSetupAction, R::Operator};
  }
  if (code >= 700 && code < 900) {
    return {code, "device", "fingerprint.error.service",
            "Unplug the fingerprint reader, plug it in again, and restart the RD Service",
            R::Operator};
  }
  return {code, "rd-service", "fingerprint.error.service",
          "Restart the RD Service; if it persists, reinstall it", R::Operator};
}

RdErrorMeaning no_rd_service() {
  return {-1, "no-rd-service", "fingerprint.error.service",
          "Start the fingerprint reader's RD Service (it must answer on 127.0.0.1, on a port "
          "in uidai.rd_ports)",
          R::Operator};
}

RdErrorMeaning capture_incomplete() {
  return {-2, "capture-incomplete", "fingerprint.error.poor_read",
          "The RD Service reported success without the encrypted blocks: update it if this "
          "repeats",
          R::RetryCapture};
}

RdErrorMeaning rd_garbled_answer() {
  return {-3, "garbled-answer", "fingerprint.error.service",
          "The RD Service answered something that is not RD XML: restart or reinstall it",
          R::Operator};
}

}  // namespace kiosk::biometric

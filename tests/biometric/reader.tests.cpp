// The reader's pure parts: the device certificate's expiry, the error table, and the
// health machine that merges USB presence with the RD Service's word.
#include <catch2/catch.hpp>
#include <set>

#include "kiosk/biometric/rd_certificate.h"
#include "kiosk/biometric/rd_errors.h"
#include "kiosk/biometric/reader_health.h"
#include "kiosk/biometric/reader_monitor.h"
#include "kiosk/i18n/strings.h"
#include "tests/support/paths.h"

using namespace kiosk::biometric;
namespace model = drivers::model;

namespace {

// A self-signed EC certificate made with openssl req -x509 -days 1000 for this fixture;
// `openssl x509 -enddate` says notAfter=Sep  2 14:26:52 2029 GMT.
constexpr std::string_view kDeviceCertificate =
    "MIIBizCCATGgAwIBAgIUVr6xwOA7FpQ/"
    "ooYz+"
    "OdsSMxg3iAwCgYIKoZIzj0EAwIwGzEZMBcGA1UEAwwQU0lNVUxBVEVELU1GUzEwMDAeFw0yNjEyMDcxNDI2NTJaFw0yOTA"
    "5MDIxNDI2NTJaMBsxGTAXBgNVBAMMEFNJTVVMQVRFRC1NRlMxMDAwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQSo641A"
    "oQTwnnrjjEwWIANmK2GtFP7D+"
    "aCb9FmTlLT7BXf5f4xi0kdYqCCh9VcIxIfFSJFauZlhGPvbFcYcbjAo1MwUTAdBgNVHQ4EFgQUKB0mon0QO80KR7BeG1ID"
    "rZGQmBMwHwYDVR0jBBgwFoAUKB0mon0QO80KR7BeG1IDrZGQmBMwDwYDVR0TAQH/BAUwAwEB/"
    "zAKBggqhkjOPQQDAgNIADBFAiB/"
    "HPX13DxNqYPHz5RGHjHYnL7RqNiqkunPYK3LR6kQzAIhANiif7BZOhbr5xWiLRdhm1vPo92OBmEQJT4LEIxryHN2";

std::chrono::system_clock::time_point utc(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / m / d);
}

}  // namespace

TEST_CASE("The device certificate's expiry is read from DeviceInfo's mc",
          "[biometric][certificate]") {
  const auto expiry = certificate_expiry(kDeviceCertificate);
  REQUIRE(expiry);
  CHECK(std::chrono::floor<std::chrono::days>(*expiry) == utc(2029, 9, 2));
  // Vendors wrap the base64 in lines.
  std::string wrapped(kDeviceCertificate);
  wrapped.insert(64, "\r\n");
  CHECK(certificate_expiry(wrapped));
}

TEST_CASE("Anything that is not a base64 DER certificate is refused", "[biometric][certificate]") {
  CHECK_FALSE(certificate_expiry(""));
  CHECK_FALSE(certificate_expiry("not base64 at all!"));
  CHECK_FALSE(certificate_expiry("TUlJQg=="));                         // base64 of "MIIB", not DER
  CHECK_FALSE(certificate_expiry(kDeviceCertificate.substr(0, 200)));  // cut short
}

TEST_CASE("The RD facts count the certificate's days left and say READY or none",
          "[biometric][certificate]") {
  DeviceFacts device;
  device.info.provider = "MANTRA.MSIPL";
  device.info.model = "MFS100";
  device.certificate_expiry = utc(2027, 1, 6);
  RdEndpoint endpoint{.port = 11100, .https = false, .service = {}};
  endpoint.service.status = RdStatus::Ready;
  const auto facts = rd_facts(endpoint, device, utc(2026, 12, 7));
  CHECK(facts.status == "READY");
  CHECK(facts.port == 11100);
  CHECK(facts.certificate_expiry == "2027-01-06");
  CHECK(facts.certificate_days_left == 30);
  CHECK(rd_facts(std::nullopt, std::nullopt, utc(2026, 12, 7)).status == "none");
}

TEST_CASE("Every RD error code has words for the citizen in both languages and an action",
          "[biometric][errors][i18n]") {
  const std::vector<std::string> languages{"hi", "en"};
  const auto strings = kiosk::i18n::Strings::load(kiosk::testing::assets_dir() / "i18n", languages);
  REQUIRE(strings);
  const auto en = strings->keys("en"), hi = strings->keys("hi");
  std::set<int> codes;
  auto check = [&](const RdErrorMeaning& m) {
    INFO("code " << m.code);
    CHECK(en.count(std::string(m.citizen_key)) == 1);
    CHECK(hi.count(std::string(m.citizen_key)) == 1);
    CHECK_FALSE(m.operator_action.empty());
    CHECK_FALSE(m.name.empty());
  };
  for (const auto& m : rd_error_table()) {
    check(m);
    codes.insert(m.code);
  }
  for (int code : {100, 110, 120, 150, 210, 700, 710, 720, 730, 740, 750, 770, 999}) {
    CHECK(codes.count(code) == 1);
  }
  for (const auto& m : {no_rd_service(), capture_incomplete(), rd_garbled_answer(),
                        explain_rd_error(123), explain_rd_error(888), explain_rd_error(5)})
    check(m);
}

TEST_CASE("The citizen may retry a timeout or a poor read, and 720/740 reset the reader",
          "[biometric][errors]") {
  CHECK(explain_rd_error(700).recovery == RdRecovery::RetryCapture);
  CHECK(explain_rd_error(730).recovery == RdRecovery::RetryCapture);
  CHECK(explain_rd_error(720).recovery == RdRecovery::ResetReader);
  CHECK(explain_rd_error(740).recovery == RdRecovery::ResetReader);
  CHECK(explain_rd_error(710).recovery == RdRecovery::Operator);
  CHECK(explain_rd_error(710).citizen_key == "fingerprint.error.busy");
  CHECK(explain_rd_error(123).code == 123);
}

namespace {

model::DeviceState usb_state(model::Status status) {
  model::DeviceState s;
  s.name = "fingerprint";
  s.kind = model::DeviceKind::Fingerprint;
  s.mode = model::Mode::Watch;
  s.status = status;
  s.matched_by = "2c0f:1005";
  return s;
}

}  // namespace

TEST_CASE("A reader off USB is no-device whatever its RD Service says", "[biometric][health]") {
  ReaderHealth health(true);
  health.usb_changed(false);
  CHECK(health.observe(RdStatus::Ready) == ReaderDecision::None);
  const auto merged = health.merge(usb_state(model::Status::NoDevice));
  CHECK(merged.status == model::Status::NoDevice);
  CHECK(merged.action == model::Action::Reconnect);
  health.usb_changed(true);
  health.observe(RdStatus::Ready);
  CHECK(health.merge(usb_state(model::Status::Online)).status == model::Status::Online);
}

TEST_CASE("USED is busy, and no RD Service is offline with a maintenance action",
          "[biometric][health]") {
  ReaderHealth health(true);
  health.usb_changed(true);
  health.observe(RdStatus::Used);
  auto merged = health.merge(usb_state(model::Status::Online));
  CHECK(merged.status == model::Status::Busy);
  CHECK(merged.fault == model::Fault::Busy);
  health.observe(std::nullopt);
  merged = health.merge(usb_state(model::Status::Online));
  CHECK(merged.status == model::Status::Offline);
  CHECK(merged.action == model::Action::Maintenance);
}

TEST_CASE("NOTREADY resets the reader once, and READY after it ends the incident",
          "[biometric][health][reset]") {
  ReaderHealth health(true);
  health.usb_changed(true);
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::ResetUsb);
  CHECK(health.phase() == ReaderPhase::Resetting);
  // The reset's own re-enumeration is not a replug: it does not open a new incident.
  health.usb_changed(false);
  health.usb_changed(true);
  CHECK(health.reset_finished(true) == ReaderDecision::None);
  CHECK(health.observe(RdStatus::Ready) == ReaderDecision::None);
  CHECK(health.phase() == ReaderPhase::Ready);
  // A later NOTREADY is a new incident, with its own reset.
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::ResetUsb);
  CHECK(health.resets() == 2);
}

TEST_CASE("A second NOTREADY in the same incident raises an alert, not another reset",
          "[biometric][health][reset]") {
  ReaderHealth health(true);
  health.usb_changed(true);
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::ResetUsb);
  CHECK(health.reset_finished(true) == ReaderDecision::None);
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::RaiseAlert);
  for (int i = 0; i < 5; ++i) CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::None);
  CHECK(health.capture_failed(720) == ReaderDecision::None);
  CHECK(health.resets() == 1);
  const auto merged = health.merge(usb_state(model::Status::Online));
  CHECK(merged.status == model::Status::HardwareError);
  CHECK(merged.action == model::Action::Reconnect);
  // Unplugging and replugging is the operator's fix: a fresh incident may reset again.
  health.usb_changed(false);
  health.usb_changed(true);
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::ResetUsb);
}

TEST_CASE("A failed reset raises the alert at once", "[biometric][health][reset]") {
  ReaderHealth health(true);
  health.usb_changed(true);
  CHECK(health.capture_failed(740) == ReaderDecision::ResetUsb);
  CHECK(health.reset_finished(false) == ReaderDecision::RaiseAlert);
  CHECK(health.phase() == ReaderPhase::Failed);
}

TEST_CASE("Capture errors other than 720 and 740 leave the reader alone", "[biometric][health]") {
  ReaderHealth health(true);
  health.usb_changed(true);
  health.observe(RdStatus::Ready);
  for (int code : {700, 710, 730, 100, 999})
    CHECK(health.capture_failed(code) == ReaderDecision::None);
  CHECK(health.phase() == ReaderPhase::Ready);
}

TEST_CASE("Without a USB match, NOTREADY goes straight to the operator", "[biometric][health]") {
  ReaderHealth health(false);
  health.usb_changed(true);
  CHECK(health.observe(RdStatus::NotReady) == ReaderDecision::RaiseAlert);
  CHECK(health.resets() == 0);
}

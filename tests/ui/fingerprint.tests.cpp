// The review's fingerprint authentication in the headless harness, with a fake
// authenticator standing in for the RD Service and the relay (the real ones are tested in
// tests/backend/auth_relay and tests/usb/fingerprint, and on the real binary in
// tests/smoke/fingerprint_privacy).
#include <catch2/catch.hpp>

#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::testing::UiHarness;

namespace {

// Remembers the requests; the test answers them as the worker would.
struct FakeAuthenticator final : Authenticator {
  std::vector<std::uint64_t> jobs;
  std::vector<std::string> numbers;  // what reached it, to prove the whole number did
  bool authenticate(FingerprintRequest request) override {
    jobs.push_back(request.job);
    numbers.emplace_back(request.uid.view());
    return true;
  }
};

DeviceView reader(drivers::model::Status status) {
  return {"fingerprint", drivers::model::DeviceKind::Fingerprint, status,
          drivers::model::Action::None, false};
}

void to_review(UiHarness& h) {
  h.tap("welcome.language.en");
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  h.tap("consent.accept");
  for (auto [field, value] : {std::pair{"name", "Sita Devi"},
                              {"father_or_husband_name", "Ram"},
                              {"mobile", "9876543210"},
                              {"annual_income", "120000"},
                              {"purpose", "education"},
                              {"pincode", "492001"}})
    h.core().post(SetField{field, value});
  const std::string body = "23456789012";
  for (char c : body + qr::verhoeff_check_digit(body)) h.core().post(TypeSecret{"aadhaar", c});
  h.frame();
  h.tap("details.continue");
  REQUIRE(h.snapshot().screen == Screen::Review);
}

}  // namespace

TEST_CASE("The review offers a fingerprint only with a reader online and an authenticator",
          "[ui][fingerprint][review]") {
  FakeAuthenticator fake;
  UiHarness h;
  h.core().post(DevicesChanged{{reader(drivers::model::Status::Offline)}});
  h.core().set_authenticator(&fake);
  to_review(h);
  CHECK_FALSE(h.has("review.fingerprint"));
  h.core().post(DevicesChanged{{reader(drivers::model::Status::Online)}});
  h.frames(2);
  CHECK(h.has("review.fingerprint"));
  h.core().set_authenticator(nullptr);
}

TEST_CASE("A fingerprint that matches verifies the number and the transaction keeps the reference",
          "[ui][fingerprint][review]") {
  FakeAuthenticator fake;
  UiHarness h;
  h.core().set_authenticator(&fake);
  h.core().post(DevicesChanged{{reader(drivers::model::Status::Online)}});
  to_review(h);
  h.tap("review.fingerprint");
  REQUIRE(fake.jobs.size() == 1);
  CHECK(fake.numbers.front() == "234567890124");  // the authenticator gets the whole number
  CHECK(h.snapshot().fingerprint->state == FingerprintView::State::Capturing);
  CHECK(h.has("review.fingerprint.state"));
  CHECK_FALSE(h.has("review.fingerprint"));  // one attempt at a time
  h.core().post(FingerprintSending{fake.jobs.front()});
  h.frames(2);
  CHECK(h.snapshot().fingerprint->state == FingerprintView::State::Sending);
  h.core().post(FingerprintDone{fake.jobs.front(), true, "DEMO-AUTH-00000001", "", false});
  h.frames(2);
  CHECK(h.snapshot().fingerprint->state == FingerprintView::State::Verified);
  CHECK_FALSE(h.has("review.fingerprint"));
  // Nothing of the number is in the snapshot but its mask.
  CHECK(h.snapshot().fields.at("aadhaar") == "XXXX XXXX 0124");
  h.core().set_authenticator(nullptr);
}

TEST_CASE("A mismatch says why and may be retried, up to three attempts",
          "[ui][fingerprint][review]") {
  FakeAuthenticator fake;
  UiHarness h;
  h.core().set_authenticator(&fake);
  h.core().post(DevicesChanged{{reader(drivers::model::Status::Online)}});
  to_review(h);
  for (int attempt = 1; attempt <= kFingerprintAttempts; ++attempt) {
    REQUIRE(h.has("review.fingerprint"));
    h.tap("review.fingerprint");
    REQUIRE(fake.jobs.size() == static_cast<std::size_t>(attempt));
    h.core().post(FingerprintDone{fake.jobs.back(), false, "", "fingerprint.auth.mismatch", true});
    h.frames(2);
    CHECK(h.snapshot().fingerprint->state == FingerprintView::State::Failed);
    CHECK(h.snapshot().fingerprint->attempts == attempt);
  }
  CHECK_FALSE(h.snapshot().fingerprint->may_retry);
  CHECK_FALSE(h.has("review.fingerprint"));  // the operator helps from here
  h.core().post(VerifyFingerprint{});        // and the core refuses a fourth, whoever asks
  h.frames(2);
  CHECK(fake.jobs.size() == static_cast<std::size_t>(kFingerprintAttempts));
  h.core().set_authenticator(nullptr);
}

TEST_CASE("An answer that comes after the session was wiped is ignored",
          "[ui][fingerprint][review]") {
  FakeAuthenticator fake;
  UiHarness h;
  h.core().set_authenticator(&fake);
  h.core().post(DevicesChanged{{reader(drivers::model::Status::Online)}});
  to_review(h);
  h.tap("review.fingerprint");
  h.tap("nav.start_over");
  h.core().post(FingerprintDone{fake.jobs.front(), true, "DEMO-AUTH-00000009", "", false});
  h.frames(2);
  CHECK_FALSE(h.snapshot().fingerprint);
  CHECK(h.snapshot().screen == Screen::Welcome);
  h.core().set_authenticator(nullptr);
}

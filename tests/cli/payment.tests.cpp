// `kioskctl payment` and `kioskctl audit list` against the running csc-kiosk: intents made
// before it started (a citizen who paid and left, one who never paid) are listed, settled
// late as a failed transaction with a receipt, or rejected; each is audited with our uid;
// the day-end report counts the late one as failed after payment.
#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/control/client.h"
#include "kiosk/core/clock.h"
#include "kiosk/store/outbox.h"
#include "tests/support/eventually.h"
#include "tests/support/kiosk_dir.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/running_kiosk.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct Kiosk : KioskDir {
  explicit Kiosk(const std::string& name) : KioskDir(name) {}
  json ok(const std::string& args) const {
    const auto r = ctl("--json " + args);
    INFO(args << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output.substr(r.output.find('{')));
  }
  int code(const std::string& args) const { return ctl(args).exit_code; }
  // An intent as the journey leaves it: made, then expired (the citizen walked away).
  std::string intent(bool expire) const {
    kiosk::SystemClock clock;
    auto outbox = kiosk::store::Outbox::open(
        {dir / "state" / "kiosk.db", dir / "state" / "outbox.key", ""}, clock);
    REQUIRE(outbox);
    auto made = outbox->intake().insert_intent("cg.edistrict.income_certificate", 3000, 2000);
    REQUIRE(made);
    if (expire)
      REQUIRE(outbox->intake().set_intent_state(made->txn_id, kiosk::store::IntentState::Expired));
    return made->txn_id;
  }
};

}  // namespace

TEST_CASE(
    "kioskctl payment lists intents, settles a late one as failed with a receipt and rejects one",
    "[cli][operator][payment][xvfb]") {
  Kiosk kiosk("ctl-payment-running");
  const auto left = kiosk.intent(true);
  const auto unpaid = kiosk.intent(false);
  RunningKiosk running(kiosk.dir / "config.json");
  REQUIRE(eventually(
      [&] {
        return kiosk::control::request(kiosk.dir / "state" / "ctl.sock", {{"verb", "health"}}, 2s)
            .has_value();
      },
      20s));
  INFO(running.log());
  const json listed = kiosk.ok("payment list");
  REQUIRE(listed["intents"].size() == 2);
  CHECK(listed["intents"][0]["on_screen"] == false);

  CHECK(kiosk.code("payment confirm " + left) == 1);                   // neither --utr nor --cash
  CHECK(kiosk.code("payment confirm " + left + " --utr 12345") == 1);  // not 12 digits
  const json late = kiosk.ok("payment confirm " + left + " --utr 432187654321");
  CHECK(late["outcome"] == "failed");
  CHECK(late["failure_reason"] == "paid, citizen left");
  const std::string receipt = late["receipt_no"];
  CHECK_FALSE(receipt.empty());
  CHECK(kiosk.code("payment confirm " + left + " --cash") == 1);  // already confirmed

  const json rejected = kiosk.ok("payment reject " + unpaid + " --reason 'no money arrived'");
  CHECK(rejected["outcome"] == "rejected");

  // The failed transaction is in the outbox with the UTR, and its receipt was asked for.
  const json shown = kiosk.ok("queue show " + receipt);
  INFO(shown.dump());
  CHECK(shown.dump().find("paid, citizen left") != std::string::npos);
  CHECK(shown.dump().find("432187654321") != std::string::npos);

  const json audit = kiosk.ok("audit list")["audit"];
  std::vector<std::string> actions;
  for (const auto& row : audit) {
    actions.push_back(row["action"]);
    CHECK(row["actor"] == "uid:" + std::to_string(::getuid()));
  }
  // kioskctl and the verb's parser refuse the first two before the kiosk acts: not audited.
  CHECK(std::ranges::count(actions, "payment.confirm") == 2);  // settled, then "already"
  CHECK(std::ranges::count(actions, "payment.reject") == 1);
}

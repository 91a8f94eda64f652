// Operator mode through the real screens, the real core and the real desk: the PIN hashed
// by the desk's thread into a real operator.db, pages read from a real outbox, and every
// screen drawn in Hindi and in English.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <future>

#include "kiosk/control/request.h"
#include "kiosk/core/file.h"
#include "kiosk/operator/desk.h"
#include "kiosk/operator/operator_store.h"
#include "kiosk/operator/payment_verbs.h"
#include "kiosk/receipt/receipt.h"
#include "kiosk/store/outbox.h"
#include "tests/support/eventually.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;
using kiosk::testing::UiHarness;
using nlohmann::json;

namespace {

constexpr std::string_view kPin = "246813";

// A real outbox, a real operator.db (a PIN set unless told not to), a desk on them whose
// device tests and restart are recorded, and the harness.
struct OperatorRig {
  explicit OperatorRig(const std::string& name, bool with_pin = true,
                       std::vector<std::string> languages = {"hi", "en"})
      : store(name, "DEMO-0001"),
        dir(testing::scratch_dir(name + "-op")),
        shared(open_store(dir)),
        h({.display = ImVec2(1366, 768),
           .languages = std::move(languages),
           .demo = false,
           .transactions = store.sink.get()}) {
    if (with_pin) {
      auto pin = Secret::copy_of(kPin);
      REQUIRE(shared.store.set_pin(*pin, h.clock().wall_now(), "uid:0"));
    }
    op::DeskSources s;
    s.store = &shared;
    s.outbox = store.options;
    s.alerts = [] {
      return std::vector<alerts::Alert>{
          {{"disk.low", alerts::Severity::Warning, "only 150 MiB free", "free disk space", 0},
           std::nullopt}};
    };
    s.recent_log = [] { return std::vector<std::string>{"10:00:00 [info] core: started"}; };
    s.test_print = [this](const std::string& printer) -> op::DeviceAnswer {
      printed.push_back(printer);
      return std::string("done");
    };
    s.log_dir = dir / "log";
    s.restart = [this] { ++restarts; };
    desk = std::make_unique<op::Desk>(std::move(s), h.clock(), h.core());
    h.core().set_operator_desk(desk.get());
  }
  ~OperatorRig() { h.core().set_operator_desk(nullptr); }

  static op::OperatorStore open_store(const std::filesystem::path& dir) {
    auto s = op::OperatorStore::open(dir / "operator.db", op::PinCost::minimum());
    REQUIRE(s);
    return std::move(*s);
  }

  // Frames until `done` holds
  // (the desk answers from its own thread), then one more frame, so the hit map shows
  // the state that made it hold.
  bool until(const std::function<bool()>& done) {
    const bool held = testing::eventually(
        [&] {
          h.frame();
          return done();
        },
        5s);
    h.frame();
    return held;
  }
  const OperatorView* view() const {
    const auto& s = h.snapshot();
    return s.operator_mode ? &*s.operator_mode : nullptr;
  }
  void gesture() {
    for (int i = 0; i < kGestureTaps; ++i) h.tap("header.operator");
    REQUIRE(until([&] { return view() && view()->stage != OperatorView::Stage::Opening; }));
  }
  void type_pin(std::string_view digits) {
    for (char c : digits) h.tap(fmt::format("operator.key.{}", c));
    h.tap("operator.key.ok");
    REQUIRE(
        until([&] { return view() == nullptr || view()->stage != OperatorView::Stage::Checking; }));
  }
  void enter() {
    gesture();
    REQUIRE(view()->stage == OperatorView::Stage::Pin);
    type_pin(kPin);
    REQUIRE(view()->stage == OperatorView::Stage::Open);
  }
  std::vector<std::string> audit_actions() {
    std::lock_guard lock(shared.mutex);
    auto rows = shared.store.audit_since(std::nullopt);
    REQUIRE(rows);
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.action);
    return out;
  }

  testing::OutboxRig store;
  std::filesystem::path dir;
  op::SharedStore shared;
  UiHarness h;
  std::vector<std::string> printed;
  int restarts = 0;
  std::unique_ptr<op::Desk> desk;
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::ranges::find(v, s) != v.end();
}

}  // namespace

TEST_CASE(
    "Without a PIN the hidden gesture opens no operator mode, only the word that it is closed",
    "[ui][operator][pin]") {
  OperatorRig rig("op-no-pin", false);
  rig.gesture();
  CHECK(rig.view()->stage == OperatorView::Stage::Closed);
  CHECK_FALSE(rig.h.has("operator.key.1"));
  CHECK_FALSE(rig.h.has("operator.menu.queue"));
  CHECK(rig.h.hits().text_of("operator.message").find("kioskctl operator set-pin") !=
        std::string::npos);
  rig.h.tap("operator.leave");
  CHECK_FALSE(rig.view());
}

TEST_CASE(
    "Four taps on the name do nothing, and taps spread over more than 4 seconds do not add up",
    "[ui][operator][gesture]") {
  OperatorRig rig("op-gesture");
  for (int i = 0; i < kGestureTaps - 1; ++i) rig.h.tap("header.operator");
  rig.h.frames(2);
  CHECK_FALSE(rig.view());
  rig.h.clock().advance(5s);  // the four before are out of the window now
  for (int i = 0; i < kGestureTaps - 1; ++i) rig.h.tap("header.operator");
  rig.h.frames(2);
  CHECK_FALSE(rig.view());
  rig.h.tap("header.operator");
  REQUIRE(rig.until([&] { return rig.view() != nullptr; }));
  CHECK(rig.view()->entered_via == "gesture");
}

TEST_CASE("The operator card's QR opens the PIN pad, and the PIN is shown only as dots",
          "[ui][operator][pin]") {
  OperatorRig rig("op-card");
  rig.h.core().post(ScanReceived{"scanner", std::string(kOperatorCard)});
  REQUIRE(rig.until([&] { return rig.view() && rig.view()->stage == OperatorView::Stage::Pin; }));
  CHECK(rig.view()->entered_via == "card");
  CHECK_FALSE(rig.h.snapshot().last_scan);  // the card is no citizen's scan
  for (char c : std::string_view("2468")) rig.h.tap(fmt::format("operator.key.{}", c));
  rig.h.frame();
  CHECK(rig.view()->pin_digits == 4);
  CHECK(rig.h.hits().text_of("operator.pin") == "4");
  rig.h.tap("operator.key.back");
  rig.h.frame();
  CHECK(rig.view()->pin_digits == 3);
}

TEST_CASE(
    "Three wrong PINs lock the pad for 30 s, persisted, and the right PIN then opens the menu",
    "[ui][operator][pin][lockout]") {
  OperatorRig rig("op-lockout");
  rig.gesture();
  for (int i = 0; i < 3; ++i) rig.type_pin("975318");
  CHECK(rig.view()->message == "operator.locked");
  CHECK(rig.view()->wait_s == 30);
  rig.type_pin(kPin);  // locked: not even hashed
  CHECK(rig.view()->stage == OperatorView::Stage::Pin);
  CHECK(rig.view()->message == "operator.locked");
  rig.h.clock().advance(31s);
  rig.type_pin(kPin);
  CHECK(rig.view()->stage == OperatorView::Stage::Open);
  CHECK(rig.h.has("operator.menu.payment"));
  const auto actions = rig.audit_actions();
  CHECK(std::ranges::count(actions, "operator.pin-wrong") >= 3);
  CHECK(contains(actions, "operator.enter"));
}

TEST_CASE("A PIN shorter than six digits is refused on the pad without asking the desk",
          "[ui][operator][pin]") {
  OperatorRig rig("op-short");
  rig.gesture();
  rig.type_pin("2468");
  CHECK(rig.view()->message == "operator.pin_short");
  CHECK_FALSE(contains(rig.audit_actions(), "operator.pin-wrong"));
}

TEST_CASE("Operator mode entered at the payment screen leaves the citizen's screen as it was",
          "[ui][operator][payment]") {
  OperatorRig rig("op-return");
  testing::tap_to_payment(rig.h);
  REQUIRE(rig.h.snapshot().screen == Screen::Payment);
  const auto before = rig.h.snapshot();
  rig.enter();
  rig.h.tap("operator.menu.payment");
  REQUIRE(rig.until([&] { return rig.view()->data.has_value(); }));
  CHECK(rig.view()->data->rows.front().value == before.payment->txn_id);
  rig.h.tap("operator.leave");
  const auto& after = rig.h.snapshot();
  CHECK_FALSE(after.operator_mode);
  CHECK(after.screen == Screen::Payment);
  CHECK(after.payment == before.payment);
  CHECK(after.fields == before.fields);
  CHECK(after.language == before.language);
  // The desk writes the row from its thread.
  CHECK(rig.until([&] { return contains(rig.audit_actions(), "operator.leave"); }));
}

TEST_CASE(
    "Operator mode locks itself after 3 idle minutes, and the citizen's idle reset waits meanwhile",
    "[ui][operator][idle]") {
  OperatorRig rig("op-idle");
  testing::tap_to_payment(rig.h);
  rig.enter();
  rig.h.clock().advance(150s);  // beyond the citizen's 90 s: their session is kept
  rig.h.frame();
  REQUIRE(rig.view());
  CHECK(rig.h.snapshot().screen == Screen::Payment);
  rig.h.clock().advance(31s);
  rig.h.frame();
  CHECK_FALSE(rig.view());
  CHECK(rig.h.snapshot().screen == Screen::Payment);
  CHECK(rig.h.snapshot().idle_deadline > rig.h.clock().steady_now() + 60s);
}

TEST_CASE("The operator confirms a waiting UPI payment with its UTR: the citizen gets the receipt",
          "[ui][operator][payment][outbox]") {
  OperatorRig rig("op-confirm");
  testing::tap_to_payment(rig.h);
  const auto txn = rig.h.snapshot().payment->txn_id;
  rig.enter();
  rig.h.tap("operator.menu.payment");
  for (char c : std::string_view("4321")) rig.h.tap(fmt::format("operator.utr.{}", c));
  rig.h.tap("operator.utr.ok");  // 4 digits: refused, nothing committed
  CHECK(rig.view()->result_key == "operator.payment.utr_invalid");
  for (char c : std::string_view("87654321")) rig.h.tap(fmt::format("operator.utr.{}", c));
  rig.h.tap("operator.utr.ok");
  rig.h.frame();
  const auto& s = rig.h.snapshot();
  CHECK_FALSE(s.operator_mode);
  REQUIRE(s.screen == Screen::Done);
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  auto shown = outbox->views().show(s.receipt_no);
  REQUIRE(shown);
  CHECK(shown->second.find(txn) != std::string::npos);
  CHECK(shown->second.find("432187654321") != std::string::npos);
  CHECK(shown->second.find("\"status\": \"completed\"") != std::string::npos);
  REQUIRE(rig.until([&] { return contains(rig.audit_actions(), "payment.confirm"); }));
}

TEST_CASE("Cash confirmed by the operator commits the same way with mode CASH",
          "[ui][operator][payment][outbox]") {
  OperatorRig rig("op-cash");
  testing::tap_to_payment(rig.h);
  rig.enter();
  rig.h.tap("operator.menu.payment");
  rig.h.tap("operator.payment.cash");
  rig.h.frame();
  REQUIRE(rig.h.snapshot().screen == Screen::Done);
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  auto shown = outbox->views().show(rig.h.snapshot().receipt_no);
  REQUIRE(shown);
  CHECK(shown->second.find("\"mode\": \"CASH\"") != std::string::npos);
}

TEST_CASE("The devices page offers a test print whose outcome is shown and audited",
          "[ui][operator][devices]") {
  OperatorRig rig("op-devices");
  rig.h.core().post(
      DevicesChanged{{{"receipt_printer", drivers::model::DeviceKind::Printer,
                       drivers::model::Status::Offline, drivers::model::Action::Reconnect, true}}});
  rig.enter();
  rig.h.tap("operator.menu.devices");
  rig.h.frame();
  REQUIRE(rig.view()->data);
  const auto& row = rig.view()->data->rows.at(0);
  CHECK(row.problem);
  CHECK(row.advice_key == "device.action.reconnect");
  rig.h.tap("operator.row.0.action");
  REQUIRE(rig.until([&] { return !rig.view()->busy && !rig.view()->result_key.empty(); }));
  CHECK(rig.view()->result_key == "operator.result.printed");
  CHECK(rig.printed == std::vector<std::string>{"receipt_printer"});
  CHECK(contains(rig.audit_actions(), "operator.test-print"));
}

TEST_CASE("Restart asks the app to restart once the audit row is written",
          "[ui][operator][restart]") {
  OperatorRig rig("op-restart");
  rig.enter();
  rig.h.tap("operator.menu.restart");
  rig.h.tap("operator.restart");
  REQUIRE(rig.until([&] { return rig.restarts == 1; }));
  CHECK(contains(rig.audit_actions(), "operator.restart"));
}

TEST_CASE("Every operator screen draws in Hindi and in English with its own words and nothing cut",
          "[ui][operator][i18n]") {
  for (const std::string language : {"hi", "en"}) {
    OperatorRig rig("op-screens-" + language);
    rig.h.core().post(
        DevicesChanged{{{"receipt_printer", drivers::model::DeviceKind::Printer,
                         drivers::model::Status::Online, drivers::model::Action::None, true}}});
    rig.enter();
    if (language == "en") rig.h.tap("operator.language");
    rig.h.frame();
    REQUIRE(rig.view()->language == language);
    const auto title = rig.h.strings().get(language, "operator.page.queue");
    CHECK(rig.h.hits().info("operator.menu.queue")->label == title);
    for (OperatorPage page : kOperatorPages) {
      INFO(language << " " << to_string(page));
      rig.h.tap("operator.menu." + std::string(to_string(page)));
      REQUIRE(rig.until([&] {
        return rig.view()->page == page &&
               (page == OperatorPage::Restart || rig.view()->data.has_value());
      }));
      rig.h.frame();
      for (const auto& o : rig.h.ui().overflows()) FAIL_CHECK(o.id << ": " << o.text);
      if (rig.view()->data) CHECK(rig.view()->data->error_key.empty());
      // Each line's words are in the operator's language itself, not an English fallback.
      const auto known = rig.h.strings().keys(language);
      for (std::size_t i = 0; rig.view()->data && i < rig.view()->data->rows.size(); ++i) {
        const auto& r = rig.view()->data->rows[i];
        for (const auto& key : {r.label_key, r.advice_key, r.value_key}) {
          INFO(key);
          if (!key.empty()) CHECK(known.contains(key));
        }
      }
      rig.h.tap("operator.menu");
    }
  }
}

namespace {

// A verb of the payment family run as the control socket would (from another thread),
// while the harness keeps the core stepping.
json run_payment_verb(OperatorRig& rig, control::VerbRegistry& verbs, const json& request) {
  const control::Peer peer{0, ::getuid(), ::getgid(), {}};
  const auto policy = control::AccessPolicy(::getuid(), std::nullopt);
  const std::string line = request.dump();
  auto answer = std::async(std::launch::async, [&] { return verbs.dispatch(line, peer, policy); });
  while (answer.wait_for(10ms) != std::future_status::ready) rig.h.frame();
  rig.h.frame();
  return answer.get();
}

}  // namespace

TEST_CASE(
    "payment.confirm completes the intent on screen, and a later one whose citizen left fails with "
    "a receipt",
    "[ui][operator][payment][outbox]") {
  OperatorRig rig("op-verb-confirm");
  op::PaymentVerbContext context{rig.store.writer.get(),
                                 rig.store.options,
                                 &rig.shared,
                                 &rig.h.core(),
                                 [&] { return rig.h.core().snapshot(); },
                                 nullptr,
                                 &rig.store.clock};
  control::VerbRegistry verbs;
  op::register_payment_verbs(verbs, context);

  testing::tap_to_payment(rig.h);
  const auto on_screen = rig.h.snapshot().payment->txn_id;
  const json listed = run_payment_verb(rig, verbs, {{"verb", "payment.list"}});
  INFO(listed.dump());
  REQUIRE(listed["intents"].size() == 1);
  CHECK(listed["intents"][0]["on_screen"] == true);
  const json done = run_payment_verb(
      rig, verbs, {{"verb", "payment.confirm"}, {"txn_id", on_screen}, {"mode", "CASH"}});
  INFO(done.dump());
  CHECK(done["outcome"] == "completed");
  REQUIRE(rig.h.snapshot().screen == Screen::Done);
  CHECK(done["receipt_no"] == rig.h.snapshot().receipt_no);

  // The next citizen walks away from the QR: the idle reset expires the intent.
  rig.h.tap("done.finish");
  testing::tap_to_payment(rig.h);
  const auto left = rig.h.snapshot().payment->txn_id;
  rig.h.clock().advance(91s);
  rig.h.frames(2);
  REQUIRE(rig.h.snapshot().screen == Screen::Welcome);
  const json late = run_payment_verb(
      rig, verbs,
      {{"verb", "payment.confirm"}, {"txn_id", left}, {"mode", "UPI"}, {"utr", "432187654321"}});
  INFO(late.dump());
  CHECK(late["outcome"] == "failed");
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  auto shown = outbox->views().show(late["receipt_no"].get<std::string>());
  REQUIRE(shown);
  CHECK(shown->second.find("paid, citizen left") != std::string::npos);
  CHECK(shown->second.find(left) != std::string::npos);
  const auto actions = rig.audit_actions();
  CHECK(std::ranges::count(actions, "payment.confirm") == 2);
}

TEST_CASE("The day-end report adds up the day's transactions, prints and exports them",
          "[ui][operator][report][outbox]") {
  OperatorRig rig("op-report");
  // Two completed (UPI and cash) and one failed after payment, and a test item that never counts.
  for (const char* mode : {"UPI", "CASH"}) {
    testing::tap_to_payment(rig.h);
    rig.h.core().post(
        PaymentReceived{mode, std::string(mode) == "UPI" ? "111122223333" : "CASH-1"});
    rig.h.frames(2);
    REQUIRE(rig.h.snapshot().screen == Screen::Done);
    rig.h.tap("done.finish");
  }
  testing::tap_to_payment(rig.h);
  const auto left = rig.h.snapshot().payment->txn_id;
  const auto fee = rig.h.snapshot().payment->total_paise;
  rig.h.clock().advance(91s);
  rig.h.frames(2);
  store::NewTransaction late;
  late.service_id = "cg.edistrict.income_certificate";
  late.completed = false;
  late.failure_reason = "paid, citizen left";
  late.payment_mode = "UPI";
  late.payment_ref = "444455556666";
  late.fee_paise = fee;
  REQUIRE(rig.store.writer->settle_and_commit(left, late));
  store::NewTransaction test_item = late;
  test_item.completed = true;
  test_item.test = true;
  test_item.amount_paise = 99900;
  REQUIRE(rig.store.writer->commit(test_item));

  rig.enter();
  rig.h.tap("operator.menu.report");
  REQUIRE(rig.until([&] { return rig.view()->data.has_value(); }));
  const auto& rows = rig.view()->data->rows;
  const auto row = [&](std::string_view key) {
    auto it = std::ranges::find(rows, key, &OperatorRow::label_key);
    REQUIRE(it != rows.end());
    return it->value;
  };
  CHECK(row("operator.report.completed") == fmt::format("2 · {}", receipt::rupees(2 * fee)));
  CHECK(row("operator.report.failed_paid") == fmt::format("1 · {}", receipt::rupees(fee)));
  CHECK(row("operator.report.day") == store::ist_day(rig.h.clock().wall_now()));

  const auto export_row = std::ranges::find(rows, "export-report", &OperatorRow::action);
  REQUIRE(export_row != rows.end());
  rig.h.tap(fmt::format("operator.row.{}.action", export_row - rows.begin()));
  REQUIRE(rig.until([&] { return !rig.view()->busy && !rig.view()->result_key.empty(); }));
  CHECK(rig.view()->result_key == "operator.result.exported");
  const auto csv = read_text_file(rig.view()->result_detail);
  REQUIRE(csv);
  CHECK(csv->find("TOTAL,completed,2,") != std::string::npos);
  CHECK(csv->find("99900") == std::string::npos);  // the test item is left out
  CHECK(contains(rig.audit_actions(), "operator.export-report"));
}

TEST_CASE("A dead letter is shown with its reason and sent again from the queue page",
          "[ui][operator][queue][outbox]") {
  OperatorRig rig("op-queue");
  store::NewTransaction t;
  t.service_id = "cg.edistrict.income_certificate";
  auto committed = rig.store.writer->commit(t);
  REQUIRE(committed);
  {
    auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
    REQUIRE(
        outbox->queue().mark_dead(committed->id, {store::FailureCode::Rejected, "bad service"}));
  }
  rig.enter();
  rig.h.tap("operator.menu.queue");
  REQUIRE(rig.until([&] { return rig.view()->data.has_value(); }));
  const auto& rows = rig.view()->data->rows;
  const auto dead = std::ranges::find(rows, "redrive", &OperatorRow::action);
  REQUIRE(dead != rows.end());
  CHECK(dead->label.find("bad service") != std::string::npos);
  CHECK(dead->subject == std::to_string(committed->id));
  rig.h.tap(fmt::format("operator.row.{}.action", dead - rows.begin()));
  REQUIRE(rig.until([&] { return !rig.view()->busy && !rig.view()->result_key.empty(); }));
  CHECK(rig.view()->result_key == "operator.result.redriven");
  REQUIRE(rig.until([&] {
    return rig.view()->data &&
           std::ranges::find(rig.view()->data->rows, "redrive", &OperatorRow::action) ==
               rig.view()->data->rows.end();
  }));
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  auto stats = outbox->views().stats();
  REQUIRE(stats);
  CHECK(stats->dead == 0);
  CHECK(stats->pending == 1);
  CHECK(contains(rig.audit_actions(), "operator.redrive"));
}

namespace {

// The outbox's sink whose first transaction commit fails (a full disk, say): the citizen
// then sees error.payment-pending with their intent still awaiting.
struct FailFirstCommit final : app::TransactionSink {
  explicit FailFirstCommit(app::TransactionSink& real) : real(real) {}
  Result<std::string> create_intent(const std::string& service_id, std::int64_t amount,
                                    std::int64_t fee) override {
    return real.create_intent(service_id, amount, fee);
  }
  Status cancel_intent(const std::string& txn_id, bool expired) override {
    return real.cancel_intent(txn_id, expired);
  }
  Result<store::Committed> commit(const std::string& intent,
                                  const store::NewTransaction& t) override {
    if (failures++ == 0) return fail(Errc::Unavailable, "disk full");
    return real.commit(intent, t);
  }
  app::TransactionSink& real;
  int failures = 0;
};

}  // namespace

TEST_CASE(
    "A payment that could not be saved is confirmed again by the operator once the disk is back",
    "[ui][operator][payment][outbox]") {
  OperatorRig rig("op-pending");
  FailFirstCommit flaky(*rig.store.sink);
  rig.h.core().set_transactions(&flaky);
  testing::tap_to_payment(rig.h);
  rig.h.core().post(PaymentReceived{"UPI", "111122223333"});
  rig.h.frames(2);
  REQUIRE(rig.h.snapshot().error == "payment-pending");
  REQUIRE(rig.h.snapshot().screen == Screen::Payment);
  rig.enter();
  rig.h.tap("operator.menu.payment");
  rig.h.tap("operator.payment.cash");
  rig.h.frame();
  CHECK(rig.h.snapshot().screen == Screen::Done);
  CHECK(rig.h.snapshot().error.empty());
  CHECK_FALSE(rig.h.snapshot().receipt_no.empty());
}

namespace {
// English, the income certificate, every field typed: its review.
void to_income_review(testing::UiHarness& h) {
  h.tap("welcome.language.en");
  h.tap("home.service.cg.edistrict.income_certificate");
  h.tap("service.apply");
  h.tap("consent.accept");
  testing::fill_income_certificate(h);
  h.tap("details.continue");
}
}  // namespace

TEST_CASE("A citizen without Aadhaar shows an ID card, and the operator's confirmation is audited",
          "[ui][operator][identity]") {
  OperatorRig rig("op-identity");
  to_income_review(rig.h);
  REQUIRE(rig.h.snapshot().screen == Screen::Review);
  rig.h.reveal("review.identity");
  rig.h.tap("review.identity");
  CHECK(rig.h.snapshot().identity_check_asked);
  CHECK(rig.h.snapshot().help_requested);  // the operator is called over
  CHECK(rig.h.has("review.identity.asked"));
  rig.enter();
  rig.h.tap("operator.menu.identity");
  REQUIRE(rig.view()->data);
  const auto rows = rig.view()->data->rows;
  REQUIRE(rows.size() == 6);  // who waits, the typed name, three documents, "not confirmed"
  CHECK(rows[1].value == rig.h.snapshot().fields.at("name"));
  CHECK(rows[2].subject == "voter_id");
  rig.h.reveal("operator.row.2.action");
  rig.h.tap("operator.row.2.action");
  CHECK_FALSE(rig.view());  // back to the citizen's review
  REQUIRE(rig.h.snapshot().identity);
  CHECK(rig.h.snapshot().identity->source == IdentityView::Source::Operator);
  CHECK(rig.h.snapshot().identity->document == "voter_id");
  // The desk writes the audit row on its own thread.
  CHECK(testing::eventually([&] { return contains(rig.audit_actions(), "identity.confirm"); }, 5s));
  rig.h.tap("review.confirm");
  REQUIRE(rig.h.snapshot().screen == Screen::Payment);
  rig.h.core().post(PaymentReceived{"CASH", "CASH-1"});
  rig.h.frames(2);
  REQUIRE(rig.h.snapshot().screen == Screen::Done);
  auto outbox = store::Outbox::open(rig.store.options, rig.store.clock);
  const auto shown = outbox->views().show(rig.h.snapshot().receipt_no);
  REQUIRE(shown);
  CHECK(shown->second.find(R"("identity_check": "operator")") != std::string::npos);
  CHECK(shown->second.find(R"("identity_document": "voter_id")") != std::string::npos);
}

TEST_CASE("The identity page says nobody waits, and 'not confirmed' leaves the citizen unproven",
          "[ui][operator][identity]") {
  OperatorRig rig("op-identity-refuse");
  rig.enter();
  rig.h.tap("operator.menu.identity");
  REQUIRE(rig.view()->data);
  REQUIRE(rig.view()->data->rows.size() == 1);
  CHECK(rig.view()->data->rows[0].value_key == "operator.identity.nobody_waiting");
  // A confirmation for nobody is refused, and nothing is audited as confirmed.
  rig.h.core().post(OperatorAction{"identity-confirm", "voter_id"});
  rig.h.frames(2);
  CHECK(rig.view()->result_key == "operator.identity.nobody");
  CHECK_FALSE(rig.h.snapshot().identity);
  rig.h.tap("operator.leave");
  to_income_review(rig.h);
  rig.h.reveal("review.identity");
  rig.h.tap("review.identity");
  rig.enter();
  rig.h.tap("operator.menu.identity");
  rig.h.reveal("operator.row.5.action");
  rig.h.tap("operator.row.5.action");
  CHECK(rig.view()->result_key == "operator.identity.refused");
  CHECK_FALSE(rig.h.snapshot().identity);
  CHECK_FALSE(rig.h.snapshot().identity_check_asked);
  CHECK(testing::eventually([&] { return contains(rig.audit_actions(), "identity.refuse"); }, 5s));
  CHECK_FALSE(contains(rig.audit_actions(), "identity.confirm"));
}

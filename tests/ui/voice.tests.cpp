// Voice on every screen, in the headless harness with a speaker that records what it is
// asked to say: each screen's prompt and each target's spoken name are catalogue keys in
// Hindi and English, listen mode's first tap only speaks, one prompt at a time, the idle
// warning is spoken. tests/voice/ plays the same through the real voice guide.
#include <catch2/catch.hpp>

#include "kiosk/i18n/strings.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"
#include "ui/voice/spoken.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;
using kiosk::testing::UiHarness;

namespace {

const std::vector<std::string> kLanguages{"hi", "en"};

// The screen's prompt and every target's spoken name: keys both catalogues hold, whose
// texts come out whole (every "{}" filled) in both languages.
void check_voice(UiHarness& h, std::set<std::string>& screens) {
  const auto& strings = h.strings();
  const std::string screen(screen_name(h.snapshot().screen));
  INFO("screen " << screen << ", prompt " << h.prompt());
  screens.insert(screen + (h.snapshot().focused_field.empty() ? "" : ".typing"));
  REQUIRE_FALSE(h.prompt().empty());
  for (const auto& lang : kLanguages) CHECK(strings.keys(lang).contains(h.prompt()));
  std::size_t targets = 0;
  for (const auto& [id, rect] : h.hits().all()) {
    const ui::TargetInfo* info = h.hits().info(id);
    if (info == nullptr) continue;
    INFO("target " << id << ", speech " << info->speech);
    ++targets;
    REQUIRE_FALSE(info->speech.empty());
    for (const auto& lang : kLanguages) {
      CHECK(strings.keys(lang).contains(info->speech));
      const auto said = ui::spoken_text(strings, lang, info->speech, info->speech_args);
      CHECK_FALSE(said.empty());
      CHECK(said.find('{') == std::string::npos);
    }
  }
  CHECK(targets > 0);
}

struct Store : testing::OutboxRig {
  explicit Store(const std::string& name) : OutboxRig(name, "DEMO-0001") {}
};

void type(UiHarness& h, std::string_view keys) {
  for (char c : keys) h.tap(std::string("kb.k.") + c);
}

}  // namespace

TEST_CASE("Every screen has a spoken prompt and every target a spoken name in both catalogues",
          "[ui][voice][i18n]") {
  for (const std::string lang : {"hi", "en"}) {
    INFO("session in " << lang);
    Store store("voice-keys-" + lang);
    UiHarness h({.display = ImVec2(1366, 768),
                 .demo = true,
                 .transactions = store.sink.get(),
                 .speaker = true});
    std::set<std::string> screens;
    h.clock().advance(61s);  // nobody came: the attract screen
    h.frames(2);
    REQUIRE(h.snapshot().screen == Screen::Attract);
    check_voice(h, screens);
    h.tap("attract.start");
    check_voice(h, screens);
    h.tap("welcome.language." + lang);
    check_voice(h, screens);
    h.tap("home.service.cg.edistrict.income_certificate");
    check_voice(h, screens);
    h.tap("service.apply");
    check_voice(h, screens);  // the consent
    h.tap("consent.accept");
    check_voice(h, screens);
    h.tap("details.name");
    check_voice(h, screens);  // the Hindi session types on InScript, the English on QWERTY
    h.tap("kb.k.done");
    h.tap("details.mobile");
    type(h, "9876543210");
    check_voice(h, screens);
    h.tap("kb.k.done");
    h.reveal("details.purpose");
    h.tap("details.purpose");
    check_voice(h, screens);  // a choice's answers, each with its spoken name
    h.tap("details.purpose.education");
    testing::fill_income_certificate(h);
    h.tap("details.continue");
    check_voice(h, screens);
    h.tap("review.confirm");
    REQUIRE(h.snapshot().screen == Screen::Payment);
    check_voice(h, screens);
    h.tap("payment.demo_paid");
    REQUIRE(h.snapshot().screen == Screen::Done);
    check_voice(h, screens);
    h.clock().advance(75s);  // the idle warning, over the done screen
    h.frame();
    REQUIRE(h.has("idle.continue"));
    CHECK(h.prompt() == "prompt.idle");
    check_voice(h, screens);
    CHECK(screens == std::set<std::string>{"attract", "welcome", "home", "service", "consent",
                                           "details", "details.typing", "review", "payment",
                                           "done"});
  }
}

TEST_CASE("The prompt of every screen names its amounts and receipt number as digits",
          "[ui][voice][numbers]") {
  Store store("voice-numbers");
  UiHarness h({.display = ImVec2(1366, 768),
               .demo = true,
               .transactions = store.sink.get(),
               .speaker = true});
  testing::tap_to_payment(h);
  REQUIRE(h.snapshot().screen == Screen::Payment);
  auto* speaker = h.speaker();
  h.tap("a11y.speak");  // replay: what this screen is and what to do
  REQUIRE_FALSE(speaker->said.empty());
  const auto& pay = speaker->said.back();
  CHECK(pay.key == "prompt.payment_upi");
  REQUIRE(pay.parts.size() == 1);
  CHECK(pay.parts[0].language == "en");
  CHECK(pay.parts[0].text.find("Step 4 of 5. Pay 40 rupees.") == 0);  // ₹30 + ₹10 fee
  h.tap("payment.demo_paid");
  h.tap("a11y.speak");
  const auto& done = speaker->said.back();
  CHECK(done.key == "prompt.done");
  const std::string seq = std::to_string(std::stoi(h.snapshot().receipt_no.substr(
      h.snapshot().receipt_no.rfind('-') + 1)));  // "…-000001" is said "1"
  CHECK(done.parts[0].text.find("ends in " + seq + ".") != std::string::npos);
}

TEST_CASE("Amounts and receipt numbers are said as numbers in the session's language",
          "[ui][voice][numbers]") {
  UiHarness h;
  const auto& s = h.strings();
  CHECK(ui::spoken_amount(s, "hi", 4500) == "45 रुपये");
  CHECK(ui::spoken_amount(s, "en", 4050) == "40 rupees 50 paise");
  CHECK(ui::spoken_amount(s, "hi", 0) == "निःशुल्क");
  CHECK(ui::spoken_receipt("CG-RPR-0042-20261207-000123") == "123");
  CHECK(ui::spoken_receipt("CG-RPR-0042-20261207-000000") == "0");
  CHECK(ui::spoken_receipt("odd") == "odd");
  // A catalogue text whose placeholders do not match gives the label, never a throw.
  auto broken = i18n::Strings::from_json_texts({{"en", R"({"k": "{0} and {1}", "j": "{"})"}});
  REQUIRE(broken);
  const std::string one[] = {"x"};
  CHECK(ui::spoken_text(*broken, "en", "k", one, "label") == "label");
  CHECK(ui::spoken_text(*broken, "en", "j", one, "label") == "label");
  CHECK(ui::spoken_text(*broken, "en", "missing", one, "label") == "label");
}

TEST_CASE("In listen mode the first tap speaks a target's name and changes nothing",
          "[ui][voice][listen]") {
  UiHarness h({.speaker = true});
  auto* speaker = h.speaker();
  REQUIRE(h.has("welcome.listen"));
  h.tap("welcome.listen");  // outside listen mode, a tap acts: listen mode starts
  REQUIRE(h.snapshot().listen_mode);
  REQUIRE_FALSE(speaker->said.empty());
  CHECK(speaker->said.back().key == "prompt.welcome");  // said on starting, in each language
  REQUIRE(speaker->said.back().parts.size() == 2);
  CHECK(speaker->said.back().parts[0].language == "hi");
  CHECK(speaker->said.back().parts[1].language == "en");

  h.tap("welcome.language.en");  // first tap: its name, in its own language
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK(speaker->said.back().key == "language.name");
  CHECK(speaker->said.back().parts[0].text == "English");
  CHECK(speaker->said.back().parts[0].language == "en");
  h.tap("welcome.language.en");  // second tap: it acts
  REQUIRE(h.snapshot().screen == Screen::Home);
  CHECK(speaker->said.back().key == "prompt.home");  // the new screen says what it is

  const auto before = h.snapshot();
  h.clear_posted();
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(count_posted<OpenService>(h) == 0);
  auto after = h.snapshot();
  after.idle_deadline = before.idle_deadline;  // a touch keeps the session, nothing more
  after.version = before.version;
  CHECK(after == before);
  CHECK(speaker->said.back().key == "tile.spoken");
  CHECK(speaker->said.back().parts[0].text == "Income certificate. 40 rupees. About 15 minutes.");
  REQUIRE(h.has("listen.yes"));  // the chosen target's "yes", in the header
  CHECK(h.hits().info("listen.yes")->icon ==
        h.hits().info("home.service.cg.edistrict.income_certificate")->icon);
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(h.snapshot().screen == Screen::Service);
  CHECK(speaker->said.back().key == "prompt.service");
}

TEST_CASE("In listen mode the yes button acts for the chosen target, even in the header",
          "[ui][voice][listen]") {
  UiHarness h({.speaker = true});
  h.tap("welcome.listen");
  h.tap("welcome.language.hi");
  h.tap("welcome.language.hi");
  REQUIRE(h.snapshot().screen == Screen::Home);
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(h.snapshot().screen == Screen::Home);
  h.tap("listen.yes");
  CHECK(h.snapshot().screen == Screen::Service);
  CHECK_FALSE(h.has("listen.yes"));  // nothing is chosen on the new screen
  h.tap("a11y.large_text");          // a header target: drawn before "yes" in the frame
  CHECK_FALSE(h.snapshot().large_text);
  h.tap("listen.yes");
  CHECK(h.snapshot().large_text);
  // Choosing another target moves the choice; the first one no longer acts on "yes".
  h.tap("nav.back");
  h.tap("service.apply");
  h.tap("listen.yes");
  CHECK(h.snapshot().screen == Screen::Consent);
}

TEST_CASE("Start over and the idle reset end listen mode with the session",
          "[ui][voice][listen][idle]") {
  UiHarness h({.speaker = true});
  h.tap("welcome.listen");
  h.tap("welcome.language.hi");
  h.tap("welcome.language.hi");
  REQUIRE(h.snapshot().listen_mode);
  h.tap("nav.start_over");
  h.tap("nav.start_over");
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK_FALSE(h.snapshot().listen_mode);
  h.tap("welcome.listen");
  h.tap("welcome.language.hi");
  h.tap("welcome.language.hi");
  REQUIRE(h.snapshot().listen_mode);
  h.clock().advance(90s);
  h.frames(2);
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK_FALSE(h.snapshot().listen_mode);
  h.tap("welcome.language.hi");  // a tap acts again at once
  CHECK(h.snapshot().screen == Screen::Home);
}

TEST_CASE("One prompt at a time: a new screen's replaces the old, and the prompt replays",
          "[ui][voice][prompt]") {
  UiHarness h({.speaker = true});
  auto* speaker = h.speaker();
  h.tap("welcome.language.en");
  CHECK(speaker->said.empty());  // outside listen mode nothing is said unasked
  h.tap("a11y.speak");
  REQUIRE(speaker->said.size() == 1);
  CHECK(speaker->said[0].key == "prompt.home");
  h.tap("a11y.speak");
  REQUIRE(speaker->said.size() == 2);
  CHECK(speaker->said[1].key == "prompt.home");  // replayed, whole
  CHECK(speaker->said[1].parts[0].text == speaker->said[0].parts[0].text);
  // The UI asks for one utterance at a time; the guide cuts the old one off (tests/voice).
  // Outside listen mode, a prompt still playing about the old screen is stopped on a new one.
  const int stops = speaker->stops;
  h.tap("home.service.cg.edistrict.income_certificate");
  CHECK(speaker->stops == stops);  // the recording speaker is never "speaking": no stop owed
}

TEST_CASE("The idle warning is spoken, counts down 20 seconds, and one tap extends it",
          "[ui][voice][idle]") {
  UiHarness h({.idle_timeout = 60s, .speaker = true});
  auto* speaker = h.speaker();
  h.tap("welcome.language.hi");
  h.clock().advance(39s);
  h.frame();
  CHECK_FALSE(h.has("idle.continue"));
  CHECK(speaker->said.empty());
  h.clock().advance(1s);  // 20 s before the reset
  h.frame();
  REQUIRE(h.has("idle.continue"));
  REQUIRE(speaker->said.size() == 1);
  CHECK(speaker->said[0].key == "prompt.idle");
  CHECK(speaker->said[0].parts[0].text.find("20 सेकंड") != std::string::npos);
  h.clock().advance(19s);  // still there one second before the end, said once
  h.frame();
  CHECK(h.has("idle.continue"));
  CHECK(speaker->said.size() == 1);
  h.tap_at(ImVec2(5, 5));  // one tap anywhere
  CHECK(h.snapshot().screen == Screen::Home);
  CHECK_FALSE(h.has("idle.continue"));
  h.clock().advance(40s);  // a second warning is said again
  h.frame();
  REQUIRE(h.has("idle.continue"));
  CHECK(speaker->said.size() == 2);
}

TEST_CASE("Nobody at the welcome screen for a minute brings the attract screen, a touch ends it",
          "[ui][attract]") {
  UiHarness h({.speaker = true});
  h.tap("a11y.large_text");  // someone set it up and walked away
  REQUIRE(h.snapshot().large_text);
  h.clock().advance(59s);
  h.frames(2);
  CHECK(h.snapshot().screen == Screen::Welcome);
  h.clock().advance(1s);
  h.frames(2);
  REQUIRE(h.snapshot().screen == Screen::Attract);
  CHECK_FALSE(h.snapshot().large_text);  // what they chose went with them
  CHECK(h.prompt() == "prompt.attract");
  CHECK(h.speaker()->said.empty());  // an empty room is not talked at
  // Still: no animation frame rate, a wake-up at most every 2 s for the next picture.
  CHECK(h.ui().animation_fps() == 0);
  REQUIRE(h.ui().wake_at());
  CHECK(*h.ui().wake_at() - h.clock().steady_now() <= 2s);
  CHECK(*h.ui().wake_at() > h.clock().steady_now());
  const auto* start = h.hits().info("attract.start");
  REQUIRE(start != nullptr);
  CHECK(start->label == "छूकर शुरू करें · Touch to start");
  CHECK(h.rect("attract.start").width() == Approx(1280));
  h.clear_posted();
  h.tap_at(ImVec2(100, 700));  // anywhere
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK(count_posted<ChooseLanguage>(h) == 0);  // the touch that woke it chose nothing
  h.tap("welcome.language.en");
  CHECK(h.snapshot().screen == Screen::Home);
  h.clock().advance(80s);  // a session in progress never turns into the attract screen
  h.frames(2);
  CHECK(h.snapshot().screen == Screen::Home);
}

TEST_CASE("The attract screen shows one picture per service, one lit at a time", "[ui][attract]") {
  UiHarness h({.attract_after = 5s});
  h.clock().advance(5s);
  h.frames(2);
  REQUIRE(h.snapshot().screen == Screen::Attract);
  // The lit picture changes every 2 s: frames 2 s apart draw different vertices.
  const auto vertices = [&] {
    std::vector<ImU32> colours;
    for (int l = 0; l < h.draw_data()->CmdListsCount; ++l)
      for (const auto& v : h.draw_data()->CmdLists[l]->VtxBuffer) colours.push_back(v.col);
    return colours;
  };
  const auto first = vertices();
  h.clock().advance(2s);
  h.frame();
  const auto second = vertices();
  CHECK(first.size() == second.size());
  CHECK(first != second);
  h.clock().advance(100ms);
  h.frame();
  CHECK(vertices() == second);  // nothing moves between two changes
}

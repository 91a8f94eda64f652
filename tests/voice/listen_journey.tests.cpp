// A citizen who cannot read finishes a service by pictures and voice alone: the real
// screens in the headless harness, the real voice guide (espeak-ng) playing through SDL's
// disk audio driver, listen mode on. The test chooses every target by its pictogram, or a
// key by what it says when touched; it never reads a label. Before each tap it checks that
// the screen's prompt was spoken; at the end, that the stream holds speech (not silence)
// from each prompt's recorded offset.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "kiosk/text/icon_names.h"
#include "tests/support/catalogues.h"
#include "tests/support/disk_audio.h"
#include "tests/support/fonts.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"
#include "ui/icons.h"
#include "ui/speaker.h"

using namespace kiosk;
using namespace kiosk::app;
using namespace std::chrono_literals;
using kiosk::testing::UiHarness;

namespace {

// A listener at the kiosk: waits for each screen's prompt, taps pictures twice (the first
// tap says the name), and keeps what it heard.
class NonReader {
 public:
  NonReader(UiHarness& h, ui::VoiceGuide& guide) : h_(h), guide_(guide) {}

  // The screen's prompt: recorded as begun, and heard to its end.
  void hear_prompt() {
    const std::string prompt = h_.prompt();
    INFO("prompt " << prompt);
    REQUIRE_FALSE(prompt.empty());
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      h_.frame();
      if (prompt_started(prompt) && !guide_.speaking()) break;
      std::this_thread::sleep_for(5ms);
    }
    REQUIRE(prompt_started(prompt));
    heard_.push_back(prompt);
  }

  // Touch, hear the name, touch again: the target acts.
  void choose(const std::string& id) {
    INFO("choosing " << id << " on " << h_.prompt());
    REQUIRE(prompt_started(h_.prompt()));  // before each tap: this screen was explained
    h_.tap(id);
    REQUIRE(h_.has("listen.yes"));  // chosen, not yet done
    REQUIRE(prompt_started(h_.prompt()));
    h_.tap(id);
  }

  // The one target showing `codepoint` outside the header.
  std::string by_picture(char32_t codepoint) const {
    std::vector<std::string> found;
    for (const auto& [id, rect] : h_.hits().all()) {
      const ui::TargetInfo* info = h_.hits().info(id);
      if (info != nullptr && info->icon == codepoint && rect.min.y >= h_.metrics().header_px)
        found.push_back(id);
    }
    INFO("picture U+" << std::hex << static_cast<std::uint32_t>(codepoint));
    REQUIRE(found.size() == 1);
    return found.front();
  }

  // The key that says `what` when touched.
  std::string key_saying(const std::string& what) const {
    for (const auto& [id, rect] : h_.hits().all()) {
      const ui::TargetInfo* info = h_.hits().info(id);
      if (info != nullptr && info->speech == "keyboard.char" && info->speech_args.size() == 1 &&
          info->speech_args[0] == what)
        return id;
    }
    FAIL("no key says " << what);
    return {};
  }

  void type(const std::vector<std::string>& characters) {
    for (const auto& c : characters) choose(key_saying(c));
  }

  const std::vector<std::string>& heard() const { return heard_; }

 private:
  // The current screen's prompt began playing after the previous prompt we heard.
  bool prompt_started(const std::string& prompt) const {
    const auto records = guide_.spoken();
    for (auto it = records.rbegin(); it != records.rend(); ++it) {
      if (it->key == prompt) return true;
      if (it->key.starts_with("prompt.")) return false;  // another screen's, later
    }
    return false;
  }

  UiHarness& h_;
  ui::VoiceGuide& guide_;
  std::vector<std::string> heard_;
};

std::vector<std::string> digits(const std::string& number) {
  std::vector<std::string> out;
  for (char c : number) out.emplace_back(1, c);
  return out;
}

}  // namespace

TEST_CASE("A citizen who cannot read completes a service by pictures and voice alone",
          "[voice][listen][journey][audio]") {
  const auto raw = testing::scratch_dir("listen-journey-audio") / "stream.raw";
  testing::DiskAudio disk(raw, 8);  // ~6x real time: the same stream, heard sooner
  auto created = ui::VoiceGuide::create();
  REQUIRE(created);
  ui::VoiceGuide& guide = **created;
  REQUIRE(guide.has_audio());
  ui::VoiceSpeaker speaker(guide);
  testing::OutboxRig store("listen-journey-outbox", "DEMO-0001");
  UiHarness h({.display = ImVec2(1366, 768),
               .demo = true,
               .transactions = store.sink.get(),
               // The applicant's three fields: the shipped forms' choices have no pictures
               // of their own yet (issue 24's note), so a non-reader cannot tell them apart.
               .catalogue = testing::applicant_catalogue(),
               .voice = &speaker});
  auto names = text::IconNames::load(testing::kIconNames);
  REQUIRE(names);
  NonReader citizen(h, guide);

  h.tap(citizen.by_picture(ui::icons::kListen.codepoint));  // the speaker picture: acts at once
  REQUIRE(h.snapshot().listen_mode);
  citizen.hear_prompt();                  // in Hindi, then English
  citizen.choose("welcome.language.hi");  // a language button says its name in its language
  REQUIRE(h.snapshot().screen == Screen::Home);
  citizen.hear_prompt();
  citizen.choose(citizen.by_picture(*names->find("request_quote")));  // the income certificate
  REQUIRE(h.snapshot().screen == Screen::Service);
  citizen.hear_prompt();
  citizen.choose(citizen.by_picture(ui::icons::kForward.codepoint));
  REQUIRE(h.snapshot().screen == Screen::Details);
  citizen.hear_prompt();
  const std::vector<std::pair<char32_t, std::vector<std::string>>> fields{
      {ui::icons::kPerson.codepoint, {"r", "a", "m", "a", "a"}},  // by sound: hi-itrans
      {ui::icons::kPhone.codepoint, digits("9876543210")},
      {ui::icons::kDetails.codepoint, digits("234567890124")}};
  for (const auto& [picture, characters] : fields) {
    citizen.choose(citizen.by_picture(picture));
    citizen.hear_prompt();  // "type on the keyboard…"
    citizen.type(characters);
    citizen.choose(citizen.by_picture(0xE86C));  // the tick key: done
    citizen.hear_prompt();                       // back on the form, said again
  }
  CHECK(h.snapshot().fields.at("name") == "रमा");
  citizen.choose(citizen.by_picture(ui::icons::kForward.codepoint));
  REQUIRE(h.snapshot().screen == Screen::Review);
  citizen.hear_prompt();
  citizen.choose(citizen.by_picture(ui::icons::kPayment.codepoint));
  REQUIRE(h.snapshot().screen == Screen::Payment);
  citizen.hear_prompt();                        // "pay 40 rupees"
  h.post(PaymentReceived{"UPI", "UPI-REF-1"});  // paid on their phone: no tap on the kiosk
  h.frames(2);
  REQUIRE(h.snapshot().screen == Screen::Done);
  citizen.hear_prompt();  // the receipt number, as a number
  CHECK_FALSE(h.snapshot().receipt_no.empty());
  citizen.choose(citizen.by_picture(ui::icons::kDone.codepoint));
  CHECK(h.snapshot().screen == Screen::Welcome);
  CHECK_FALSE(h.snapshot().listen_mode);

  const auto records = guide.spoken();
  const int rate = guide.sample_rate();
  created->reset();  // the device closes: the stream file is complete
  CHECK(citizen.heard() == std::vector<std::string>{
                               "prompt.welcome", "prompt.home", "prompt.service", "prompt.details",
                               "prompt.typing", "prompt.details", "prompt.typing", "prompt.details",
                               "prompt.typing", "prompt.details", "prompt.review",
                               "prompt.payment_upi", "prompt.done"});
  const auto stream = testing::read_raw_s16(raw);
  REQUIRE(rate > 0);
  std::size_t prompts = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].key.starts_with("prompt.")) continue;
    const auto from = static_cast<std::size_t>(records[i].offset);
    const auto to =
        i + 1 < records.size() ? static_cast<std::size_t>(records[i + 1].offset) : stream.size();
    INFO(records[i].key << " at sample " << from << " to " << to << " of " << stream.size());
    REQUIRE(from < stream.size());
    CHECK(testing::rms(stream, from, to) > 300);  // speech, not silence
    const std::vector<std::int16_t> segment(stream.begin() + from,
                                            stream.begin() + std::min(to, stream.size()));
    CHECK(testing::voiced_span(segment).size() > static_cast<std::size_t>(rate));  // over 1 s
    ++prompts;
  }
  CHECK(prompts >= citizen.heard().size());
  // The control: where nothing was said (before the first utterance), the stream is silent.
  REQUIRE_FALSE(records.empty());
  CHECK(testing::rms(stream, 0, static_cast<std::size_t>(records.front().offset)) < 1);
}

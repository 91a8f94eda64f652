// Voice guidance: espeak-ng synthesis, the WAV writer, and playback through SDL's "disk"
// audio driver, which writes the device's raw S16 stream to a file in (roughly) real time,
// so the tests hear what a sound card would have played without needing one.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/log.h"
#include "tests/support/disk_audio.h"
#include "tests/support/paths.h"
#include "ui/voice/voice_guide.h"

using kiosk::ui::VoiceGuide;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using namespace kiosk::testing;

namespace {

const std::string kChooseLanguage = "कृपया अपनी भाषा चुनें";  // "Please choose your language"
const std::string kLongEnglish =
    "Welcome to the Common Services Centre. Please touch the service you need, "
    "then follow the instructions on the screen.";

std::uint32_t le32(const std::string& b, std::size_t at) {
  return std::uint32_t(std::uint8_t(b[at])) | std::uint32_t(std::uint8_t(b[at + 1])) << 8 |
         std::uint32_t(std::uint8_t(b[at + 2])) << 16 |
         std::uint32_t(std::uint8_t(b[at + 3])) << 24;
}
std::uint16_t le16(const std::string& b, std::size_t at) {
  return std::uint16_t(std::uint8_t(b[at]) | std::uint8_t(b[at + 1]) << 8);
}

// Stand-in for the UI thread: draws a "frame" every 5 ms while the guide speaks.
int frames_while_speaking(const VoiceGuide& guide, std::chrono::seconds limit) {
  int frames = 0;
  const auto start = Clock::now();
  while (guide.speaking() && Clock::now() - start < limit) {
    ++frames;
    std::this_thread::sleep_for(5ms);
  }
  return frames;
}

bool idle_within(const VoiceGuide& guide, std::chrono::milliseconds limit) {
  const auto start = Clock::now();
  while (guide.speaking()) {
    if (Clock::now() - start > limit) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

struct Reference {
  std::vector<int16_t> samples;
  int rate = 0;
  double voiced_seconds() const { return double(voiced_span(samples).size()) / rate; }
};
Reference reference(const std::string& text, const std::string& language) {
  Reference ref;
  auto samples = kiosk::ui::synthesize(text, language, &ref.rate);
  REQUIRE(samples);
  ref.samples = std::move(*samples);
  return ref;
}

struct CapturedLog {
  std::vector<std::string> lines;
  CapturedLog() {
    kiosk::log::set_sink([this](kiosk::log::Level, std::string_view l) { lines.emplace_back(l); });
  }
  ~CapturedLog() { kiosk::log::set_sink(nullptr); }
};

}  // namespace

TEST_CASE("Kiosk languages map to espeak voices, Chhattisgarhi to Hindi", "[voice]") {
  CHECK(kiosk::ui::espeak_voice_for("hi") == "hi");
  CHECK(kiosk::ui::espeak_voice_for("en") == "en");
  CHECK(kiosk::ui::espeak_voice_for("hne") == "hi");
  CHECK_FALSE(kiosk::ui::espeak_voice_for("xx"));
  const auto refused = kiosk::ui::synthesize("hello", "xx");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == kiosk::Errc::InvalidInput);
}

TEST_CASE("A Hindi prompt synthesises to audible speech and a valid WAV file", "[voice][wav]") {
  int rate = 0;
  const auto samples = kiosk::ui::synthesize(kChooseLanguage, "hi", &rate);
  REQUIRE(samples);
  CHECK(rate == 22050);
  const double seconds = double(samples->size()) / rate;
  CHECK(seconds > 0.8);
  CHECK(seconds < 8.0);
  CHECK(rms(*samples) > 500.0);

  const auto wav = kiosk::testing::scratch_dir("voice-wav") / "prompt.wav";
  REQUIRE(kiosk::ui::write_wav(wav, *samples, rate));
  const std::string b = read_bytes(wav);
  const std::uint32_t data_bytes = std::uint32_t(samples->size() * 2);
  REQUIRE(b.size() == 44 + data_bytes);
  CHECK(b.substr(0, 4) == "RIFF");
  CHECK(le32(b, 4) == 36 + data_bytes);
  CHECK(b.substr(8, 8) == "WAVEfmt ");
  CHECK(le32(b, 16) == 16);  // fmt chunk size
  CHECK(le16(b, 20) == 1);   // PCM
  CHECK(le16(b, 22) == 1);   // mono
  CHECK(le32(b, 24) == std::uint32_t(rate));
  CHECK(le32(b, 28) == std::uint32_t(rate) * 2);
  CHECK(le16(b, 32) == 2);   // block align
  CHECK(le16(b, 34) == 16);  // bits per sample
  CHECK(b.substr(36, 4) == "data");
  CHECK(le32(b, 40) == data_bytes);
  const std::size_t mid = samples->size() / 2;
  CHECK(int16_t(le16(b, 44 + 2 * mid)) == (*samples)[mid]);
}

TEST_CASE("A spoken prompt plays through SDL while the UI thread keeps drawing", "[voice][audio]") {
  const Reference ref = reference(kChooseLanguage, "hi");
  const auto raw = kiosk::testing::scratch_dir("voice-disk") / "out.raw";
  DiskAudio disk(raw);
  {
    auto guide = VoiceGuide::create();
    REQUIRE(guide);
    REQUIRE((*guide)->has_audio());
    const auto start = Clock::now();
    (*guide)->speak(kChooseLanguage, "hi");
    CHECK((*guide)->speaking());
    const int frames = frames_while_speaking(**guide, 15s);
    const double spoke_for = std::chrono::duration<double>(Clock::now() - start).count();
    CHECK_FALSE((*guide)->speaking());
    CHECK(frames > 20);
    // The disk driver paces itself like a sound card: speaking() lasts about as long as
    // the audio (plus one 46 ms device buffer and the synthesis).
    CHECK(spoke_for > 0.8 * ref.voiced_seconds());
    CHECK(spoke_for < double(ref.samples.size()) / ref.rate + 1.0);
  }  // closing the device flushes out.raw

  const auto played = read_raw_s16(raw);
  const Span span = voiced_span(played);
  const double voiced = double(span.size()) / ref.rate;
  CHECK(voiced > 0.9 * ref.voiced_seconds());
  CHECK(voiced < 1.1 * ref.voiced_seconds());
  CHECK(rms(played, span.begin, span.end) > 500.0);
}

TEST_CASE("A newer prompt replaces one not yet playing", "[voice][audio]") {
  const Reference latest = reference(kChooseLanguage, "hi");
  const Reference dropped = reference(kLongEnglish, "en");
  const auto raw = kiosk::testing::scratch_dir("voice-replace") / "out.raw";
  DiskAudio disk(raw);
  {
    auto guide = VoiceGuide::create();
    REQUIRE(guide);
    // Back-to-back, as when a citizen taps through screens: only the last one is heard.
    (*guide)->speak(kLongEnglish, "en");
    (*guide)->speak(kLongEnglish, "en");
    (*guide)->speak(kChooseLanguage, "hne");
    CHECK(idle_within(**guide, 10s));
  }
  const double voiced = double(voiced_span(read_raw_s16(raw)).size()) / latest.rate;
  CHECK(voiced > 0.9 * latest.voiced_seconds());
  CHECK(voiced < 1.1 * latest.voiced_seconds());
  CHECK(voiced < 0.5 * dropped.voiced_seconds());
}

TEST_CASE("stop() silences a prompt that is playing and leaves the guide idle", "[voice][audio]") {
  const Reference full = reference(kLongEnglish, "en");
  const auto raw = kiosk::testing::scratch_dir("voice-stop") / "out.raw";
  DiskAudio disk(raw);
  {
    auto guide = VoiceGuide::create();
    REQUIRE(guide);
    (*guide)->speak(kLongEnglish, "en");
    std::this_thread::sleep_for(500ms);
    CHECK((*guide)->speaking());
    (*guide)->stop();
    CHECK(idle_within(**guide, 2s));

    // stop() before the worker has even started: nothing plays, idle at once.
    (*guide)->speak(kLongEnglish, "en");
    (*guide)->stop();
    CHECK(idle_within(**guide, 2s));
    std::this_thread::sleep_for(300ms);
    CHECK_FALSE((*guide)->speaking());
  }
  const double voiced = double(voiced_span(read_raw_s16(raw)).size()) / full.rate;
  CHECK(voiced > 0.05);
  CHECK(voiced < 0.4 * full.voiced_seconds());
}

TEST_CASE("Without a sound card the guide warns once and never logs what it says",
          "[voice][audio][log]") {
  ScopedEnv no_card("SDL_AUDIODRIVER", "no-such-driver");
  CapturedLog log;
  const std::string citizen_data = "आपका आधार 1234 5678 9012";
  {
    auto guide = VoiceGuide::create();
    REQUIRE(guide);
    CHECK_FALSE((*guide)->has_audio());
    (*guide)->speak(citizen_data, "hi");
    CHECK_FALSE((*guide)->speaking());
    std::this_thread::sleep_for(300ms);
    (*guide)->speak(citizen_data, "xx");  // no voice: warned, by language only
    std::this_thread::sleep_for(300ms);
  }  // joins the worker, so every line it logs is in
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0].find("no audio output") != std::string::npos);
  CHECK(log.lines[1].find("'xx'") != std::string::npos);
  for (const auto& line : log.lines) {
    INFO(line);
    CHECK(line.find("voice") != std::string::npos);
    CHECK(line.find("1234") == std::string::npos);
    CHECK(line.find("आधार") == std::string::npos);
  }
}

TEST_CASE("One utterance at a time: a new one cuts the old off, each recorded at its offset",
          "[voice][audio][prompt]") {
  const Reference long_one = reference(kLongEnglish, "en");
  const Reference short_one = reference(kChooseLanguage, "hi");
  const auto raw = kiosk::testing::scratch_dir("voice-one-at-a-time") / "out.raw";
  DiskAudio disk(raw);
  std::vector<kiosk::ui::SpokenRecord> records;
  {
    auto guide = VoiceGuide::create();
    REQUIRE(guide);
    (*guide)->say({"prompt.long", {{kLongEnglish, "en"}}});
    const auto start = Clock::now();
    while ((*guide)->spoken().empty() && Clock::now() - start < 5s)
      std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(1s);  // a second of the long one plays
    (*guide)->say({"prompt.short", {{kChooseLanguage, "hi"}}});
    CHECK(idle_within(**guide, 10s));
    (*guide)->say({"prompt.short", {{kChooseLanguage, "hi"}}});  // replayed whole
    CHECK(idle_within(**guide, 10s));
    records = (*guide)->spoken();
    CHECK((*guide)->stream_position() > records.back().offset);
  }
  REQUIRE(records.size() == 3);
  CHECK(records[0].key == "prompt.long");
  CHECK(records[1].key == "prompt.short");
  CHECK(records[2].key == "prompt.short");
  const auto stream = read_raw_s16(raw);
  const auto segment = [&](std::size_t i) {
    const auto from = static_cast<std::size_t>(records[i].offset);
    const auto to =
        i + 1 < records.size() ? static_cast<std::size_t>(records[i + 1].offset) : stream.size();
    return std::vector<int16_t>(stream.begin() + from,
                                stream.begin() + std::min(to, stream.size()));
  };
  // The long one was cut: its stretch of the stream is far shorter than it is.
  const double long_played = double(segment(0).size()) / long_one.rate;
  CHECK(long_played > 0.9);
  CHECK(long_played < 0.5 * double(long_one.samples.size()) / long_one.rate);
  // Each short one is heard whole from its offset: the same voiced length as synthesised.
  for (std::size_t i : {1u, 2u}) {
    const double voiced = double(voiced_span(segment(i)).size()) / short_one.rate;
    CHECK(voiced > 0.9 * short_one.voiced_seconds());
    CHECK(voiced < 1.1 * short_one.voiced_seconds());
    CHECK(rms(segment(i)) > 300);
  }
  CHECK(rms(stream, 0, static_cast<std::size_t>(records[0].offset)) < 1);  // silence before
}

TEST_CASE("Digits are said as numbers in the voice's own language", "[voice][numbers]") {
  // The screens keep digits in what they say (ui/voice/spoken.h): espeak-ng's Hindi voice
  // reads "20" as the Hindi numeral बीस, phoneme for phoneme.
  const auto said = [](std::string_view text, std::string_view language) {
    auto p = kiosk::ui::phonemes(text, language);
    REQUIRE(p);
    return *p;
  };
  CHECK(said("20 रुपये", "hi") == said("बीस रुपये", "hi"));
  CHECK(said("चरण 2", "hi") == said("चरण दो", "hi"));
  CHECK(said("20", "en") == said("twenty", "en"));
  CHECK(said("20", "hi") != said("20", "en"));  // the control: not "twenty"
  CHECK(said("45", "hi") != said("45", "en"));
  CHECK_FALSE(kiosk::ui::phonemes("20", "xx"));
}

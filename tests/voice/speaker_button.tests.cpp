// The speaker button end to end: a tap in the real screens makes the real VoiceGuide speak
// the screen's prompt in Hindi through SDL's disk audio driver, while the UI keeps drawing.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"
#include "ui/speaker.h"

using namespace kiosk;
using kiosk::testing::UiHarness;

TEST_CASE("The speaker button reads the Hindi prompt aloud while frames keep coming",
          "[voice][ui][audio]") {
  const auto dir = testing::scratch_dir("speaker-button");
  const auto raw = dir / "out.raw";
  // SDL's disk driver writes what it plays to a file (SDL 2.26 reads SDL_DISKAUDIOFILE).
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", raw.c_str(), 1);
  auto guide = ui::VoiceGuide::create();
  REQUIRE(guide);
  REQUIRE((*guide)->has_audio());
  ui::VoiceSpeaker speaker(**guide);

  UiHarness h;
  h.ui().set_speaker(&speaker);
  h.frame();
  h.tap("welcome.language.hi");
  REQUIRE(h.has("a11y.speak"));
  h.tap("a11y.speak");
  const auto frames_before = h.frame_count();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  bool asked_for_frames = false;
  while (speaker.speaking() && std::chrono::steady_clock::now() < deadline) {
    h.frame();  // what the UI thread does: it is never blocked by speech
    asked_for_frames = asked_for_frames || h.ui().animation_fps() > 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK_FALSE(speaker.speaking());
  CHECK(h.frame_count() - frames_before > 20);
  CHECK(asked_for_frames);  // the button shows "speaking" and keeps frames coming until it ends
  guide->reset();           // close the device: the disk file is complete

  std::ifstream in(raw, std::ios::binary);
  std::vector<std::int16_t> samples(std::filesystem::file_size(raw) / 2, 0);  // S16 mono
  in.read(reinterpret_cast<char*>(samples.data()),
          static_cast<std::streamsize>(samples.size() * 2));
  double energy = 0;
  std::size_t voiced = 0;
  for (auto s : samples) {
    energy += static_cast<double>(s) * s;
    voiced += std::abs(s) > 500;
  }
  const double rms = std::sqrt(energy / std::max<std::size_t>(1, samples.size()));
  INFO("samples " << samples.size() << ", rms " << rms << ", voiced " << voiced);
  CHECK(rms > 300);                   // speech, not silence
  CHECK(samples.size() > 22050 / 2);  // "सेवा चुनें" takes more than half a second at 22.05 kHz
  unsetenv("SDL_AUDIODRIVER");
  unsetenv("SDL_DISKAUDIOFILE");
}

// Voice guidance for citizens who cannot read the screen comfortably: each screen's prompt
// is spoken in the kiosk language with eSpeak NG (in-process, offline) and played through
// SDL audio, so the UI thread never blocks on synthesis or on the sound card.
//
// [X] espeak-ng in synchronous mode, samples collected by a C callback that never throws
// [X] One process-wide espeak engine behind a mutex (espeak-ng keeps its state in globals)
// [X] Languages: "hi" → voice hi, "en" → en, "hne" (Chhattisgarhi) → hi, having no voice of its own
// [X] Worker thread: say() returns at once; one prompt at a time: a new one stops the old
// [X] SDL audio callback at espeak's rate (22050 Hz, S16, mono) that counts the samples it
//     plays, so each prompt is recorded as (its i18n key, its offset in the output stream)
// [X] An utterance may have parts in several languages (the welcome prompt, in each)
// [X] No sound card: create() still succeeds, warns once, prompts are synthesised only
// [X] The spoken text is never logged (a prompt may read back citizen data)
// [X] 16-bit PCM mono WAV writer for tests and for operators checking a voice
// [ ] Streaming playback while synthesis runs (short prompts synthesise in ~50 ms)
// [ ] A volume setting (espeak's default amplitude is used)
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::ui {

// espeak's default of 175 words a minute is brisk for a first-time kiosk user in a
// noisy CSC; 150 is still natural.
inline constexpr int kDefaultWordsPerMinute = 150;

struct VoiceOptions {
  int words_per_minute = kDefaultWordsPerMinute;  // clamped to espeak's 80..450
  std::string audio_device;  // SDL output device name; empty for the system default
};

// The espeak voice for a kiosk language code, or nullopt when there is none.
std::optional<std::string_view> espeak_voice_for(std::string_view language);

// Synthesises `text` (UTF-8) in kiosk `language`; 16-bit mono samples at *sample_rate.
// Thread-safe: calls into espeak are serialised process-wide. Blocks for the synthesis.
Result<std::vector<int16_t>> synthesize(std::string_view text, std::string_view language,
                                        int* sample_rate = nullptr,
                                        int words_per_minute = kDefaultWordsPerMinute);

// How espeak-ng will say `text` in kiosk `language`: its phoneme mnemonics (ASCII), one
// clause after another. For checking a prompt's pronunciation without listening to it.
Result<std::string> phonemes(std::string_view text, std::string_view language);

// Writes a standard RIFF/WAVE file: PCM, 16-bit, mono, `sample_rate` Hz.
Status write_wav(const std::filesystem::path& path, std::span<const int16_t> samples,
                 int sample_rate);

// What is said: a prompt or a target's name, by its i18n key, in one or more parts (the
// welcome screen speaks its prompt in every offered language).
struct SpokenPart {
  std::string text;
  std::string language;
};
struct Utterance {
  std::string key;  // recorded with the utterance; its text never is (it may hold citizen data)
  std::vector<SpokenPart> parts;
};

// An utterance that began playing: its key, and the sample of the device's output stream
// (counted from when the device opened) where its first sample went out.
struct SpokenRecord {
  std::string key;
  std::uint64_t offset = 0;
  bool operator==(const SpokenRecord&) const = default;
};

class VoiceGuide {
 public:
  // Fails (Errc::Unavailable) only when espeak-ng cannot start. Call it on the thread that
  // owns SDL (the UI thread): it initialises SDL's audio subsystem.
  static Result<std::unique_ptr<VoiceGuide>> create(VoiceOptions options = {});
  ~VoiceGuide();  // abandons pending prompts, joins the worker, closes the device
  VoiceGuide(const VoiceGuide&) = delete;
  VoiceGuide& operator=(const VoiceGuide&) = delete;

  // Non-blocking. Stops whatever is playing or waiting, then says `utterance`.
  void say(Utterance utterance);
  // say() with one part and no key.
  void speak(std::string text, std::string language);
  // Silences the guide now: drops the pending prompt and the audio not yet played.
  void stop();
  // The utterances that began playing, oldest first (the last 256).
  std::vector<SpokenRecord> spoken() const;
  // Samples the device has been given since it opened (silence included); 0 without one.
  std::uint64_t stream_position() const;
  int sample_rate() const;
  // True from speak() until its audio has drained; always false without a sound card.
  bool speaking() const;
  // False when no audio device could be opened.
  bool has_audio() const;

 private:
  struct Impl;
  explicit VoiceGuide(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;  // keeps SDL and espeak headers out of the UI's includes
};

}  // namespace kiosk::ui

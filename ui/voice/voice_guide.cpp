// Voice guidance: espeak-ng synthesis on a worker thread, playback through SDL queued audio.
//
// [X] espeak-ng started once per process (AUDIO_OUTPUT_SYNCHRONOUS), terminated at exit
// [X] Synth callback collects samples and catches everything: no exception crosses C code
// [X] A superseded prompt aborts its synthesis from inside the callback
// [X] SDL audio subsystem and device owned by one RAII object; the callback plays the
//     current utterance and counts every sample it hands out
// [X] A new utterance replaces the one playing at the next audio buffer (~46 ms)
// [X] Warnings name the language and the error, never the text
#include "ui/voice/voice_guide.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>

#include "kiosk/core/log.h"
#include "kiosk/core/thread_guard.h"

namespace kiosk::ui {

namespace {

using namespace std::chrono_literals;

// What the synth callback appends to; reaches the callback through espeak's user_data.
struct SampleSink {
  std::vector<int16_t> samples;
  const std::atomic<std::uint64_t>* generation = nullptr;  // null: never superseded
  std::uint64_t wanted = 0;
  bool out_of_memory = false;

  bool superseded() const { return generation != nullptr && generation->load() != wanted; }
};

// espeak calls this inside espeak_Synth, on the caller's thread. Unwinding through C frames
// is undefined behaviour, so nothing may escape: the one thing that can throw (the vector
// growing) is caught. Returning 1 asks espeak to abandon the utterance.
int on_samples(short* wav, int count, espeak_EVENT* events) noexcept {
  auto* sink = events != nullptr ? static_cast<SampleSink*>(events->user_data) : nullptr;
  if (sink == nullptr || sink->superseded()) return 1;
  if (wav == nullptr || count <= 0) return 0;  // end of synthesis, or an empty buffer
  try {
    sink->samples.insert(sink->samples.end(), wav, wav + count);
  } catch (...) {
    sink->out_of_memory = true;
    return 1;
  }
  return 0;
}

// espeak-ng keeps its state in globals and is not thread-safe, so the process has one
// engine behind one mutex. It starts on first use and is terminated once, at exit:
// espeak-ng 1.51 hangs in espeak_Terminate after a second espeak_Initialize, so a
// VoiceGuide cannot own a start/terminate pair of its own.
class Engine {
 public:
  static Engine& instance() {
    static Engine engine;
    return engine;
  }
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine() {
    if (rate_ > 0) espeak_Terminate();
  }

  Result<int> start() {
    std::lock_guard lock(mu_);
    return start_locked();
  }
  Status synthesize(const std::string& text, std::string_view voice, int words_per_minute,
                    SampleSink& sink, int& rate);
  Result<std::string> phonemes(const std::string& text, std::string_view voice);

 private:
  Status select_locked(std::string_view voice);
  Engine() = default;
  Result<int> start_locked();

  std::mutex mu_;
  bool tried_ = false;
  int rate_ = 0;       // espeak's sample rate once it runs
  std::string voice_;  // selecting a voice loads files: skip it when unchanged
};

Result<int> Engine::start_locked() {
  if (!tried_) {
    tried_ = true;
    // DONT_EXIT: without it espeak calls exit() when it cannot find espeak-ng-data.
    const int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate > 0) {
      rate_ = rate;
      espeak_SetSynthCallback(on_samples);
    }
  }
  if (rate_ <= 0) {
    return fail(Errc::Unavailable, "espeak-ng could not start (is espeak-ng-data installed?)");
  }
  return rate_;
}

Status Engine::synthesize(const std::string& text, std::string_view voice, int words_per_minute,
                          SampleSink& sink, int& rate) {
  std::lock_guard lock(mu_);
  const auto started = start_locked();
  if (!started) return std::unexpected(started.error());
  rate = *started;
  if (auto selected = select_locked(voice); !selected) return selected;
  espeak_SetParameter(espeakRATE,
                      std::clamp(words_per_minute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
  const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8, nullptr, &sink);
  if (sink.out_of_memory) return fail(Errc::Internal, "out of memory while synthesising");
  if (err != EE_OK) {
    return fail(Errc::Internal, fmt::format("espeak_Synth failed ({})", static_cast<int>(err)));
  }
  return {};
}

Status Engine::select_locked(std::string_view voice) {
  if (voice_ == voice) return {};
  voice_.clear();
  if (espeak_SetVoiceByName(std::string(voice).c_str()) != EE_OK) {
    return fail(Errc::Unavailable, fmt::format("espeak-ng has no voice '{}'", voice));
  }
  voice_ = voice;
  return {};
}

Result<std::string> Engine::phonemes(const std::string& text, std::string_view voice) {
  std::lock_guard lock(mu_);
  if (const auto started = start_locked(); !started) return std::unexpected(started.error());
  if (auto selected = select_locked(voice); !selected) return std::unexpected(selected.error());
  std::string out;
  const void* next = text.c_str();
  while (next != nullptr) {  // espeak moves `next` on clause by clause, to nullptr at the end
    const char* clause = espeak_TextToPhonemes(&next, espeakCHARS_UTF8, 0);
    if (clause == nullptr) break;
    if (!out.empty()) out += ' ';
    out += clause;
  }
  return out;
}

Status synthesize_into(const std::string& text, std::string_view language, int words_per_minute,
                       SampleSink& sink, int& rate) {
  const auto voice = espeak_voice_for(language);
  if (!voice) {
    return fail(Errc::InvalidInput, fmt::format("no voice for language '{}'", language));
  }
  return Engine::instance().synthesize(text, *voice, words_per_minute, sink, rate);
}

// What the audio callback plays, and the record of what it played. Other threads touch it
// only while holding the device's lock (SdlAudio::Lock), which keeps the callback out.
struct Playback {
  static constexpr std::size_t kRecordLimit = 256;
  std::vector<int16_t> samples;  // the utterance playing; a new one replaces it whole
  std::size_t next = 0;          // its next sample to play
  std::string key;
  bool started = false;        // its first sample went out (and was recorded)
  std::uint64_t position = 0;  // samples given to the device since it opened
  std::deque<SpokenRecord> record;
  bool playing() const { return next < samples.size(); }
};

// SDL calls this on its audio thread for every buffer, speech or silence. It must not
// throw into SDL's C frames: the one allocation (a record entry) is caught.
void SDLCALL fill_audio(void* user, Uint8* stream, int len) noexcept {
  auto* p = static_cast<Playback*>(user);
  auto* out = reinterpret_cast<int16_t*>(stream);
  const std::size_t wanted = static_cast<std::size_t>(std::max(len, 0)) / sizeof(int16_t);
  const std::size_t n = std::min(wanted, p->samples.size() - p->next);
  if (n > 0 && !p->started) {
    p->started = true;
    try {
      if (p->record.size() == Playback::kRecordLimit) p->record.pop_front();
      p->record.push_back({p->key, p->position});
    } catch (...) {  // out of memory: the prompt still plays, unrecorded
    }
  }
  std::copy_n(p->samples.data() + p->next, n, out);
  std::fill(out + n, out + wanted, int16_t{0});
  p->next += n;
  p->position += wanted;
}

// SDL's audio subsystem and one output device fed by fill_audio, released together. SDL
// counts subsystem initialisations, so this does not disturb the window's own SDL_Init.
class SdlAudio {
 public:
  SdlAudio() = default;
  SdlAudio(SdlAudio&& other) noexcept
      : subsystem_(std::exchange(other.subsystem_, false)),
        device_(std::exchange(other.device_, 0)) {}
  SdlAudio& operator=(SdlAudio&& other) noexcept {
    if (this != &other) {
      close();
      subsystem_ = std::exchange(other.subsystem_, false);
      device_ = std::exchange(other.device_, 0);
    }
    return *this;
  }
  ~SdlAudio() { close(); }

  // The device runs from here on, playing silence when there is nothing to say, so the
  // stream's sample count is a clock that every recorded offset is measured on.
  static Result<SdlAudio> open(int sample_rate, const std::string& device_name, Playback& playback);

  bool is_open() const { return device_ != 0; }
  // Keeps the callback out while held (a no-op without a device).
  class Lock {
   public:
    explicit Lock(const SdlAudio& audio) : device_(audio.device_) {
      if (device_ != 0) SDL_LockAudioDevice(device_);
    }
    ~Lock() {
      if (device_ != 0) SDL_UnlockAudioDevice(device_);
    }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    SDL_AudioDeviceID device_;
  };

 private:
  void close() noexcept {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    device_ = 0;
    if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    subsystem_ = false;
  }

  bool subsystem_ = false;
  SDL_AudioDeviceID device_ = 0;
};

Result<SdlAudio> SdlAudio::open(int sample_rate, const std::string& device_name,
                                Playback& playback) {
  SdlAudio audio;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    return fail(Errc::Unavailable, fmt::format("SDL audio: {}", SDL_GetError()));
  }
  audio.subsystem_ = true;
  SDL_AudioSpec want{};
  want.freq = sample_rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  // ~46 ms at 22050 Hz: how late a new prompt can start, and how long a stopped one lingers.
  want.samples = 1024;
  want.callback = fill_audio;
  want.userdata = &playback;
  // allowed_changes 0: SDL converts for the card, so espeak's samples go in unchanged.
  audio.device_ = SDL_OpenAudioDevice(device_name.empty() ? nullptr : device_name.c_str(), 0, &want,
                                      nullptr, 0);
  if (audio.device_ == 0) {
    return fail(Errc::Unavailable, fmt::format("SDL audio device: {}", SDL_GetError()));
  }
  SDL_PauseAudioDevice(audio.device_, 0);
  return audio;
}

void put_le(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}

}  // namespace

std::optional<std::string_view> espeak_voice_for(std::string_view language) {
  if (language == "hi") return "hi";
  if (language == "en") return "en";
  // Chhattisgarhi has no espeak voice; Hindi phonology reads Devanagari Chhattisgarhi well.
  if (language == "hne") return "hi";
  return std::nullopt;
}

Result<std::vector<int16_t>> synthesize(std::string_view text, std::string_view language,
                                        int* sample_rate, int words_per_minute) {
  SampleSink sink;
  int rate = 0;
  if (auto done = synthesize_into(std::string(text), language, words_per_minute, sink, rate);
      !done) {
    return std::unexpected(done.error());
  }
  if (sample_rate != nullptr) *sample_rate = rate;
  return std::move(sink.samples);
}

Result<std::string> phonemes(std::string_view text, std::string_view language) {
  const auto voice = espeak_voice_for(language);
  if (!voice) return fail(Errc::InvalidInput, fmt::format("no voice for language '{}'", language));
  return Engine::instance().phonemes(std::string(text), *voice);
}

Status write_wav(const std::filesystem::path& path, std::span<const int16_t> samples,
                 int sample_rate) {
  if (sample_rate <= 0) return fail(Errc::InvalidInput, "WAV sample rate must be positive");
  const std::uint64_t data_bytes = samples.size_bytes();
  if (data_bytes > 0xffffffffull - 36) return fail(Errc::InvalidInput, "too long for a WAV file");
  const auto rate = static_cast<std::uint32_t>(sample_rate);
  const auto data = static_cast<std::uint32_t>(data_bytes);

  std::string bytes;
  bytes.reserve(44 + data_bytes);
  bytes += "RIFF";
  put_le(bytes, 36 + data, 4);
  bytes += "WAVEfmt ";
  put_le(bytes, 16, 4);  // fmt chunk size
  put_le(bytes, 1, 2);   // PCM
  put_le(bytes, 1, 2);   // mono
  put_le(bytes, rate, 4);
  put_le(bytes, rate * 2, 4);  // bytes per second
  put_le(bytes, 2, 2);         // bytes per frame
  put_le(bytes, 16, 2);        // bits per sample
  bytes += "data";
  put_le(bytes, data, 4);
  for (const int16_t s : samples) put_le(bytes, static_cast<std::uint16_t>(s), 2);

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(Errc::Io, fmt::format("cannot create {}", path.string()));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return fail(Errc::Io, fmt::format("cannot write {}", path.string()));
  return {};
}

// --- VoiceGuide -------------------------------------------------------------------------

struct VoiceGuide::Impl {
  struct Job {
    Utterance utterance;
    std::uint64_t generation = 0;
  };

  explicit Impl(VoiceOptions opts) : options(std::move(opts)) {}
  ~Impl();

  void run(std::stop_token stop, std::promise<Result<int>> started);
  std::optional<Job> next_job(std::stop_token stop);
  void play(const Job& job);
  bool stale(const Job& job) const { return generation.load() != job.generation; }

  const VoiceOptions options;
  int rate = 0;
  // Lock order: mu, then the audio device's lock.
  mutable std::mutex mu;
  Playback playback;  // declared before audio: the device closes before this goes
  SdlAudio audio;     // set by create() before any say(); closed after the worker is joined
  std::condition_variable_any wake;
  std::optional<Job> pending;  // the newest utterance, not yet taken by the worker
  bool busy = false;           // an utterance is pending or being synthesised
  // Bumped by say(), stop() and shutdown; a job whose number is older is abandoned.
  std::atomic<std::uint64_t> generation{0};
  bool interrupted = false;  // the fault verb wants the worker at its checkpoint
  std::optional<threads::Registration> registration;
  std::jthread worker;
};

VoiceGuide::Impl::~Impl() {
  {
    std::lock_guard lock(mu);
    ++generation;  // aborts a synthesis in progress from inside the callback
    pending.reset();
  }
  worker.request_stop();
  if (worker.joinable()) worker.join();
  audio = SdlAudio();  // the callback stops before `playback` goes
}

void VoiceGuide::Impl::run(std::stop_token stop, std::promise<Result<int>> started) {
  pthread_setname_np(pthread_self(), "kiosk-voice");
  auto rate = Engine::instance().start();
  const bool ok = rate.has_value();
  started.set_value(std::move(rate));
  if (!ok) return;
  registration.emplace("voice", [this] {
    {
      std::lock_guard lock(mu);
      interrupted = true;
    }
    wake.notify_all();
  });
  // A prompt that throws is not spoken; the guide goes on with the next one.
  threads::run_guarded("voice", threads::OnFault::Restart, [&] {
    while (auto job = next_job(stop)) play(*job);
  });
}

std::optional<VoiceGuide::Impl::Job> VoiceGuide::Impl::next_job(std::stop_token stop) {
  std::unique_lock lock(mu);
  for (;;) {
    if (!wake.wait(lock, stop, [&] { return pending.has_value() || interrupted; }))
      return std::nullopt;
    if (!std::exchange(interrupted, false)) return std::exchange(pending, std::nullopt);
    lock.unlock();
    registration->checkpoint();
    lock.lock();
  }
}

// Synthesises every part, then replaces whatever is playing: one prompt at a time.
void VoiceGuide::Impl::play(const Job& job) {
  SampleSink sink;
  sink.generation = &generation;
  sink.wanted = job.generation;
  int sample_rate = 0;
  for (const SpokenPart& part : job.utterance.parts) {
    const auto done =
        synthesize_into(part.text, part.language, options.words_per_minute, sink, sample_rate);
    if (!done && !stale(job)) {
      log::warn("voice", "prompt {} in '{}' not spoken: {}", job.utterance.key, part.language,
                done.error().message);
    }
    if (stale(job)) break;
  }
  std::lock_guard lock(mu);
  if (!stale(job) && audio.is_open() && !sink.samples.empty()) {
    SdlAudio::Lock device(audio);
    playback.samples = std::move(sink.samples);
    playback.next = 0;
    playback.key = job.utterance.key;
    playback.started = false;
  }
  if (!pending) busy = false;
}

VoiceGuide::VoiceGuide(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

VoiceGuide::~VoiceGuide() = default;

Result<std::unique_ptr<VoiceGuide>> VoiceGuide::create(VoiceOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  // espeak starts on the worker, which is then the only thread of this guide calling it.
  std::promise<Result<int>> promise;
  auto started = promise.get_future();
  impl->worker = std::jthread([raw = impl.get(), p = std::move(promise)](
                                  std::stop_token stop) mutable { raw->run(stop, std::move(p)); });
  const Result<int> rate = started.get();
  if (!rate) return std::unexpected(rate.error());  // ~Impl joins the finished worker
  impl->rate = *rate;
  if (auto audio = SdlAudio::open(*rate, impl->options.audio_device, impl->playback)) {
    std::lock_guard lock(impl->mu);
    impl->audio = std::move(*audio);
  } else {
    log::warn("voice", "no audio output, voice prompts will not be heard: {}",
              audio.error().message);
  }
  return std::unique_ptr<VoiceGuide>(new VoiceGuide(std::move(impl)));
}

void VoiceGuide::say(Utterance utterance) {
  {
    std::lock_guard lock(impl_->mu);
    const std::uint64_t generation = ++impl_->generation;
    impl_->pending = Impl::Job{std::move(utterance), generation};
    impl_->busy = true;
  }
  impl_->wake.notify_all();
}

void VoiceGuide::speak(std::string text, std::string language) {
  say(Utterance{{}, {SpokenPart{std::move(text), std::move(language)}}});
}

void VoiceGuide::stop() {
  {
    std::lock_guard lock(impl_->mu);
    ++impl_->generation;
    impl_->pending.reset();
    impl_->busy = false;
    SdlAudio::Lock device(impl_->audio);
    impl_->playback.samples.clear();
    impl_->playback.next = 0;
  }
  impl_->wake.notify_all();
}

bool VoiceGuide::speaking() const {
  std::lock_guard lock(impl_->mu);
  if (!impl_->audio.is_open()) return false;
  SdlAudio::Lock device(impl_->audio);
  return impl_->busy || impl_->playback.playing();
}

bool VoiceGuide::has_audio() const {
  std::lock_guard lock(impl_->mu);
  return impl_->audio.is_open();
}

std::vector<SpokenRecord> VoiceGuide::spoken() const {
  std::lock_guard lock(impl_->mu);
  SdlAudio::Lock device(impl_->audio);
  return {impl_->playback.record.begin(), impl_->playback.record.end()};
}

std::uint64_t VoiceGuide::stream_position() const {
  std::lock_guard lock(impl_->mu);
  SdlAudio::Lock device(impl_->audio);
  return impl_->playback.position;
}

int VoiceGuide::sample_rate() const {
  return impl_->rate;
}

}  // namespace kiosk::ui

// Voice guidance: espeak-ng synthesis on a worker thread, playback through SDL queued audio.
//
// [X] espeak-ng started once per process (AUDIO_OUTPUT_SYNCHRONOUS), terminated at exit
// [X] Synth callback collects samples and catches everything: no exception crosses C code
// [X] A superseded prompt aborts its synthesis from inside the callback
// [X] SDL audio subsystem and device owned by one RAII object
// [X] Worker waits for the playing prompt to drain before queueing the next one
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

 private:
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
  if (voice_ != voice) {
    voice_.clear();
    if (espeak_SetVoiceByName(std::string(voice).c_str()) != EE_OK) {
      return fail(Errc::Unavailable, fmt::format("espeak-ng has no voice '{}'", voice));
    }
    voice_ = voice;
  }
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

Status synthesize_into(const std::string& text, std::string_view language, int words_per_minute,
                       SampleSink& sink, int& rate) {
  const auto voice = espeak_voice_for(language);
  if (!voice) {
    return fail(Errc::InvalidInput, fmt::format("no voice for language '{}'", language));
  }
  return Engine::instance().synthesize(text, *voice, words_per_minute, sink, rate);
}

// SDL's audio subsystem and one queued-audio output device, released together. SDL counts
// subsystem initialisations, so this does not disturb the window's own SDL_Init.
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

  static Result<SdlAudio> open(int sample_rate, const std::string& device_name);

  bool is_open() const { return device_ != 0; }
  std::uint32_t queued_bytes() const { return device_ != 0 ? SDL_GetQueuedAudioSize(device_) : 0; }
  void clear() const {
    if (device_ != 0) SDL_ClearQueuedAudio(device_);
  }
  Status play(std::span<const int16_t> samples) const;

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

Result<SdlAudio> SdlAudio::open(int sample_rate, const std::string& device_name) {
  SdlAudio audio;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    return fail(Errc::Unavailable, fmt::format("SDL audio: {}", SDL_GetError()));
  }
  audio.subsystem_ = true;
  SDL_AudioSpec want{};
  want.freq = sample_rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  // ~46 ms at 22050 Hz: what is left playing after stop() or after the queue drains.
  want.samples = 1024;
  want.callback = nullptr;  // fed by SDL_QueueAudio
  // allowed_changes 0: SDL converts for the card, so espeak's samples go in unchanged.
  audio.device_ = SDL_OpenAudioDevice(device_name.empty() ? nullptr : device_name.c_str(), 0, &want,
                                      nullptr, 0);
  if (audio.device_ == 0) {
    return fail(Errc::Unavailable, fmt::format("SDL audio device: {}", SDL_GetError()));
  }
  return audio;
}

Status SdlAudio::play(std::span<const int16_t> samples) const {
  const auto bytes = static_cast<Uint32>(samples.size_bytes());
  if (SDL_QueueAudio(device_, samples.data(), bytes) != 0) {
    return fail(Errc::Io, fmt::format("SDL_QueueAudio: {}", SDL_GetError()));
  }
  SDL_PauseAudioDevice(device_, 0);
  return {};
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
    std::string text;
    std::string language;
    std::uint64_t generation = 0;
  };

  explicit Impl(VoiceOptions opts) : options(std::move(opts)) {}
  ~Impl();

  void run(std::stop_token stop, std::promise<Result<int>> started);
  std::optional<Job> next_job(std::stop_token stop);
  void play(const Job& job, std::stop_token stop);
  bool wait_for_quiet_device(const Job& job, std::stop_token stop);
  bool stale(const Job& job) const { return generation.load() != job.generation; }

  const VoiceOptions options;
  SdlAudio audio;  // set by create() before any speak(); closed after the worker is joined
  mutable std::mutex mu;
  std::condition_variable_any wake;
  std::optional<Job> pending;  // the newest prompt, not yet taken by the worker
  bool busy = false;           // a prompt is pending, being synthesised or waiting to play
  // Bumped by speak(), stop() and shutdown; a job whose number is older is abandoned.
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
    while (auto job = next_job(stop)) play(*job, stop);
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

void VoiceGuide::Impl::play(const Job& job, std::stop_token stop) {
  SampleSink sink;
  sink.generation = &generation;
  sink.wanted = job.generation;
  int rate = 0;
  const auto done = synthesize_into(job.text, job.language, options.words_per_minute, sink, rate);
  if (!done && !stale(job)) {
    log::warn("voice", "prompt in '{}' not spoken: {}", job.language, done.error().message);
  }
  const bool playable =
      done && audio.is_open() && !sink.samples.empty() && wait_for_quiet_device(job, stop);

  std::lock_guard lock(mu);
  if (playable && !stale(job)) {
    if (auto queued = audio.play(sink.samples); !queued) {
      log::warn("voice", "prompt in '{}' not played: {}", job.language, queued.error().message);
    }
  }
  if (!pending) busy = false;
}

// A prompt already playing is never cut short by a newer one (only stop() does that), so
// the next prompt is queued when the device's queue has drained.
bool VoiceGuide::Impl::wait_for_quiet_device(const Job& job, std::stop_token stop) {
  std::unique_lock lock(mu);
  while (audio.queued_bytes() > 0) {
    if (wake.wait_for(lock, stop, 20ms, [&] { return stale(job); })) return false;
    if (stop.stop_requested()) return false;
  }
  return !stale(job);
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

  if (auto audio = SdlAudio::open(*rate, impl->options.audio_device)) {
    impl->audio = std::move(*audio);
  } else {
    log::warn("voice", "no audio output, voice prompts will not be heard: {}",
              audio.error().message);
  }
  return std::unique_ptr<VoiceGuide>(new VoiceGuide(std::move(impl)));
}

void VoiceGuide::speak(std::string text, std::string language) {
  {
    std::lock_guard lock(impl_->mu);
    const std::uint64_t generation = ++impl_->generation;
    impl_->pending = Impl::Job{std::move(text), std::move(language), generation};
    impl_->busy = true;
  }
  impl_->wake.notify_all();
}

void VoiceGuide::stop() {
  {
    std::lock_guard lock(impl_->mu);
    ++impl_->generation;
    impl_->pending.reset();
    impl_->busy = false;
    impl_->audio.clear();
  }
  impl_->wake.notify_all();
}

bool VoiceGuide::speaking() const {
  std::lock_guard lock(impl_->mu);
  return impl_->audio.is_open() && (impl_->busy || impl_->audio.queued_bytes() > 0);
}

bool VoiceGuide::has_audio() const {
  std::lock_guard lock(impl_->mu);
  return impl_->audio.is_open();
}

}  // namespace kiosk::ui

// Playback heard without a sound card: SDL's "disk" audio driver writes the device's raw
// S16 stream to a file (SDL_DISKAUDIOFILE), paced like a card unless SDL_DISKAUDIODELAY
// says otherwise. Helpers to set it up for one test and to read and measure what was played.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::testing {

// Sets an environment variable for one test and restores the previous value.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// SDL's disk driver writes the stream to SDL_DISKAUDIOFILE. Must be set before the
// guide initialises SDL audio; the guide's destructor closes (and so flushes) the file.
// `delay_ms`: the driver's pause per 1024-sample buffer (46 ms plays in real time; less
// plays faster, for tests that hear a long journey).
struct DiskAudio {
  explicit DiskAudio(const std::filesystem::path& file, int delay_ms = 46)
      : driver("SDL_AUDIODRIVER", "disk"),
        out("SDL_DISKAUDIOFILE", file.string()),
        delay("SDL_DISKAUDIODELAY", std::to_string(delay_ms)) {}
  ScopedEnv driver;
  ScopedEnv out;
  ScopedEnv delay;
};

inline double rms(const std::vector<int16_t>& samples, std::size_t from = 0,
                  std::size_t to = SIZE_MAX) {
  to = std::min(to, samples.size());
  if (to <= from) return 0;
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += double(samples[i]) * samples[i];
  return std::sqrt(sum / double(to - from));
}

// First and one-past-last sample louder than `threshold`: the voiced stretch, without
// the silence espeak puts round an utterance or the disk driver writes while idle.
struct Span {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};
inline Span voiced_span(const std::vector<int16_t>& samples, int threshold = 256) {
  Span span;
  bool found = false;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::abs(int(samples[i])) > threshold) {
      if (!found) span.begin = i;
      found = true;
      span.end = i + 1;
    }
  }
  return span;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<int16_t> read_raw_s16(const std::filesystem::path& path) {
  const std::string bytes = read_bytes(path);
  std::vector<int16_t> samples(bytes.size() / 2);
  std::memcpy(samples.data(), bytes.data(), samples.size() * 2);  // S16SYS: host order
  return samples;
}

}  // namespace kiosk::testing

// Camera frames to QR payloads, on a worker thread. A camera gives 15–30 frames a second
// and a 1280×720 decode takes longer than a frame (docs/benchmarks.md), so at most one
// decode is in flight: a frame offered meanwhile waits, and replaces (drops as stale) any
// older one still waiting. The newest frame is always the next decoded; none queues up.
//
//  [X] offer() never waits; the worker decodes through an injected function (the kiosk's:
//      kiosk/qr, ZXing then zbar; a test's: one it holds blocked)
//  [X] Outcomes in frame order, through a callback on the worker thread
//  [X] Nothing escapes the worker: a decoder that throws gives an empty outcome
//  [X] Counters: offered, decoded, dropped stale
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "kiosk/camera/frame_source.h"
#include "kiosk/qr/image_decode.h"

namespace kiosk::camera {

class FrameDecoder {
 public:
  using Decode = std::function<Result<std::vector<qr::DecodedSymbol>>(const Frame&)>;
  struct Outcome {
    std::uint64_t sequence = 0;
    std::vector<qr::DecodedSymbol> symbols;  // empty: nothing read (most frames)
  };
  struct Stats {
    std::uint64_t offered = 0;
    std::uint64_t decoded = 0;
    std::uint64_t dropped = 0;  // stale: a newer frame came before they were decoded
  };

  FrameDecoder(Decode decode, std::function<void(const Outcome&)> on_decoded);
  ~FrameDecoder();  // waits for the decode in flight, drops the waiting frame
  FrameDecoder(const FrameDecoder&) = delete;
  FrameDecoder& operator=(const FrameDecoder&) = delete;

  void offer(Frame frame);
  Stats stats() const;

  // The kiosk's decoder for a frame of either format (kiosk/qr/image_decode.h).
  static Decode kiosk_decoder(qr::DecodeOptions options = {});

 private:
  void run(std::stop_token stop);

  Decode decode_;
  std::function<void(const Outcome&)> on_decoded_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::optional<Frame> waiting_;
  Stats stats_;
  std::jthread worker_;
};

}  // namespace kiosk::camera

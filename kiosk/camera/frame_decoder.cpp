#include "kiosk/camera/frame_decoder.h"

#include <pthread.h>

namespace kiosk::camera {

FrameDecoder::FrameDecoder(Decode decode, std::function<void(const Outcome&)> on_decoded)
    : decode_(std::move(decode)),
      on_decoded_(std::move(on_decoded)),
      worker_([this](std::stop_token stop) { run(stop); }) {}

FrameDecoder::~FrameDecoder() {
  worker_.request_stop();
  wake_.notify_all();
}

void FrameDecoder::offer(Frame frame) {
  {
    std::lock_guard lock(mutex_);
    ++stats_.offered;
    if (waiting_) ++stats_.dropped;  // stale: this newer frame takes its place
    waiting_ = std::move(frame);
  }
  wake_.notify_all();
}

FrameDecoder::Stats FrameDecoder::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void FrameDecoder::run(std::stop_token stop) {
  pthread_setname_np(pthread_self(), "kiosk-frames");
  for (;;) {
    std::optional<Frame> frame;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [&] { return waiting_.has_value(); })) return;
      frame = std::move(waiting_);
      waiting_.reset();
    }
    Outcome outcome{frame->sequence, {}};
    try {
      if (auto symbols = decode_(*frame)) outcome.symbols = std::move(*symbols);
      {
        std::lock_guard lock(mutex_);
        ++stats_.decoded;
      }
      if (on_decoded_) on_decoded_(outcome);
    } catch (...) {  // nothing leaves the worker; the frame counts as read empty
    }
  }
}

FrameDecoder::Decode FrameDecoder::kiosk_decoder(qr::DecodeOptions options) {
  return [options](const Frame& f) {
    return f.format == PixelFormat::Yuyv
               ? qr::decode_yuyv(f.pixels, f.width, f.height, f.stride, options)
               : qr::decode_grey(f.pixels, f.width, f.height, f.stride, options);
  };
}

}  // namespace kiosk::camera

// What the screens need from voice guidance: say an utterance (one at a time: a new one
// stops the old), stop, and whether something is still being said. VoiceGuide (ui/voice/)
// is the real one; the kiosk runs without one when espeak-ng cannot start, and the listen
// targets are then not shown.
#pragma once

#include <string>

#include "ui/voice/voice_guide.h"

namespace kiosk::ui {

class Speaker {
 public:
  virtual ~Speaker() = default;
  virtual void say(Utterance utterance) = 0;  // non-blocking
  virtual void stop() = 0;
  virtual bool speaking() const = 0;
};

class VoiceSpeaker final : public Speaker {
 public:
  explicit VoiceSpeaker(VoiceGuide& guide) : guide_(guide) {}
  void say(Utterance utterance) override { guide_.say(std::move(utterance)); }
  void stop() override { guide_.stop(); }
  bool speaking() const override { return guide_.speaking(); }

 private:
  VoiceGuide& guide_;
};

}  // namespace kiosk::ui

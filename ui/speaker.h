// What the screens need from voice guidance: say a prompt, and whether it is still being
// said. VoiceGuide (ui/voice/) is the real one; the kiosk runs without one when espeak-ng
// cannot start, and the speaker button is then not shown.
#pragma once

#include <string>

#include "ui/voice/voice_guide.h"

namespace kiosk::ui {

class Speaker {
 public:
  virtual ~Speaker() = default;
  virtual void speak(std::string text, std::string language) = 0;  // non-blocking
  virtual bool speaking() const = 0;
};

class VoiceSpeaker final : public Speaker {
 public:
  explicit VoiceSpeaker(VoiceGuide& guide) : guide_(guide) {}
  void speak(std::string text, std::string language) override {
    guide_.speak(std::move(text), std::move(language));
  }
  bool speaking() const override { return guide_.speaking(); }

 private:
  VoiceGuide& guide_;
};

}  // namespace kiosk::ui

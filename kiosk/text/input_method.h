// Phonetic typing: Latin letters in, script out, through an m17n-db input method
// (hi-itrans: "ramesh kumaar" → "रमेश कुमार") and libm17n's own input-method engine. The
// kiosk keeps no transliteration table of its own.
//
//  [X] Opens an input method by language and name ("hi", "itrans"): the .mim file is read
//      then, once, so typing does no I/O
//  [X] transliterate(keys): what the keys typed, the pending preedit committed, so the
//      field shows the shaped word live while the citizen is still typing it
//  [X] One lock around every libm17n call: the library keeps global state
//  [ ] Candidate lists (hi-itrans has none; hi-phonetic-like methods with candidates would
//      need a chooser on screen)
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::text {

// What an on-screen phonetic keyboard asks of an input method.
class Transliterator {
 public:
  virtual ~Transliterator() = default;
  // The text that typing `keys` (ASCII, one key per char; ' ' is the space bar) into a
  // fresh input context produces, with whatever is still pending committed at the end.
  virtual std::string transliterate(std::string_view keys) const = 0;
};

class M17nInputMethod final : public Transliterator {
 public:
  // Errc::NotFound when m17n-db has no such input method (package m17n-db missing).
  static Result<std::unique_ptr<M17nInputMethod>> open(std::string_view language,
                                                       std::string_view name);
  ~M17nInputMethod() override;
  M17nInputMethod(const M17nInputMethod&) = delete;
  M17nInputMethod& operator=(const M17nInputMethod&) = delete;

  std::string transliterate(std::string_view keys) const override;

 private:
  struct Handle;
  explicit M17nInputMethod(std::unique_ptr<Handle> im);
  std::unique_ptr<Handle> im_;
};

}  // namespace kiosk::text

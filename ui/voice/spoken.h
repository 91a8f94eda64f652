// The words the voice guide says, built from the string catalogues: a target's spoken
// name or a screen's prompt is an i18n key, and some keys take arguments ("{}") that are
// filled here. Numbers stay digits in the text; espeak-ng reads digits as numbers in the
// voice's own language ("45" is "पैंतालीस" in Hindi), so amounts, steps and receipt numbers
// are spoken in the session's language without a number speller of our own.
//
// No ImGui, no SDL: the text engine's rule for kiosk/text applies here too.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/i18n/strings.h"

namespace kiosk::ui {

// The catalogue text of `key` in `language` with `args` put in its "{}"s. A key the
// catalogues lack, or a text whose placeholders do not match `args`, gives `fallback` (a
// target's label) rather than a wrong sentence or a thrown error.
std::string spoken_text(const i18n::Strings& strings, std::string_view language,
                        std::string_view key, std::span<const std::string> args,
                        std::string_view fallback = {});

// "45 रुपये", "40 रुपये 50 पैसे", "निःशुल्क": an amount as it is said, digits and all.
std::string spoken_amount(const i18n::Strings& strings, std::string_view language,
                          std::int64_t paise);

// The part of a receipt number a citizen says at a counter: the day's sequence at its end
// ("CG-RPR-0042-20261207-000123" → "123"); the whole number when it has no such part.
std::string spoken_receipt(std::string_view receipt_no);

}  // namespace kiosk::ui

// Devanagari and mixed strings that break naive rendering, each with the feature it tests.
#pragma once

#include <array>
#include <string_view>

namespace kiosk::testing {

struct Tricky {
  std::string_view text;
  std::string_view why;
};

inline constexpr std::array kTrickyStrings{
    Tricky{"हिन्दी", "pre-base i-matra and a half form"},
    Tricky{"कि", "pre-base i-matra reordered before its consonant"},
    Tricky{"क्षत्रिय", "conjuncts क्ष and त्र"},
    Tricky{"प्रमाणपत्र", "ra-phala below प and त"},
    Tricky{"कर्म", "reph: र् above the next consonant"},
    Tricky{"धर्मार्थ", "two rephs"},
    Tricky{"ज़मीन", "nukta as a separate mark"},
    Tricky{"फ़ोन", "nukta with o-matra"},
    Tricky{"संबंध", "anusvara"},
    Tricky{"चाँद", "chandrabindu over aa-matra"},
    Tricky{"हँसी", "chandrabindu and ii-matra"},
    Tricky{"क्\u200Dष", "ZWJ forces the half form"},
    Tricky{"क्\u200Cष", "ZWNJ forces a visible halant"},
    Tricky{"१२३४५६७८९०", "Devanagari digits"},
    Tricky{"श्री", "shri ligature"},
    Tricky{"बुद्धि", "conjunct द्ध with i-matra"},
    Tricky{"ट्रेन", "rakar under ट"},
    Tricky{"स्त्री", "three-consonant conjunct"},
    Tricky{"रुपया रूप", "special र with u and uu matras"},
    Tricky{"कृपया", "vocalic r matra"},
    Tricky{"ॐ", "om sign"},
    Tricky{"ग्राम पंचायत", "conjunct and anusvara across words"},
    Tricky{"आय प्रमाण पत्र ₹30", "mixed: Devanagari, rupee sign and ASCII digits"},
    Tricky{"Income प्रमाण पत्र 2024", "mixed: Latin, Devanagari, digits"},
    Tricky{"आधार: XXXX XXXX 1234", "masked Aadhaar in a Hindi label"},
    Tricky{"ह्म द्व ह्र", "conjuncts with ह and द"},
};

}  // namespace kiosk::testing

// Catalogues made in the tests: more services than the demo's, in categories, for the
// home screen's scrolling and its category tabs.
#pragma once

#include <fmt/format.h>

#include "kiosk/services/catalogue.h"

namespace kiosk::testing {

// `services` services spread over `categories` categories, round robin: service i is
// "test.service_<i>" in category "group_<i % categories>", all with a picture, a price and a
// time, Hindi and English names.
inline services::Catalogue made_catalogue(int services, int categories) {
  services::Catalogue c;
  const char* pictures[] = {"description", "badge", "payments", "electric_bolt", "house"};
  for (int k = 0; k < categories; ++k) {
    c.categories.push_back({fmt::format("group_{}", k),
                            {{"en", fmt::format("Group {}", k)}, {"hi", fmt::format("समूह {}", k)}},
                            pictures[k % 5]});
  }
  for (int i = 0; i < services; ++i) {
    services::Service s;
    s.id = fmt::format("test.service_{}", i);
    s.title = {{"en", fmt::format("Service {}", i)}, {"hi", fmt::format("सेवा {}", i)}};
    s.summary = {{"en", "A service made by the test."}, {"hi", "परीक्षण की सेवा।"}};
    s.amount_paise = 1000 * i;
    s.fee_paise = 500;
    s.icon = pictures[i % 5];
    s.category = fmt::format("group_{}", i % categories);
    s.minutes = 5 + i;
    c.services.push_back(std::move(s));
  }
  return c;
}

}  // namespace kiosk::testing

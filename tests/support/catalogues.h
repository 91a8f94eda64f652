// Catalogues made in the tests: more services than the demo's, in categories, for the
// home screen's scrolling and its category tabs; and the shipped one without its forms.
#pragma once

#include <fmt/format.h>

#include <stdexcept>

#include "kiosk/services/catalogue.h"
#include "tests/support/paths.h"

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

// The shipped catalogue's services as every one of them was before each had its own form:
// applications with no fields of their own (forms::form_for gives them the applicant's
// required name, mobile and Aadhaar number) and no consent screen. For the tests of form
// mechanics, which should not change when the shipped services' forms do.
inline services::Catalogue applicant_catalogue() {
  auto c = services::load_catalogue(assets_dir() / "services" / "catalogue.json");
  if (!c) throw std::runtime_error(c.error().message);
  for (auto& s : c->services) {
    s.kind = services::ServiceKind::Application;
    s.identity = services::Identity::None;
    s.consent.reset();
    s.biller_id.clear();
    s.fields.clear();
    s.field_texts.clear();
  }
  return std::move(*c);
}

}  // namespace kiosk::testing

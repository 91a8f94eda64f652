// Who the applicant is, as far as this kiosk can tell (issue 25): a scanned Aadhaar QR that
// fills the form, or the operator who looked at an identity document. The fingerprint's
// authentication has its own view (FingerprintView). Pure: text in, values out; the core
// applies them to the session's form.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/app/snapshot.h"
#include "kiosk/forms/field.h"

namespace kiosk::app {

// What a scanned Aadhaar QR gives the form: the view for the screens and, per field id,
// the value to put there (only values the field's rule accepts whole).
struct IdentityFill {
  IdentityView view;
  std::map<std::string, std::string> values;
};

// Reads an Aadhaar QR (Secure QR, or the older XML) and maps it onto `form` by each field's
// `from_aadhaar`. A tampered Secure QR (its signature does not match) and a QR that cannot
// be read fill nothing. `cert` is UIDAI's certificate (uidai.cert_path); without one a
// Secure QR is read but unverified. The record's full number never exists here: the
// parsers keep the last 4 digits only.
IdentityFill identity_from_qr(std::string_view text, const forms::Form& form,
                              const std::filesystem::path& cert);

// "S/O Ram Kumar" → "Ram Kumar": the relation taken off a Secure QR's care-of line.
std::string care_of_name(std::string_view care_of);
// The address in one line, each part once: house, street, landmark, locality, village or
// town, district, state (or the QPDB family's single "full" line).
std::string address_line(const std::map<std::string, std::string>& address);
// "01-01-1990" or "01/01/1990" → "01011990" (how a date field holds it); empty otherwise.
std::string date_digits(std::string_view dob);

// The documents an operator may confirm a citizen's identity with (the identity page's
// buttons, the transaction's fields.identity_document).
inline constexpr std::string_view kIdentityDocuments[] = {"voter_id", "ration_card",
                                                          "other_document"};

}  // namespace kiosk::app

// The values of a session's secret fields (the Aadhaar number): held in locked memory
// (kiosk/core/secret.h), never in the Snapshot, which shows only their mask. Owned by the
// core thread; wiped with the session.
//
// The screens type into a secret field one key at a time (TypeSecret), so the full number
// never exists outside the Secret: not in a command, a snapshot or the UI's state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/secret.h"
#include "kiosk/forms/field.h"
#include "kiosk/forms/rules.h"

namespace kiosk::app {

// Which fields are secret: the Aadhaar number, whatever the field's id.
bool is_secret(const forms::FieldSpec& field);

class SecretFields {
 public:
  // The field's value; empty when none was typed.
  std::string_view value(const std::string& field) const;
  bool has(const std::string& field) const { return values_.contains(field); }
  // Replaces the value with a copy of `value` (tests, a scan). False when no locked memory.
  bool set(const std::string& field, std::string_view value);
  // One key: a digit appends, '\b' takes the last one back. Returns the problem the would-be
  // value has for `field` (forms::typing_problem), leaving the value unchanged then.
  std::optional<forms::Problem> type(const forms::FieldSpec& field, char key);
  // The mask the snapshot shows while typing: "XXXX XXXX 12", "XXXX XXXX 1234".
  std::string mask(const std::string& field) const;
  void erase(const std::string& field);
  void clear();  // every value zeroed and freed

 private:
  Secret& slot(const std::string& field);
  std::map<std::string, Secret, std::less<>> values_;
};

}  // namespace kiosk::app

// The details form inside a session: which values the core takes, and which errors it
// publishes. The rules are kiosk/forms'; this decides when each error appears and goes.
//
//  - A value that breaks its field's rule is refused, and that field shows why.
//  - Leaving a field half-typed (the keyboard closed on "98765") shows its error then.
//  - A refused review publishes every field in error and gives the first one the keyboard.
//  - After that, each field's error follows its value; before it, a field's error goes
//    as soon as the field is typed into again.
#pragma once

#include <string>

#include "kiosk/app/secret_fields.h"
#include "kiosk/app/snapshot.h"

namespace kiosk::app {

// A new service's form: its fields, no errors, nothing checked yet. The values typed for
// another service's form are kept where the field ids match (the same applicant).
//
// Secret fields (secret_fields.h) keep their value in `secrets`; the snapshot shows their
// mask only.
void open_form(Snapshot& s, SecretFields& secrets, forms::Form form);
// False, with the field's error published, when `value` breaks the rule of `field` or the
// form has no such field (then nothing is published).
bool set_field(Snapshot& s, SecretFields& secrets, const std::string& field,
               std::string_view value);
// One key typed into a secret field ('0'-'9', or '\b' for backspace). False, with the
// field's error published, when the field refuses it or is not a secret field.
bool type_secret(Snapshot& s, SecretFields& secrets, const std::string& field, char key);
// The keyboard moves to `field` (empty: closes). False for a field the form lacks.
bool focus_field(Snapshot& s, const SecretFields& secrets, const std::string& field);
// True when the form is complete and may be reviewed; otherwise the errors are published
// and the first field in error has the keyboard.
bool review_form(Snapshot& s, const SecretFields& secrets);

}  // namespace kiosk::app

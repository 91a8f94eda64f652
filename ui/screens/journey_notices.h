// Pieces several screens share (journey_notices.cpp): pre-flight, identity.
#pragma once

#include "ui/screens/screens.h"

namespace kiosk::ui {

// The devices that stop the selected service now, and "call the operator"; or the note that
// the receipt comes on the screen. True when the service cannot go on (its primary action
// is to be left out).
bool preflight_notice(Frame& f, float width);
// On the form: what a scanned Aadhaar QR did, or the hint to scan one.
void identity_scan_notice(Frame& f, float width);
// On the review: how the applicant's identity stands, and "show a document to the operator".
void identity_review(Frame& f, float width);

}  // namespace kiosk::ui

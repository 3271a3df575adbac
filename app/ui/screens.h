// One function per screen; each draws its part of the screen model into the content area and
// appends intents. The footer, header and keyboard are drawn by view.cpp from the same model.
#pragma once

#include "ui/widgets.h"

namespace motcua::ui {

void screen_attract(Frame& frame, const core::AttractScreen& screen);
void screen_choose(Frame& frame, const core::ChooseScreen& screen);
void screen_eligibility(Frame& frame, const core::EligibilityScreen& screen);
void screen_eligibility_exit(Frame& frame, const core::EligibilityExitScreen& screen);
void screen_requirements(Frame& frame, const core::RequirementsScreen& screen);
void screen_guidance(Frame& frame, const core::GuidanceScreen& screen);
void screen_question(Frame& frame, const core::QuestionScreen& screen);
void screen_review(Frame& frame, const core::ReviewScreen& screen);
void screen_submitting(Frame& frame, const core::SubmittingScreen& screen);
void screen_receipt(Frame& frame, const core::ReceiptScreen& screen);
void screen_rating(Frame& frame, const core::RatingScreen& screen);
void screen_thanks(Frame& frame, const core::ThanksScreen& screen);
void screen_lookup(Frame& frame, const core::LookupScreen& screen);
// [staff] The hidden corner (every screen) and staff mode over everything (screen_staff.cpp).
// The hidden corner: a 12.7 mm square in the header, top-left, clear of everything drawn there.
void staff_corner(Frame& frame, float header_height);
void staff_overlay(Frame& frame, const core::StaffScreen& screen);
void ticket_panel(Frame& frame, const core::TicketPanel& panel);  // [paper] screen_receipt.cpp

// Shared bits of screens.
// A typed field's box: shows the value and a caret when focused; tapping focuses it.
// `reserve`: px kept free on its right (for a button beside it); `placeholder`: an empty box
// shows its label inside (where no label is drawn above it).
void field_box(Frame& frame, const core::FieldBox& box, float reserve = 0,
               bool placeholder = false);

}  // namespace motcua::ui

// One function per screen; each draws into the content area and appends intents.
#pragma once

#include "ui/widgets.h"

namespace motcua::ui {

// Footer buttons a screen asks for: Back on the left, the primary action on the right.
struct Footer {
    bool back = false;
    const char* primary_key = nullptr;  // i18n key of the primary button's label
    core::Intent primary = core::intent::Next{};
    bool primary_enabled = true;
    Style primary_style = Style::Primary;
};

Footer screen_attract(Frame& frame);
Footer screen_choose(Frame& frame);
Footer screen_eligibility(Frame& frame);
Footer screen_eligibility_exit(Frame& frame);
Footer screen_requirements(Frame& frame);
Footer screen_guidance(Frame& frame);
Footer screen_question(Frame& frame);
Footer screen_review(Frame& frame);
Footer screen_submitting(Frame& frame);
Footer screen_receipt(Frame& frame);
Footer screen_rating(Frame& frame);
Footer screen_thanks(Frame& frame);
Footer screen_lookup(Frame& frame);

// Shared bits of screens.
const core::Procedure& chosen(const Frame& frame);
// A typed field's box: shows the value and a caret when focused; tapping focuses it.
void field_box(Frame& frame, const std::string& label, const std::string& id, const std::string& value,
               bool focused, bool has_error);
// "dd/mm/yyyy" or "HH:mm dd/mm/yyyy" for a portal time; the raw text when it does not parse.
std::string display_time(const std::string& portal_time, bool with_time);
// The title of item `n` of a repeatable page: "Giấy tờ thứ 2".
std::string item_title(const Frame& frame, const core::RepeatDef& repeat, int n);

}  // namespace motcua::ui

// The screen model of every screen but the question page (screen_question.cpp).
//
// Index
//   [SECTION] Words        looking up i18n keys in the resident's language
//   [SECTION] Chrome       header, footer, keyboard, idle overlay
//   [SECTION] Choosing     attract, choose, eligibility, requirements, guidance (fee wording)
//   [SECTION] Filing       review, submitting, receipt, rating, thanks, lookup
//   [SECTION] The whole screen
#include "core/screen/screen.h"

#include <algorithm>

#include "core/filing/portal_time.h"
#include "core/form/field_check.h"
#include "core/receipt/receipt.h"  // [paper]
#include "core/screen/words.h"

namespace motcua::core {

// [SECTION] Words ---------------------------------------------------------------------------------

Text Words::t(const std::string& key) const {
    return Text{strings.text(key), key};
}

Text Words::f(const std::string& key,
              const std::vector<std::pair<std::string, std::string>>& values) const {
    return Text{strings.format(key, values), {}};
}

Text Words::local(const LocalText& text) const {
    return Text{text.in(language), {}};
}

Action Words::action(const std::string& key, std::string id, Intent intent,
                     ButtonStyle style) const {
    return Action{t(key), std::move(id), std::move(intent), true, style};
}

std::string item_title(const LocalText& title_template, Language language, int n) {
    std::string title = title_template.in(language);
    if (auto at = title.find("{n}"); at != std::string::npos)
        title.replace(at, 3, std::to_string(n));
    return title;
}

std::string display_time(const std::string& portal_time, bool with_time) {
    auto parsed = parse_portal_time(portal_time);
    if (!parsed) return portal_time;
    return with_time ? format_display_date_time(*parsed) : format_display_date(*parsed);
}

std::string shown_answer(const I18n& strings, Language language, const FieldDef& field,
                         const std::string& value) {
    if (value.empty()) return strings.text("review.not_given");
    if (field.type == FieldType::YesNo)
        return strings.text(value == "yes" ? "answer.yes" : "answer.no");
    if (field.type == FieldType::Choice || field.type == FieldType::MultiChoice) {
        std::string out;
        const std::string joined = "|" + value + "|";
        for (const auto& option : field.options)
            if (joined.find("|" + option.value + "|") != std::string::npos)
                out += (out.empty() ? "" : ", ") + option.label.in(language);
        return out;
    }
    return value;
}

// [layout]
Contrast next_contrast(Contrast contrast) {
    switch (contrast) {
        case Contrast::Standard:
            return Contrast::HighDark;
        case Contrast::HighDark:
            return Contrast::HighLight;
        case Contrast::HighLight:
            return Contrast::LowGlare;
        case Contrast::LowGlare:
            break;
    }
    return Contrast::Standard;
}
// [/layout]

namespace {

// [SECTION] Chrome --------------------------------------------------------------------------------

Header make_header(const Words& w, const SessionState& state) {
    Header header;
    if (state.screen != Screen::Attract && state.screen != Screen::Submitting)
        header.home = w.action("header.home", "home", intent::Home{});
    // [layout] Text size cycles Normal → Large → ExtraLarge → Small → Normal; contrast cycles
    // every mode (next_contrast), from the header on every screen but the attract screen, which
    // has its own big button.
    const TextSize size = state.settings.text_size;
    const TextSize next = size == TextSize::Normal  ? TextSize::Large
                          : size == TextSize::Large ? TextSize::ExtraLarge
                          : size == TextSize::Small ? TextSize::Normal
                                                    : TextSize::Small;
    header.text_size =
        w.action(size == TextSize::ExtraLarge ? "header.text_smaller" : "header.text_larger",
                 "text_size", intent::SetTextSize{next});
    if (state.screen != Screen::Attract)
        header.contrast = w.action("header.contrast", "header_contrast",
                                   intent::SetContrast{next_contrast(state.settings.contrast)});
    // [/layout]
    const bool english = state.settings.language == Language::English;
    header.language =
        w.action("header.other_language", "language",
                 intent::SetLanguage{english ? Language::Vietnamese : Language::English});
    // [help] "Gọi cán bộ" on every screen; once called it says so (a second tap does nothing).
    header.call_staff = w.action(
        state.staff_called ? "help.called" : "help.call_staff", "call_staff", intent::CallStaff{},
        state.staff_called ? ButtonStyle::Selected : ButtonStyle::Secondary);
    // [/help]
    // [speech] "Nghe lại" on every page (the attract screen has "Nghe hướng dẫn" instead).
    if (state.screen != Screen::Attract)
        header.listen = w.action("header.listen", "listen", intent::Listen{});
    // [/speech]
    return header;
}

// [help] The question drawn over the screen, the safe choice first.
std::optional<Dialog> make_dialog(const Words& w, const SessionState& state) {
    switch (state.ask) {
        case Ask::None:
            return std::nullopt;
        case Ask::LeaveVisit:
            return Dialog{w.t("dialog.leave.title"),
                          w.t("dialog.leave.body"),
                          {w.action("dialog.leave.stay", "dialog_stay", intent::CloseDialog{},
                                    ButtonStyle::Primary),
                           w.action("dialog.leave.confirm", "dialog_leave", intent::ConfirmHome{},
                                    ButtonStyle::Danger)}};
        case Ask::AfterGuidance:
            return Dialog{
                w.t("dialog.after_guidance.title"),
                w.t("dialog.after_guidance.body"),
                {w.action("dialog.after_guidance.another", "dialog_another",
                          intent::ChooseAnother{}, ButtonStyle::Primary),
                 w.action("dialog.after_guidance.home", "dialog_home", intent::ConfirmHome{}),
                 w.action("dialog.after_guidance.back", "dialog_back", intent::CloseDialog{})}};
    }
    return std::nullopt;
}

// [help] Above the content: staff are coming, or what a scan that changed nothing was.
std::optional<Text> make_banner(const Words& w, const SessionState& state) {
    if (state.staff_called) return w.t("help.staff_coming");
    if (!state.scan_message.empty()) return w.t(state.scan_message);
    return std::nullopt;
}
// [/help]

Footer footer_with(const Words& w, bool back, const char* primary_key,
                   Intent primary = intent::Next{}, ButtonStyle style = ButtonStyle::Primary) {
    Footer footer;
    if (back) footer.back = w.action("footer.back", "back", intent::Back{});
    if (primary_key) footer.primary = w.action(primary_key, "primary", std::move(primary), style);
    return footer;
}

Action key(std::string label, std::string id, Intent intent, ButtonStyle style = ButtonStyle::Key) {
    return Action{Text{std::move(label), {}}, std::move(id), std::move(intent), true, style};
}

Keyboard make_keyboard(const Words& w, KeyboardKind kind, bool shift) {
    Keyboard keyboard{kind, {}};
    if (kind == KeyboardKind::None) return keyboard;
    auto special = [&](const char* label_key, const char* id, Intent intent, ButtonStyle style) {
        return w.action(label_key, id, std::move(intent), style);
    };
    if (kind == KeyboardKind::Numbers) {
        const char* rows[3][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}};
        for (int r = 0; r < 3; ++r) {
            std::vector<Action> row;
            for (const char* digit : rows[r])
                row.push_back(key(digit, std::string("digit_") + digit, intent::TypeText{digit}));
            if (r == 0)
                row.push_back(special("keyboard.backspace", "key_backspace", intent::Backspace{},
                                      ButtonStyle::Key));
            if (r == 1) row.push_back(key("/", "digit_slash", intent::TypeText{"/"}));
            if (r == 2)
                row.push_back(
                    special("keyboard.done", "key_done", intent::Focus{""}, ButtonStyle::Primary));
            keyboard.rows.push_back(std::move(row));
        }
        keyboard.rows.push_back({key("0", "digit_0", intent::TypeText{"0"})});
        return keyboard;
    }
    const char* letters[3] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    for (int r = 0; r < 3; ++r) {
        std::vector<Action> row;
        for (const char* c = letters[r]; *c; ++c) {
            // Shift: the next letter is a capital, and the keys say so.
            std::string letter(1, shift ? static_cast<char>(*c - 'a' + 'A') : *c);
            row.push_back(key(letter, std::string("key_") + *c, intent::TypeText{letter}));
        }
        if (r == 0)
            row.push_back(special("keyboard.backspace", "key_backspace", intent::Backspace{},
                                  ButtonStyle::Key));
        if (r == 1)
            row.push_back(special("keyboard.shift", "key_shift", intent::Shift{},
                                  shift ? ButtonStyle::Selected : ButtonStyle::Key));
        if (r == 2)
            row.push_back(
                special("keyboard.space", "key_space", intent::TypeText{" "}, ButtonStyle::Key));
        keyboard.rows.push_back(std::move(row));
    }
    // Vowel marks, then tones: visible keys instead of Telex, for residents who never typed.
    keyboard.rows.push_back({
        key("â ê ô", "mark_circumflex", intent::ApplyMark{Mark::Circumflex},
            ButtonStyle::Secondary),
        key("ă", "mark_breve", intent::ApplyMark{Mark::Breve}, ButtonStyle::Secondary),
        key("ơ ư", "mark_horn", intent::ApplyMark{Mark::Horn}, ButtonStyle::Secondary),
        key("đ", "mark_d", intent::ApplyMark{Mark::DStroke}, ButtonStyle::Secondary),
        key("á", "tone_sac", intent::ApplyTone{Tone::Sac}),
        key("à", "tone_huyen", intent::ApplyTone{Tone::Huyen}),
        key("ả", "tone_hoi", intent::ApplyTone{Tone::Hoi}),
        key("ã", "tone_nga", intent::ApplyTone{Tone::Nga}),
        key("ạ", "tone_nang", intent::ApplyTone{Tone::Nang}),
        special("keyboard.done", "key_done", intent::Focus{""}, ButtonStyle::Primary),
    });
    // Digits and the punctuation of addresses and dossier codes.
    std::vector<Action> digits;
    for (char c = '1'; c <= '9'; ++c)
        digits.push_back(
            key(std::string(1, c), std::string("digit_") + c, intent::TypeText{std::string(1, c)}));
    digits.push_back(key("0", "digit_0", intent::TypeText{"0"}));
    for (const char* mark : {",", ".", "-"})
        digits.push_back(key(mark, std::string("key_") + mark, intent::TypeText{mark}));
    keyboard.rows.push_back(std::move(digits));
    return keyboard;
}

// Which keyboard the focused field needs: none, letters, or the number pad.
KeyboardKind keyboard_for(const Session& session) {
    const SessionState& state = session.state();
    const bool typing = !state.focused_field.empty() &&
                        (state.screen == Screen::Question || state.screen == Screen::Choose ||
                         state.screen == Screen::Lookup);
    if (!typing) return KeyboardKind::None;
    if (state.screen == Screen::Question)
        if (const Procedure* chosen = session.procedure())
            if (const FieldDef* field = chosen->answer_owner(state.focused_field);
                field && uses_number_pad(field->type))
                return KeyboardKind::Numbers;
    return KeyboardKind::Letters;
}

std::optional<IdleOverlay> make_idle(const Words& w, const Session& session, std::int64_t now_ms) {
    if (!session.state().idle_warning) return std::nullopt;
    return IdleOverlay{
        w.t("idle.title"),
        w.f("idle.countdown", {{"seconds", std::to_string(session.idle_seconds_left(now_ms))}}),
        w.action("idle.still_here", "still_here", intent::StillHere{}, ButtonStyle::Primary)};
}

// [SECTION] Choosing ------------------------------------------------------------------------------

AttractScreen make_attract(const Words& w, const SessionState& state, const ScreenInputs& inputs) {
    // [layout] The button names the mode a tap gives.
    const Contrast next = next_contrast(state.settings.contrast);
    const char* contrast_key = next == Contrast::HighDark    ? "attract.contrast_high"
                               : next == Contrast::HighLight ? "attract.contrast_high_light"
                               : next == Contrast::LowGlare  ? "attract.contrast_low_glare"
                                                             : "attract.contrast_standard";
    AttractScreen screen{w.t("attract.title"), w.t("attract.subtitle"),
                         w.action("attract.start", "start", intent::Start{}, ButtonStyle::Primary),
                         w.action(contrast_key, "contrast", intent::SetContrast{next}),
                         // [/layout]
                         w.action("attract.lookup", "open_lookup", intent::OpenLookup{}),
                         w.t("attract.help"), std::nullopt, std::nullopt, std::nullopt,
                         std::nullopt};  // [paper] ticket_panel
    // [speech] Voice on for the visit; tapping it again reads the screen again.
    screen.voice = w.action("attract.voice", "voice", intent::VoiceOn{});
    // [/speech]
    // [staff] Only a discreet marker: what is wrong is told in staff mode, not to residents.
    if (inputs.staff_notice || !inputs.staff_problems.empty())
        screen.staff_notice = w.t("attract.staff_marker");
    screen.ticket = make_ticket_action(w, inputs);              // [paper]
    screen.ticket_panel = make_ticket_panel(w, state, inputs);  // [paper]
    return screen;
}

ChooseScreen make_choose(const Words& w, const Session& session) {
    const SessionState& state = session.state();
    const Catalog& catalog = session.catalog();
    ChooseScreen screen;
    screen.typing = state.focused_field == "search";
    screen.title = w.t("choose.title");
    screen.search_label = w.t("choose.search_label");
    screen.search =
        FieldBox{w.t("choose.search_label"), "search", state.search_text, screen.typing, false};
    if (!state.search_text.empty())
        screen.clear = w.action("choose.clear", "clear_search", intent::ClearField{"search"});
    auto add = [&](const Procedure& procedure) {
        screen.procedures.push_back(Action{w.local(procedure.name), "procedure_" + procedure.code,
                                           intent::ChooseProcedure{procedure.code}});
        screen.looks.push_back({procedure.icon, w.local(procedure.tagline)});  // [help]
    };
    if (state.search_text.empty()) {
        // [help] The most used first (the procedure files' rank), then by name.
        std::vector<const Procedure*> listed;
        for (const auto& procedure : catalog.procedures) listed.push_back(&procedure);
        std::stable_sort(listed.begin(), listed.end(),
                         [](const Procedure* a, const Procedure* b) { return a->rank < b->rank; });
        for (const Procedure* procedure : listed) add(*procedure);
        // [/help]
    } else {
        // Searched when the text changed (Session keeps the hits), not here on every frame.
        for (int index : state.search_hits)
            add(catalog.procedures[static_cast<std::size_t>(index)]);
        if (state.search_hits.empty()) screen.no_results = w.t("choose.no_results");
    }
    return screen;
}

const char* kind_key(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Original:
            return "documents.original";
        case DocumentKind::Copy:
            return "documents.copy";
        case DocumentKind::OriginalOrCopy:
            return "documents.original_or_copy";
        case DocumentKind::Show:
            return "documents.show";
    }
    return "documents.original";
}

std::optional<Documents> make_documents(const Words& w, const Procedure& procedure) {
    if (procedure.documents.empty()) return std::nullopt;
    Documents documents{w.t("requirements.documents"), {}};
    for (const auto& document : procedure.documents) {
        std::string line =
            "•  " + document.name.in(w.language) + " (" +
            w.strings.format(kind_key(document.kind), {{"count", std::to_string(document.count)}}) +
            ")";
        documents.lines.push_back({Text{line, {}}, w.local(document.note)});
    }
    return documents;
}

std::optional<Section> make_section(const Words& w, const char* title_key, const LocalText& body) {
    if (body.empty()) return std::nullopt;
    return Section{w.t(title_key), w.local(body)};
}

std::optional<FeeWording> make_fee(const Words& w, const Procedure& procedure,
                                   const ScreenInputs& inputs) {
    const FeeRule* rule = inputs.fees && !procedure.fee_key.empty()
                              ? inputs.fees->find(procedure.fee_key, inputs.today)
                              : nullptr;
    if (!rule && procedure.fee_note.empty()) return std::nullopt;
    FeeWording fee;
    fee.heading = w.t("requirements.fee");
    if (rule) {
        fee.amount = Text{fee_amount_text(w.strings, w.language, *rule),
                          rule->tiers.empty() && rule->amount == 0 ? "fee.free" : ""};
        fee.rule_note = w.local(rule->note);
    }
    fee.procedure_note = w.local(procedure.fee_note);
    return fee;
}

RequirementsScreen make_requirements(const Words& w, const Procedure& procedure,
                                     const ScreenInputs& inputs) {
    return RequirementsScreen{w.local(procedure.name),
                              w.local(procedure.description),
                              make_documents(w, procedure),
                              make_fee(w, procedure, inputs),
                              make_section(w, "requirements.time", procedure.processing_note),
                              make_section(w, "requirements.authority", procedure.authority)};
}

GuidanceScreen make_guidance(const Words& w, const Procedure& procedure,
                             const ScreenInputs& inputs) {
    return GuidanceScreen{w.local(procedure.name),
                          w.t("guidance.not_here"),
                          w.local(procedure.guidance),
                          make_documents(w, procedure),
                          make_section(w, "requirements.authority", procedure.authority),
                          make_fee(w, procedure, inputs)};
}

// [SECTION] Filing --------------------------------------------------------------------------------

ReviewScreen make_review(const Words& w, const Session& session, const Procedure& procedure) {
    const SessionState& state = session.state();
    ReviewScreen screen;
    screen.title = w.t("review.title");
    screen.intro = w.t("review.intro");
    if (!state.notice.empty()) screen.notice = w.t(state.notice);
    const PersonFacts facts = person_facts(procedure, state.visit.answers);  // [help]
    for (int page_index : session.visible_pages()) {
        const auto& page = procedure.pages[static_cast<std::size_t>(page_index)];
        ReviewPage shown{
            {}, w.action("review.change", "edit_" + page.id, intent::EditPage{page_index})};
        const int items = session.item_count(page);
        for (int item = 1; item <= items; ++item) {
            ReviewItem rows;
            if (page.repeat)
                rows.title = Text{item_title(page.repeat->item_title, w.language, item), {}};
            for (const auto& field : page.fields) {
                if (!session.field_visible(field)) continue;
                // An address shows whole, as checked: "12 Lê Lợi, Phường Ba Đình, Thành phố Hà
                // Nội".
                const std::string answer =
                    state.answer(field.type == FieldType::Address ? field.id + kAddressFull
                                                                  : item_key(field.id, item));
                ReviewRow row{w.local(field.label),
                              Text{shown_answer(w.strings, w.language, field, answer), {}}};
                // [help] Answers that contradict what the ID number says, flagged, not blocked.
                if (item == 1)
                    if (auto found = facts.conflicts.find(field.id); found != facts.conflicts.end())
                        for (const auto& code : found->second)
                            row.warnings.push_back(w.t("warning." + code));
                // [/help]
                rows.rows.push_back(std::move(row));
            }
            shown.items.push_back(std::move(rows));
        }
        screen.pages.push_back(std::move(shown));
    }
    screen.declaration = w.t("review.declaration");
    return screen;
}

ReceiptScreen make_receipt(const Words& w, const SessionState& state, const Procedure& procedure,
                           const ScreenInputs& inputs) {
    const Submission& submission = state.submission;
    const bool accepted = submission.delivery == Delivery::Accepted;
    ReceiptScreen receipt;
    receipt.title = w.t(accepted ? "receipt.title_accepted" : "receipt.title_saved");
    receipt.procedure = w.local(procedure.name);
    receipt.code_label = w.t(accepted ? "receipt.code_label" : "receipt.provisional_label");
    receipt.code = accepted ? submission.ma_ho_so : submission.provisional_code;
    const std::string due = accepted ? submission.ngay_hen_tra : submission.expected_due;
    if (!due.empty()) {
        receipt.due_label = w.t(accepted ? "receipt.due_label" : "receipt.expected_due_label");
        receipt.due = Text{display_time(due, true), {}};
    }
    receipt.qr_payload = receipt.code;
    if (submission.delivery == Delivery::Held)
        receipt.notice = w.t("receipt.held");
    else if (!accepted)  // [help] no network is not a slow one
        receipt.notice =
            w.t(inputs.portal_unreachable ? "receipt.queued_offline" : "receipt.queued");
    receipt.next_steps = w.t("receipt.next_steps");
    fill_receipt(receipt, w, state, procedure, inputs);  // [paper]
    return receipt;
}

LookupScreen make_lookup(const Words& w, const SessionState& state, bool portal_unreachable) {
    LookupScreen screen;
    screen.title = w.t("lookup.title");
    screen.intro = w.t("lookup.intro");
    screen.code_label = w.t("lookup.code_label");
    auto error = state.visit.errors.find("lookup");
    if (error != state.visit.errors.end()) screen.error = w.t("error." + error->second);
    screen.box = FieldBox{w.t("lookup.code_label"), "lookup", state.lookup_code,
                          state.focused_field == "lookup", error != state.visit.errors.end()};
    const LookupView& lookup = state.lookup;
    switch (lookup.state) {
        case LookupState::None:
            break;
        case LookupState::Asking:
            screen.show = LookupShow::Paragraph, screen.result = w.t("lookup.asking");
            break;
        case LookupState::Found:
            screen.show = LookupShow::Notice;
            screen.result =
                w.f("lookup.found",
                    {{"code", lookup.code},
                     {"procedure", lookup.procedure},
                     {"status", w.strings.text("status." + std::to_string(lookup.trang_thai))}});
            if (!lookup.ngay_hen_tra.empty())
                screen.due = Text{w.strings.text("receipt.due_label") + " " +
                                      display_time(lookup.ngay_hen_tra, true),
                                  {}};
            break;
        case LookupState::Waiting:
            screen.show = LookupShow::Notice, screen.result = w.t("lookup.waiting");
            break;
        case LookupState::NotFound:
            screen.show = LookupShow::ErrorNotice, screen.result = w.t("lookup.not_found");
            break;
        case LookupState::Unavailable:
            screen.show = LookupShow::ErrorNotice;  // [help] no network is not a slow one
            screen.result =
                w.t(portal_unreachable ? "lookup.unavailable_offline" : "lookup.unavailable");
            break;
    }
    return screen;
}

}  // namespace

// The fee rule in force today, in words a resident reads: "8.000 ₫ mỗi bản", "2.000 ₫ mỗi trang;
// từ trang thứ 3: 1.000 ₫ mỗi trang; tối đa 200.000 ₫ cho mỗi bản", "Miễn phí".
std::string fee_amount_text(const I18n& strings, Language language, const FeeRule& rule) {
    const std::string unit = rule.per.in(language);
    auto priced = [&](long long amount) {
        const std::string money = format_vnd(amount);
        return unit.empty() ? money
                            : strings.format("fee.per_unit", {{"amount", money}, {"unit", unit}});
    };
    std::string line;
    if (rule.tiers.empty()) {
        if (rule.amount == 0) return strings.text("fee.free");
        line = priced(rule.amount);
    } else {
        for (const auto& tier : rule.tiers) {
            if (!line.empty()) line += "; ";
            line += tier.from_unit <= 1
                        ? priced(tier.amount)
                        : strings.format("fee.from_unit", {{"unit", unit},
                                                           {"from", std::to_string(tier.from_unit)},
                                                           {"price", priced(tier.amount)}});
        }
    }
    if (rule.max) line += "; " + strings.format("fee.max", {{"amount", format_vnd(*rule.max)}});
    return line;
}

// [SECTION] The whole screen ----------------------------------------------------------------------

ScreenModel build_screen(const Session& session, const ScreenInputs& inputs) {
    const SessionState& state = session.state();
    const Words w{inputs.strings.in(state.settings.language), state.settings.language};
    ScreenModel model;
    model.screen = state.screen;
    model.text_size = static_cast<int>(state.settings.text_size);
    model.contrast = state.settings.contrast;
    model.header = make_header(w, state);
    model.keyboard = make_keyboard(w, keyboard_for(session), state.keyboard_shift);
    model.idle = make_idle(w, session, inputs.now_ms);
    model.banner = make_banner(w, state);  // [help]
    model.dialog = make_dialog(w, state);  // [help]
    // [staff] Staff mode covers the screen; the resident's screen model is built as always.
    if (state.staff.open) {
        model.staff = make_staff_screen(session, inputs);
        model.idle.reset();
    } else if (state.assisted && !model.banner && state.screen != Screen::Attract) {
        model.banner = w.t("staff.assisted_banner");
    }
    // [/staff]
    model.voice = state.voice;                      // [speech]
    model.listen_requests = state.listen_requests;  // [speech]
    model.language = state.settings.language;       // [speech]
    const Procedure* chosen = session.procedure();
    // Screens past the choice always have a procedure; a missing one shows the attract screen.
    auto needs = [&](Screen screen) {
        return screen == Screen::Attract || screen == Screen::Choose || screen == Screen::Lookup;
    };
    if (!chosen && !needs(state.screen)) {
        model.body = make_attract(w, state, inputs);
        model.footer.shown = false;
        return model;
    }
    switch (state.screen) {
        case Screen::Attract:
            model.body = make_attract(w, state, inputs);
            model.footer.shown = false;
            break;
        case Screen::Choose:
            model.body = make_choose(w, session);
            model.footer = footer_with(w, true, nullptr);
            // Searching: the results show between the box and the keyboard, so the footer steps
            // aside (the keyboard's "Xong" brings it back).
            model.footer.shown = model.keyboard.kind == KeyboardKind::None;
            break;
        case Screen::Eligibility: {
            const auto& question =
                chosen->eligibility[static_cast<std::size_t>(state.visit.eligibility_index)];
            model.body = EligibilityScreen{
                w.local(chosen->name), w.local(question.question),
                w.action("answer.yes", "answer_yes", intent::AnswerEligibility{true}),
                w.action("answer.no", "answer_no", intent::AnswerEligibility{false})};
            model.footer = footer_with(w, true, nullptr);
            break;
        }
        case Screen::EligibilityExit: {
            const auto& question =
                chosen->eligibility[static_cast<std::size_t>(state.visit.eligibility_index)];
            EligibilityExitScreen exit{w.local(question.exit_title), w.local(question.exit_body),
                                       w.t("exit.ask_staff")};
            // [help] The procedure to do instead, in one tap.
            if (const Procedure* other = question.exit_procedure.empty()
                                             ? nullptr
                                             : session.catalog().find(question.exit_procedure))
                exit.offer = Action{w.f("exit.offer", {{"procedure", other->name.in(w.language)}}),
                                    "exit_offer", intent::SwitchProcedure{other->code}, true,
                                    ButtonStyle::Primary};
            // [/help]
            const bool offered = exit.offer.has_value();
            model.body = std::move(exit);
            model.footer = footer_with(w, true, "exit.done", intent::Finish{},
                                       offered ? ButtonStyle::Secondary  // [help] one primary
                                               : ButtonStyle::Primary);
            break;
        }
        case Screen::Requirements:
            model.body = make_requirements(w, *chosen, inputs);
            model.footer = footer_with(w, true, "requirements.start");
            break;
        case Screen::Guidance:
            model.body = make_guidance(w, *chosen, inputs);
            model.footer = footer_with(w, true, "guidance.done", intent::Finish{});
            break;
        case Screen::Question: {
            QuestionScreen question = make_question(w, session, *chosen);
            const bool ward_search = question.ward_search_only.has_value();
            model.body = std::move(question);
            model.footer =
                footer_with(w, true,
                            ward_search || !state.visit.returning_to_review ? "question.next"
                                                                            : "question.save");
            // Finding a ward with the keyboard open: the results take the footer's room too.
            model.footer.shown = !(model.keyboard.kind != KeyboardKind::None &&
                                   state.focused_field.ends_with(kAddressSearch));
            break;
        }
        case Screen::Review:
            model.body = make_review(w, session, *chosen);
            model.footer = footer_with(w, true, "review.submit", intent::Submit{});
            break;
        case Screen::Submitting:
            model.body = SubmittingScreen{
                w.t("submitting.title"),
                w.t(state.submission.delivery == Delivery::Saving ? "submitting.saving"
                                                                  : "submitting.sending")};
            break;
        case Screen::Receipt:
            model.body = make_receipt(w, state, *chosen, inputs);
            model.footer = footer_with(w, false, "receipt.done", intent::Finish{});
            break;
        case Screen::Rating:
            model.body =
                RatingScreen{w.t("rating.title"),
                             {w.action("rating.very_satisfied", "rate_3", intent::Rate{3}),
                              w.action("rating.satisfied", "rate_2", intent::Rate{2}),
                              w.action("rating.not_satisfied", "rate_1", intent::Rate{1})}};
            model.footer =
                footer_with(w, false, "rating.skip", intent::Finish{}, ButtonStyle::Secondary);
            break;
        case Screen::Thanks:
            model.body = ThanksScreen{w.t("thanks.title"), w.t("thanks.body")};
            model.footer = footer_with(w, false, "thanks.done", intent::Home{});
            break;
        case Screen::Lookup:
            model.body = make_lookup(w, state, inputs.portal_unreachable);
            model.footer = footer_with(w, true, "lookup.submit");
            break;
    }
    return model;
}

}  // namespace motcua::core

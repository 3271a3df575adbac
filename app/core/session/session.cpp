// The visit state machine. Read it as a book:
//
// Index
//   [SECTION] Construction and offers   catalogues and ward lists taken between visits only
//   [SECTION] Queries                   the chosen procedure, visible pages and fields, items
//   [SECTION] Dispatch and invariants   one entry point; invariants asserted after every intent
//   [SECTION] Intents                   one named handler per intent, in the order of session.h
//   [SECTION] Timers                    one table for the loop's deadline and for Tick
//   [SECTION] Moving between pages      Tiếp tục, Quay lại, repeatable items
//   [SECTION] Checking answers          field checks, addresses, warnings shown before moving on
//   [SECTION] Editing answers           typing into the focused field, typed answers by field type
//   [SECTION] Filing                    the filed answers, the dossier, the outbox effect
//   [SECTION] Lookup and scans
//   [SECTION] Derived lists             search and ward results, searched again only on a change
//   [SECTION] Help                      call staff, dialogs, physical keyboard, person facts
#include "core/session/session.h"

#include <algorithm>
#include <cassert>

#include "core/filing/codes.h"
#include "core/filing/dossier.h"
#include "core/filing/due_date.h"
#include "core/filing/portal_time.h"
#include "core/filing/wall_clock.h"
#include "core/form/admin_units.h"
#include "core/form/field_check.h"
#include "core/form/validators.h"
#include "core/identity/cccd_qr.h"
#include "core/identity/id_number.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

// Results and timers come from the platform, not from the resident: they do not count as activity.
bool is_timer_or_result(const Intent& intent) {
    return std::holds_alternative<intent::Tick>(intent) ||
           std::holds_alternative<intent::Saved>(intent) ||
           std::holds_alternative<intent::Accepted>(intent) ||
           std::holds_alternative<intent::Held>(intent) ||
           std::holds_alternative<intent::LookupResult>(intent) ||
           std::holds_alternative<intent::StaffPinResult>(intent) ||  // [staff]
           std::holds_alternative<intent::TicketIssued>(intent) ||    // [paper]
           std::holds_alternative<intent::PrintResult>(intent);       // [paper]
}

// [staff] The intents of staff mode (handled by their own handlers, whatever is on screen).
bool is_staff_intent(const Intent& intent) {
    return std::visit(
        [](const auto& in) {
            using T = std::decay_t<decltype(in)>;
            return std::is_same_v<T, intent::StaffCornerTap> ||
                   std::is_same_v<T, intent::StaffPinKey> ||
                   std::is_same_v<T, intent::StaffPinBackspace> ||
                   std::is_same_v<T, intent::StaffPinSubmit> ||
                   std::is_same_v<T, intent::StaffPinResult> ||
                   std::is_same_v<T, intent::StaffLeave> ||
                   std::is_same_v<T, intent::StaffOpenPage> ||
                   std::is_same_v<T, intent::StaffFocus> || std::is_same_v<T, intent::StaffRetry> ||
                   std::is_same_v<T, intent::StaffCancelStart> ||
                   std::is_same_v<T, intent::StaffCancelReason> ||
                   std::is_same_v<T, intent::StaffCancelConfirm> ||
                   std::is_same_v<T, intent::StaffRefreshCatalog> ||
                   std::is_same_v<T, intent::StaffAcknowledgeCall> ||
                   std::is_same_v<T, intent::StaffReprint> ||
                   std::is_same_v<T, intent::StaffAssist>;
        },
        intent);
}

// The step a visit was left at, for the counts ("" when it ended where visits end: attract,
// lookup, guidance, an eligibility exit, receipt and after). Named as screen_name() names it.
std::string abandoned_step(Screen screen) {
    switch (screen) {
        case Screen::Choose:
        case Screen::Eligibility:
        case Screen::Requirements:
        case Screen::Question:
        case Screen::Review:
        case Screen::Submitting:
            return std::string(screen_name(screen));
        default:
            return "";
    }
}
// [/staff]

bool is_choice(FieldType type) {
    return type != FieldType::Address && type != FieldType::MultiChoice && !is_typed(type);
}

// The typed answer a field keeps for this text (a checked value, a scanned one; for a date field
// what is being typed: a checked date is kept by validate_page).
Answer typed_answer(const FieldDef& field, const std::string& text) {
    if (field.type == FieldType::MultiChoice) {
        ChoiceSetAnswer set;
        for (std::size_t start = 0; start <= text.size();) {
            const std::size_t bar = std::min(text.find('|', start), text.size());
            if (bar > start) set.values.push_back(text.substr(start, bar - start));
            start = bar + 1;
        }
        return set;
    }
    if (is_choice(field.type)) return ChoiceAnswer{text};
    if (field.type == FieldType::Date) return DateAnswer::typing(text);
    return TextAnswer{text};
}

// Keeps `text` as the field's typed answer under `key`; no text (or an empty set) is no answer.
void store_answer(Answers& answers, const AnswerKey& key, const FieldDef& field,
                  const std::string& text) {
    Answer answer = typed_answer(field, text);
    const auto* set = std::get_if<ChoiceSetAnswer>(&answer);
    if (text.empty() || (set && set->values.empty()))
        answers.erase(key);
    else
        answers[key] = std::move(answer);
}

}  // namespace

// [SECTION] Construction and offers
// ----------------------------------------------------------------

Session::Session(const Catalog& catalog, SessionConfig config, Random& random)
    : Session(make_offer(catalog, "bundled"), std::move(config), random) {}

Session::Session(std::shared_ptr<const CatalogOffer> offer, SessionConfig config, Random& random)
    : m_offer(std::move(offer)), m_config(std::move(config)), m_random(random) {}

void Session::offer_catalog(std::shared_ptr<const CatalogOffer> offer) {
    m_next_offer = std::move(offer);
    if (m_state.screen == Screen::Attract) take_offers();
}

void Session::offer_admin_units(std::shared_ptr<const AdminUnits> units) {
    m_next_units = std::move(units);
    if (m_state.screen == Screen::Attract) take_offers();
}

// Between visits only: a procedure or a ward list must not change under a resident.
void Session::take_offers() {
    if (m_next_offer) m_offer = std::move(m_next_offer);
    if (m_next_units) m_units = std::move(m_next_units);
    m_next_offer.reset();
    m_next_units.reset();
    refresh_results();
}

// [SECTION] Queries
// ---------------------------------------------------------------------------------

const Procedure* Session::procedure() const {
    return m_state.visit.procedure_code.empty()
               ? nullptr
               : m_offer->catalog.find(m_state.visit.procedure_code);
}

bool Session::condition_holds(const Condition& condition) const {
    const std::string answer = answer_text(m_state.visit.answers, AnswerKey{condition.field, 1});
    if (answer.empty()) return false;
    return std::find(condition.any_of.begin(), condition.any_of.end(), answer) !=
           condition.any_of.end();
}

bool Session::field_visible(const FieldDef& field) const {
    return !field.show_if || condition_holds(*field.show_if);
}

int Session::item_count(const PageDef& page) const {
    if (!page.repeat) return 1;
    auto it = m_state.visit.items.find(page.id);
    return std::max(page.repeat->min, it == m_state.visit.items.end() ? 1 : it->second);
}

std::vector<int> Session::visible_pages() const {
    std::vector<int> pages;
    if (const Procedure* chosen = procedure())
        for (int i = 0; i < static_cast<int>(chosen->pages.size()); ++i)
            if (!chosen->pages[i].show_if || condition_holds(*chosen->pages[i].show_if))
                pages.push_back(i);
    return pages;
}

int Session::first_visible_page_after(int page) const {
    for (int index : visible_pages())
        if (index > page) return index;
    return -1;
}

int Session::last_visible_page_before(int page) const {
    int found = -1;
    for (int index : visible_pages())
        if (index < page) found = index;
    return found;
}

// [SECTION] Dispatch and invariants
// ------------------------------------------------------------------

std::vector<Effect> Session::dispatch(const Intent& in, Now now) {
    Effects effects;
    if (!is_timer_or_result(in)) {
        m_state.last_activity_ms = now.monotonic_ms;
        m_state.idle_warning = false;
        // [help] a scan's message stays until the resident does something else
        if (!std::holds_alternative<intent::Scan>(in)) m_state.scan_message.clear();
    }
    // [staff] While staff mode is open, the resident's visit is left exactly as it was.
    if (staff_takes(in, now, effects)) {
        check_invariants();
        return effects;
    }
    // [/staff]
    const Screen before = m_state.screen;  // [paper]
    std::visit([&](const auto& intent) { on(intent, now, effects); }, in);
    if (before != Screen::Receipt && m_state.screen == Screen::Receipt)  // [paper]
        receipt_shown(effects);
    if (m_state.screen == Screen::Attract && m_state.visit.procedure_code.empty()) take_offers();
    refresh_results();
    check_invariants();
    return effects;
}

// What must hold between any two intents. Checked in debug builds (the sanitizer build).
void Session::check_invariants() const {
#ifndef NDEBUG
    const VisitState& visit = m_state.visit;
    const Procedure* chosen = procedure();
    switch (m_state.screen) {
        case Screen::Attract:
        case Screen::Choose:
        case Screen::Lookup:
            break;
        default:
            assert(chosen && "a screen past the choice without a procedure");
    }
    if (chosen && m_state.screen == Screen::Eligibility)
        assert(visit.eligibility_index >= 0 &&
               visit.eligibility_index < static_cast<int>(chosen->eligibility.size()));
    if (chosen && m_state.screen == Screen::Question) {
        assert(visit.page_index >= 0 && visit.page_index < static_cast<int>(chosen->pages.size()));
        const PageDef& page = chosen->pages[static_cast<std::size_t>(visit.page_index)];
        assert(visit.item >= 1 && visit.item <= item_count(page));
        assert(!page.repeat || item_count(page) <= page.repeat->max);
    }
    for (const auto& [key, answer] : visit.answers) {
        assert(chosen && "answers without a procedure");
        if (const auto* set = std::get_if<ChoiceSetAnswer>(&answer)) assert(!set->values.empty());
        if (const auto* text = std::get_if<TextAnswer>(&answer)) assert(!text->text.empty());
        if (const auto* date = std::get_if<DateAnswer>(&answer))
            assert(date->date.has_value() == date->typed.empty() &&
                   "a date or its typing, not both");
        (void)key;
    }
    const bool filing = m_state.submission.delivery != Delivery::None;
    if (filing)
        assert(m_state.screen == Screen::Submitting || m_state.screen == Screen::Receipt ||
               m_state.screen == Screen::Rating || m_state.screen == Screen::Thanks);
    (void)visit;
    (void)filing;
#endif
}

// [SECTION] Intents
// ------------------------------------------------------------------------------------

void Session::on(const intent::Start&, Now now, Effects& effects) {
    if (m_state.screen != Screen::Attract) return;
    m_state.screen = Screen::Choose;
    m_state.visit_started_ms = now.monotonic_ms;  // [staff] for the counts
    effects.push_back(effect::Log{"visit_started", ""});
    effects.push_back(effect::CountVisitStarted{});  // [staff]
}

void Session::on(const intent::Home&, Now now, Effects& effects) {
    if (m_state.screen == Screen::Submitting && m_state.submission.delivery == Delivery::Saving)
        return;  // never walk away while the filing is being written
    // [help] Answers would be thrown away: ask first (the dialog's "Bỏ hồ sơ" is ConfirmHome).
    if (visit_has_answers()) {
        m_state.ask = Ask::LeaveVisit;
        m_state.focused_field.clear();
        return;
    }
    // [/help]
    effects.push_back(effect::Log{"visit_cancelled", ""});
    wipe(effects, now);
}

void Session::on(const intent::ChooseProcedure& choice, Now, Effects& effects) {
    const Procedure* found = m_offer->catalog.find(choice.code);
    if (!found || m_state.screen != Screen::Choose) return;
    // Another procedure: nothing of the one before stays (answers, items, errors, position).
    if (m_state.visit.procedure_code != choice.code) m_state.visit = VisitState{};
    m_state.visit.procedure_code = choice.code;
    m_state.visit.eligibility_index = 0;
    m_state.visit.page_index = 0;
    m_state.screen = found->eligibility.empty()
                         ? (found->guidance_only ? Screen::Guidance : Screen::Requirements)
                         : Screen::Eligibility;
    effects.push_back(effect::Log{"procedure_chosen", found->code});
}

void Session::on(const intent::AnswerEligibility& answer, Now, Effects& effects) {
    const Procedure* chosen = procedure();
    if (m_state.screen != Screen::Eligibility || !chosen) return;
    const auto& question =
        chosen->eligibility[static_cast<std::size_t>(m_state.visit.eligibility_index)];
    if (answer.yes == question.exit_when_yes) {
        m_state.screen = Screen::EligibilityExit;
        effects.push_back(effect::Log{"eligibility_exit", chosen->code + " " + question.id});
        return;
    }
    if (m_state.visit.eligibility_index + 1 < static_cast<int>(chosen->eligibility.size()))
        ++m_state.visit.eligibility_index;
    else
        m_state.screen = chosen->guidance_only ? Screen::Guidance : Screen::Requirements;
}

void Session::on(const intent::Next&, Now now, Effects& effects) {
    go_next(effects, now);
}

void Session::on(const intent::Back&, Now, Effects&) {
    go_back();
}

void Session::on(const intent::Focus& focus, Now, Effects&) {
    const Procedure* chosen = procedure();
    if (focus.field.empty() || (focus.field == "search" && m_state.screen == Screen::Choose) ||
        (focus.field == "lookup" && m_state.screen == Screen::Lookup) ||
        (chosen && m_state.screen == Screen::Question && chosen->answer_owner(focus.field))) {
        m_state.focused_field = focus.field;
        m_telex.reset();  // [help] a new field: the last key typed belongs to the old one
    }
}

void Session::on(const intent::TypeText& text, Now, Effects&) {
    std::string typed = text.utf8;
    if (m_state.keyboard_shift && !typed.empty()) {
        typed = to_upper(typed.substr(0, 1)) + typed.substr(1);
        m_state.keyboard_shift = false;
    }
    if (m_state.screen == Screen::Choose) {
        m_state.search_text = to_nfc(m_state.search_text + typed);
        return;
    }
    if (m_state.screen == Screen::Lookup) {  // dossier codes are upper case
        m_state.lookup_code = to_upper(to_nfc(m_state.lookup_code + typed));
        return;
    }
    edit_focused([&](const std::string& value) { return value + typed; });
}

void Session::on(const intent::Backspace&, Now, Effects&) {
    if (m_state.screen == Screen::Choose) {
        pop_last_codepoint(m_state.search_text);
        return;
    }
    if (m_state.screen == Screen::Lookup) {
        pop_last_codepoint(m_state.lookup_code);
        return;
    }
    edit_focused([](const std::string& value) {
        std::string shorter = value;
        pop_last_codepoint(shorter);
        return shorter;
    });
}

void Session::on(const intent::Shift&, Now, Effects&) {
    m_state.keyboard_shift = !m_state.keyboard_shift;
}

void Session::on(const intent::Scan& scan, Now, Effects& effects) {
    apply_scan(scan.payload, effects);
}

void Session::on(const intent::ClearField& clear, Now, Effects&) {
    if (clear.field == "search") {
        m_state.search_text.clear();
        return;
    }
    if (clear.field == "lookup") {
        m_state.lookup_code.clear();
        return;
    }
    const Procedure* chosen = procedure();
    if (!chosen) return;
    const InputRef ref = input_ref(*chosen, clear.field);
    if (!ref.field) return;
    if (ref.field->type != FieldType::Address) {
        m_state.visit.answers.erase(ref.key);
        return;
    }
    AddressAnswerParts& parts = address_parts(*ref.field);
    switch (ref.part) {
        case AnswerPart::Whole:
            parts.detail.clear();
            break;
        // "Đổi" on a chosen province or ward: choose again from there.
        case AnswerPart::Province:
            parts.province.clear(), parts.ward.clear();
            [[fallthrough]];
        case AnswerPart::Ward:
            parts.ward.clear();
            [[fallthrough]];
        case AnswerPart::Search:
        case AnswerPart::Full:
            parts.search.clear();
            parts.full.clear();
            m_state.focused_field = address_focus(*ref.field);
            break;
    }
    if (parts.empty()) m_state.visit.answers.erase(ref.key);
}

void Session::on(const intent::ApplyTone& tone, Now, Effects&) {
    if (m_state.screen == Screen::Choose) {
        m_state.search_text = apply_tone(m_state.search_text, tone.tone);
        return;
    }
    if (m_state.screen == Screen::Lookup) return;  // dossier codes have no tones
    edit_focused([&](const std::string& value) { return apply_tone(value, tone.tone); });
}

void Session::on(const intent::ApplyMark& mark, Now, Effects&) {
    if (m_state.screen == Screen::Choose) {
        m_state.search_text = apply_mark(m_state.search_text, mark.mark);
        return;
    }
    if (m_state.screen == Screen::Lookup) return;
    edit_focused([&](const std::string& value) { return apply_mark(value, mark.mark); });
}

void Session::on(const intent::Choose& choice, Now, Effects&) {
    const Procedure* chosen = procedure();
    const InputRef ref = chosen ? input_ref(*chosen, choice.field) : InputRef{};
    if (!ref.field) return;
    if (ref.field->type == FieldType::Address) {
        m_state.visit.errors.erase(ref.field->id);
        choose_address_part(*ref.field, ref.part, choice.value);
        return;
    }
    m_state.visit.errors.erase(choice.field);
    store_answer(m_state.visit.answers, ref.key, *ref.field, choice.value);
}

void Session::on(const intent::Toggle& toggle, Now, Effects&) {
    const Procedure* chosen = procedure();
    const InputRef ref = chosen ? input_ref(*chosen, toggle.field) : InputRef{};
    if (!ref.field || ref.field->type != FieldType::MultiChoice) return;
    const bool on = !answer_has_choice(m_state.visit.answers, ref.key, toggle.value);
    // The set keeps the option order whatever order they were tapped in.
    ChoiceSetAnswer set;
    for (const auto& option : ref.field->options) {
        const bool selected = option.value == toggle.value
                                  ? on
                                  : answer_has_choice(m_state.visit.answers, ref.key, option.value);
        if (selected) set.values.push_back(option.value);
    }
    if (set.values.empty())
        m_state.visit.answers.erase(ref.key);
    else
        m_state.visit.answers[ref.key] = std::move(set);
    m_state.visit.errors.erase(toggle.field);
}

void Session::on(const intent::EditPage& edit, Now, Effects&) {
    if (m_state.screen != Screen::Review || !procedure()) return;
    auto pages = visible_pages();
    if (std::find(pages.begin(), pages.end(), edit.page) == pages.end()) return;
    m_state.visit.page_index = edit.page;
    m_state.visit.item = 1;
    m_state.visit.returning_to_review = true;
    m_state.screen = Screen::Question;
    focus_first_field();
}

void Session::on(const intent::AddItem&, Now now, Effects&) {
    const Procedure* chosen = procedure();
    if (!chosen || m_state.screen != Screen::Question) return;
    const PageDef& page = chosen->pages[static_cast<std::size_t>(m_state.visit.page_index)];
    const int count = item_count(page);
    if (!page.repeat || count >= page.repeat->max) return;
    // The item on screen must be complete before another is added after the last.
    if (!validate_page(page, m_state.visit.item, now)) {
        focus_first_field();
        return;
    }
    m_state.visit.items[page.id] = count + 1;
    m_state.visit.item = count + 1;
    focus_first_field();
}

void Session::on(const intent::RemoveItem&, Now, Effects&) {
    const Procedure* chosen = procedure();
    if (!chosen || m_state.screen != Screen::Question) return;
    remove_item(chosen->pages[static_cast<std::size_t>(m_state.visit.page_index)]);
    focus_first_field();
}

void Session::on(const intent::Submit&, Now now, Effects& effects) {
    if (m_state.screen == Screen::Review) submit(effects, now);
}

void Session::on(const intent::Saved& saved, Now now, Effects& effects) {
    Submission& submission = m_state.submission;
    if (submission.delivery != Delivery::Saving) return;
    if (saved.ok) {
        // Logged only now: before the outbox said so, nothing was submitted.
        if (const Procedure* chosen = procedure()) {
            effects.push_back(
                effect::Log{"dossier_submitted", chosen->code + " " + submission.provisional_code});
            effects.push_back(effect::CountFiling{chosen->code, m_state.assisted});  // [staff]
        }
        submission.delivery = Delivery::Sending;
        submission.started_ms = now.monotonic_ms;
        return;
    }
    // Nothing was stored: keep every answer and let the resident try again or get help.
    effects.push_back(effect::Log{"dossier_save_failed", saved.detail});
    submission = Submission{};
    m_state.screen = Screen::Review;
    m_state.notice = "notice.save_failed";
}

void Session::on(const intent::Accepted& accepted, Now, Effects&) {
    Submission& submission = m_state.submission;
    if (accepted.provisional_code != submission.provisional_code ||
        submission.delivery == Delivery::None || submission.delivery == Delivery::Saving)
        return;  // a result for an earlier visit's filing: not this person's screen
    submission.delivery = Delivery::Accepted;
    submission.ma_ho_so = accepted.ma_ho_so;
    submission.ngay_hen_tra = accepted.ngay_hen_tra;
    if (m_state.screen == Screen::Submitting) m_state.screen = Screen::Receipt;
}

void Session::on(const intent::Held& held, Now, Effects&) {
    Submission& submission = m_state.submission;
    if (held.provisional_code != submission.provisional_code ||
        submission.delivery == Delivery::None || submission.delivery == Delivery::Saving)
        return;
    submission.delivery = Delivery::Held;
    submission.held_reason = held.reason;
    if (m_state.screen == Screen::Submitting) m_state.screen = Screen::Receipt;
}

void Session::on(const intent::Finish&, Now now, Effects& effects) {
    if (m_state.screen == Screen::Receipt)
        m_state.screen = Screen::Rating;
    else if (m_state.screen == Screen::Guidance)
        m_state.ask = Ask::AfterGuidance;  // [help] a choice, not a silent return to the start
    else if (m_state.screen == Screen::Rating || m_state.screen == Screen::EligibilityExit)
        wipe(effects, now);
}

void Session::on(const intent::Rate& rate, Now, Effects& effects) {
    if (m_state.screen != Screen::Rating || rate.level < 1 || rate.level > 3) return;
    const Submission& submission = m_state.submission;
    const std::string code =
        submission.ma_ho_so.empty() ? submission.provisional_code : submission.ma_ho_so;
    effects.push_back(effect::SendRating{code, rate.level});
    m_state.rating = rate.level;
    m_state.screen = Screen::Thanks;
}

void Session::on(const intent::StillHere&, Now, Effects&) {}  // the touch itself resets the timers

void Session::on(const intent::OpenLookup&, Now, Effects&) {
    if (m_state.screen != Screen::Attract) return;
    m_state.screen = Screen::Lookup;
    m_state.focused_field = "lookup";
}

void Session::on(const intent::LookupResult& result, Now, Effects&) {
    if (m_state.screen != Screen::Lookup || result.code != m_state.lookup.code) return;
    m_state.lookup = LookupView{result.state, result.code, result.procedure, result.trang_thai,
                                result.ngay_hen_tra};
}

// [speech] Voice is the resident's choice for this visit; the wipe (a fresh SessionState) ends it.
void Session::on(const intent::VoiceOn&, Now, Effects& effects) {
    if (!m_state.voice) effects.push_back(effect::Log{"voice_on", "attract"});
    m_state.voice = true;
    ++m_state.listen_requests;
}

void Session::on(const intent::Listen&, Now, Effects& effects) {
    if (!m_state.voice) effects.push_back(effect::Log{"voice_on", "listen"});
    m_state.voice = true;
    ++m_state.listen_requests;
}
// [/speech]

void Session::on(const intent::Tick&, Now now, Effects& effects) {
    // Fire what is due, one at a time: a timer may start the next (a warning, then the wipe).
    for (int fired = 0; fired < 4; ++fired) {
        const auto pending = timers(now.monotonic_ms);
        auto due = std::find_if(pending.begin(), pending.end(), [&](const Timer& timer) {
            return timer.kind != TimerKind::Countdown && timer.due_ms <= now.monotonic_ms;
        });
        if (due == pending.end()) return;
        fire(due->kind, now, effects);
    }
}

void Session::on(const intent::SetTextSize& size, Now, Effects&) {
    m_state.settings.text_size = size.size;
}

void Session::on(const intent::SetContrast& contrast, Now, Effects&) {
    m_state.settings.contrast = contrast.contrast;
}

void Session::on(const intent::SetLanguage& language, Now, Effects&) {
    m_state.settings.language = language.language;
}

// [staff] [SECTION] Staff mode
// ------------------------------------------------------------------------------

bool Session::staff_takes(const Intent& in, Now now, Effects&) {
    StaffState& staff = m_state.staff;
    if (!staff.open || is_timer_or_result(in)) return false;
    staff.last_activity_ms = now.monotonic_ms;
    if (is_staff_intent(in)) return false;  // to its own handler
    // Typing on the physical keyboard goes to the box staff focused (or to the PIN).
    std::string* box = staff.focused == "reason"    ? &staff.reason
                       : staff.focused == "reprint" ? &staff.reprint_code
                                                    : nullptr;
    const std::string* typed_text = nullptr;
    if (const auto* typed = std::get_if<intent::TypeText>(&in)) typed_text = &typed->utf8;
    if (const auto* keyed = std::get_if<intent::KeyText>(&in)) typed_text = &keyed->utf8;  // [help]
    if (const auto* typed = typed_text) {
        if (box) {
            *box = to_nfc(*box + *typed);
        } else if (staff.page == StaffPage::Pin && !staff.checking) {
            for (char c : *typed)
                if (c >= '0' && c <= '9' && staff.pin.size() < 12) staff.pin += c;
        }
    } else if (std::holds_alternative<intent::Backspace>(in)) {
        if (box)
            pop_last_codepoint(*box);
        else if (staff.page == StaffPage::Pin && !staff.pin.empty())
            staff.pin.pop_back();
    }
    return true;  // nothing else reaches the resident's visit
}

void Session::close_staff(Now now) {
    m_state.staff = StaffState{};
    m_gesture.reset();
    // The resident gets their whole idle time again.
    m_state.last_activity_ms = now.monotonic_ms;
    m_state.idle_warning = false;
}

void Session::on(const intent::StaffCornerTap&, Now now, Effects& effects) {
    if (m_state.staff.open || !m_gesture.tap(now.monotonic_ms)) return;
    m_state.staff = StaffState{};
    m_state.staff.open = true;
    m_state.staff.last_activity_ms = now.monotonic_ms;
    effects.push_back(effect::Log{"staff_pin_asked", ""});
}

void Session::on(const intent::StaffPinKey& key, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (!staff.open || staff.page != StaffPage::Pin || staff.checking) return;
    if (key.digit.size() == 1 && key.digit[0] >= '0' && key.digit[0] <= '9' &&
        staff.pin.size() < 12)
        staff.pin += key.digit;
}

void Session::on(const intent::StaffPinBackspace&, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (staff.open && staff.page == StaffPage::Pin && !staff.pin.empty()) staff.pin.pop_back();
}

void Session::on(const intent::StaffPinSubmit&, Now, Effects& effects) {
    StaffState& staff = m_state.staff;
    if (!staff.open || staff.page != StaffPage::Pin || staff.checking || staff.pin.empty()) return;
    staff.checking = true;
    effects.push_back(effect::CheckStaffPin{staff.pin});
    staff.pin.clear();  // the digits never stay in memory longer than the check
}

void Session::on(const intent::StaffPinResult& result, Now now, Effects& effects) {
    StaffState& staff = m_state.staff;
    if (!staff.open || !staff.checking) return;
    staff.checking = false;
    staff.tried = true;
    staff.last = result.outcome;
    staff.failures_left = result.failures_left;
    staff.locked_ms_left = result.locked_ms_left;
    staff.last_activity_ms = now.monotonic_ms;
    switch (result.outcome) {
        case StaffPinOutcome::Right:
            staff.unlocked = true;
            staff.page = StaffPage::Outbox;
            effects.push_back(effect::Log{"staff_mode_opened", ""});
            break;
        case StaffPinOutcome::Wrong:
            effects.push_back(effect::Log{"staff_pin_wrong",
                                          std::to_string(result.failures_left) + " tries left"});
            break;
        case StaffPinOutcome::Locked:
            effects.push_back(effect::Log{
                "staff_pin_locked", std::to_string(result.locked_ms_left / 1000) + " s left"});
            break;
        case StaffPinOutcome::NotSet:
        case StaffPinOutcome::Failed:
            break;  // the platform logged why
    }
}

void Session::on(const intent::StaffLeave&, Now now, Effects& effects) {
    if (!m_state.staff.open) return;
    effects.push_back(effect::Log{"staff_mode_closed", ""});
    close_staff(now);
}

void Session::on(const intent::StaffOpenPage& open, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (!staff.unlocked || open.page == StaffPage::Pin || open.page == StaffPage::Cancel) return;
    staff.page = open.page;
    staff.focused.clear();
    staff.message.clear();
}

void Session::on(const intent::StaffFocus& focus, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (!staff.unlocked) return;
    if (focus.field.empty() || focus.field == "reprint" ||
        (focus.field == "reason" && staff.page == StaffPage::Cancel))
        staff.focused = focus.field;
}

void Session::on(const intent::StaffRetry& retry, Now, Effects& effects) {
    if (!m_state.staff.unlocked) return;
    effects.push_back(effect::StaffRetryFiling{retry.id});  // the worker logs it
    m_state.staff.message = "staff.retry_asked";
}

void Session::on(const intent::StaffCancelStart& cancel, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (!staff.unlocked) return;
    staff.page = StaffPage::Cancel;
    staff.cancel_id = cancel.id;
    staff.cancel_code = cancel.code;
    staff.reason.clear();
    staff.focused = "reason";
    staff.message.clear();
}

void Session::on(const intent::StaffCancelReason& reason, Now, Effects&) {
    StaffState& staff = m_state.staff;
    if (staff.unlocked && staff.page == StaffPage::Cancel) staff.reason = to_nfc(reason.reason);
}

void Session::on(const intent::StaffCancelConfirm&, Now, Effects& effects) {
    StaffState& staff = m_state.staff;
    if (!staff.unlocked || staff.page != StaffPage::Cancel) return;
    std::string reason = staff.reason;
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    while (!reason.empty() && reason.front() == ' ') reason.erase(reason.begin());
    if (reason.empty()) {
        staff.message = "staff.cancel_need_reason";  // never cancelled without a reason
        return;
    }
    // The worker logs the cancellation with the code and the reason; the record stays.
    effects.push_back(effect::StaffCancelFiling{staff.cancel_id, reason});
    staff.page = StaffPage::Outbox;
    staff.focused.clear();
    staff.message = "staff.cancel_done";
}

void Session::on(const intent::StaffRefreshCatalog&, Now, Effects& effects) {
    if (!m_state.staff.unlocked) return;
    effects.push_back(effect::RefreshCatalog{});
    effects.push_back(effect::Log{"catalog_refresh_asked", ""});
    m_state.staff.message = "staff.refresh_asked";
}

void Session::on(const intent::StaffReprint& reprint, Now, Effects& effects) {
    StaffState& staff = m_state.staff;
    if (!staff.unlocked) return;
    std::string code = to_upper(to_nfc(reprint.code.empty() ? staff.reprint_code : reprint.code));
    while (!code.empty() && code.back() == ' ') code.pop_back();
    while (!code.empty() && code.front() == ' ') code.erase(code.begin());
    if (code.empty()) {
        staff.message = "staff.reprint_need_code";
        return;
    }
    m_state.paper.reprint = PrintProgress{PrintState::Printing, {}};
    effects.push_back(effect::Reprint{code});
    effects.push_back(effect::Log{"reprint_asked", code});
    staff.message = "staff.reprint_asked";
}

void Session::on(const intent::StaffAssist&, Now now, Effects& effects) {
    if (!m_state.staff.unlocked) return;
    close_staff(now);
    m_state.assisted = true;
    effects.push_back(effect::Log{"visit_assisted", ""});
    if (m_state.screen == Screen::Attract) {  // staff start the visit for the resident
        m_state.screen = Screen::Choose;
        m_state.visit_started_ms = now.monotonic_ms;
        effects.push_back(effect::Log{"visit_started", "assisted"});
        effects.push_back(effect::CountVisitStarted{});
    }
}
// [/staff]

// [SECTION] Timers
// -----------------------------------------------------------------------------------

std::int64_t Session::idle_limit_ms() const {
    switch (m_state.screen) {
        case Screen::Receipt:
        case Screen::Rating:
        case Screen::Lookup:
            return m_config.receipt_idle_ms;  // nothing to lose: shorter
        default:
            return m_config.idle_warning_ms;
    }
}

std::vector<Session::Timer> Session::timers(std::int64_t now_ms) const {
    // [staff] The resident's timers wait while staff mode is open; it closes by itself.
    if (m_state.staff.open)
        return {{TimerKind::StaffIdle, m_state.staff.last_activity_ms + StaffIdleMs}};
    // [/staff]
    std::int64_t since = m_state.last_activity_ms;
    // [help] Staff are on their way: the idle timers wait for them (up to staff_call_max_ms).
    if (m_state.staff_called)
        since = std::max(since, m_state.staff_called_ms + m_config.staff_call_max_ms);
    // [/help]
    switch (m_state.screen) {
        case Screen::Attract:
            // [paper] a queue number left on the screen goes away like a receipt does
            if (m_state.paper.ticket_issued || m_state.paper.choosing_group)
                return {{TimerKind::ShortIdle, since + m_config.receipt_idle_ms}};
            return {};
        case Screen::Submitting:
            if (m_state.submission.delivery != Delivery::Sending) return {};
            return {{TimerKind::Provisional,
                     m_state.submission.started_ms + m_config.provisional_after_ms}};
        case Screen::Thanks:
            return {{TimerKind::Thanks, since + m_config.thanks_ms}};
        case Screen::Receipt:
        case Screen::Rating:
        case Screen::Lookup:
            return {{TimerKind::ShortIdle, since + idle_limit_ms()}};
        default:
            break;
    }
    const std::int64_t warned_at = since + idle_limit_ms();
    if (!m_state.idle_warning) return {{TimerKind::IdleWarning, warned_at}};
    // While the countdown shows, wake every second to redraw it.
    const std::int64_t next_second =
        now_ms + 1000 - (std::max<std::int64_t>(0, now_ms - warned_at) % 1000);
    return {{TimerKind::IdleWipe, warned_at + m_config.idle_countdown_ms},
            {TimerKind::Countdown, next_second}};
}

void Session::fire(TimerKind kind, Now now, Effects& effects) {
    switch (kind) {
        case TimerKind::Provisional:
            m_state.submission.delivery = Delivery::Queued;
            m_state.screen = Screen::Receipt;
            m_state.last_activity_ms = now.monotonic_ms;
            return;
        case TimerKind::Thanks:
            wipe(effects, now);
            return;
        case TimerKind::ShortIdle:
            effects.push_back(effect::Log{"visit_timed_out", "receipt"});
            wipe(effects, now);
            return;
        case TimerKind::IdleWarning:
            m_state.idle_warning = true;
            return;
        case TimerKind::IdleWipe:
            effects.push_back(effect::Log{"visit_timed_out", ""});
            wipe(effects, now);
            return;
        case TimerKind::Countdown:
            return;
        case TimerKind::StaffIdle:  // [staff]
            effects.push_back(effect::Log{"staff_mode_timed_out", ""});
            close_staff(now);
            return;
    }
}

std::int64_t Session::next_deadline_ms(std::int64_t now_ms) const {
    std::int64_t next = -1;
    for (const Timer& timer : timers(now_ms))
        if (next < 0 || timer.due_ms < next) next = timer.due_ms;
    return next;
}

int Session::idle_seconds_left(std::int64_t now_ms) const {
    if (!m_state.idle_warning) return 0;
    const std::int64_t end =
        m_state.last_activity_ms + idle_limit_ms() + m_config.idle_countdown_ms;
    return static_cast<int>(std::max<std::int64_t>(0, (end - now_ms + 999) / 1000));
}

void Session::wipe(Effects& effects, Now now) {
    // [staff] What the visit adds to today's counts and the metrics: whether a dossier was saved,
    // where it was left, and how long it took.
    if (m_state.visit_started_ms >= 0) {
        const Delivery delivery = m_state.submission.delivery;
        const bool filed = delivery != Delivery::None && delivery != Delivery::Saving;
        effects.push_back(
            effect::CountVisit{VisitCount{filed ? "" : abandoned_step(m_state.screen),
                                          now.monotonic_ms - m_state.visit_started_ms, filed,
                                          std::string(screen_name(m_state.screen))}});
    }
    // [/staff]
    const int visit = m_state.visit_number + 1;
    m_state = SessionState{};  // answers, settings, focus, codes: nothing of this person remains
    m_state.visit_number = visit;
    m_state.last_activity_ms = now.monotonic_ms;
    take_offers();
    effects.push_back(effect::VisitEnded{});
}

// [SECTION] Moving between pages
// -----------------------------------------------------------------------

void Session::focus_first_field() {
    m_state.focused_field.clear();
    const Procedure* chosen = procedure();
    const VisitState& visit = m_state.visit;
    if (!chosen || visit.page_index < 0 ||
        visit.page_index >= static_cast<int>(chosen->pages.size()))
        return;
    for (const auto& field : chosen->pages[static_cast<std::size_t>(visit.page_index)].fields) {
        if (!field_visible(field)) continue;
        const std::string key = item_key(field.id, visit.item);
        if (visit.errors.count(key) || m_state.focused_field.empty()) {
            if (field.type == FieldType::Address)
                m_state.focused_field = address_focus(field);
            else if (is_typed(field.type))
                m_state.focused_field = key;
            if (visit.errors.count(key)) return;
        }
    }
}

void Session::go_next(Effects& effects, Now now) {
    const Procedure* chosen = procedure();
    VisitState& visit = m_state.visit;
    switch (m_state.screen) {
        case Screen::Attract:
            m_state.screen = Screen::Choose;
            return;
        case Screen::Requirements:
            if (!chosen || chosen->guidance_only) return;
            if (auto pages = visible_pages(); !pages.empty()) {
                visit.page_index = pages.front();
                visit.item = 1;
                m_state.screen = Screen::Question;
                focus_first_field();
            }
            return;
        case Screen::Question: {
            if (!chosen) return;
            const PageDef& page = chosen->pages[static_cast<std::size_t>(visit.page_index)];
            if (!validate_page(page, visit.item, now)) {
                focus_first_field();
                effects.push_back(
                    effect::Log{"validation_failed", chosen->code + " page " + page.id});
                return;
            }
            // A warning (an ID number with an unknown province...) never blocks, but the resident
            // sees it before moving on: this tap shows it, the next one moves on.
            if (new_warnings_shown(page, visit.item)) {
                m_state.focused_field.clear();  // the keyboard closes so the warning shows
                effects.push_back(
                    effect::Log{"validation_warned", chosen->code + " page " + page.id});
                return;
            }
            m_state.notice.clear();
            if (visit.item < item_count(page)) {  // the next item of a repeatable page
                ++visit.item;
                focus_first_field();
                return;
            }
            visit.item = 1;
            const int next = first_visible_page_after(visit.page_index);
            if (visit.returning_to_review || next < 0) {
                visit.returning_to_review = false;
                m_state.screen = Screen::Review;
                m_state.focused_field.clear();
            } else {
                visit.page_index = next;
                focus_first_field();
            }
            return;
        }
        case Screen::Review:
            submit(effects, now);
            return;
        case Screen::Lookup:
            start_lookup(effects);
            return;
        default:
            return;
    }
}

void Session::go_back() {
    m_state.notice.clear();
    const Procedure* chosen = procedure();
    VisitState& visit = m_state.visit;
    switch (m_state.screen) {
        case Screen::Choose:
            m_state.screen = Screen::Attract;
            return;
        case Screen::Lookup: {
            Effects ignored;
            wipe(ignored, Now{m_state.last_activity_ms, 0});  // nothing of the lookup stays
            return;
        }
        case Screen::Eligibility:
            if (visit.eligibility_index > 0)
                --visit.eligibility_index;
            else
                m_state.screen = Screen::Choose;
            return;
        case Screen::EligibilityExit:
            m_state.screen = Screen::Eligibility;
            return;
        case Screen::Requirements:
        case Screen::Guidance:
            if (chosen && !chosen->eligibility.empty()) {
                m_state.screen = Screen::Eligibility;
                visit.eligibility_index = static_cast<int>(chosen->eligibility.size()) - 1;
            } else {
                m_state.screen = Screen::Choose;
            }
            return;
        case Screen::Question: {
            if (visit.returning_to_review) {
                visit.returning_to_review = false;
                m_state.screen = Screen::Review;
                return;
            }
            if (visit.item > 1) {  // the previous item of a repeatable page
                --visit.item;
                focus_first_field();
                return;
            }
            const int previous = last_visible_page_before(visit.page_index);
            if (previous < 0) {
                m_state.screen = Screen::Requirements;
            } else {
                visit.page_index = previous;
                visit.item = item_count(chosen->pages[static_cast<std::size_t>(previous)]);
                focus_first_field();
            }
            return;
        }
        case Screen::Review: {
            auto pages = visible_pages();
            if (!pages.empty()) {
                visit.page_index = pages.back();
                visit.item = item_count(chosen->pages[static_cast<std::size_t>(pages.back())]);
                m_state.screen = Screen::Question;
                focus_first_field();
            }
            return;
        }
        default:
            return;
    }
}

// Drops the current item of a repeatable page; the items after it move up one place.
void Session::remove_item(const PageDef& page) {
    VisitState& visit = m_state.visit;
    const int count = item_count(page);
    if (!page.repeat || count <= page.repeat->min || count <= 1) return;
    for (const auto& field : page.fields) {
        for (int n = visit.item; n < count; ++n) {
            if (auto next = visit.answers.find(AnswerKey{field.id, n + 1});
                next != visit.answers.end())
                visit.answers[AnswerKey{field.id, n}] = next->second;
            else
                visit.answers.erase(AnswerKey{field.id, n});
            if (auto next = visit.errors.find(item_key(field.id, n + 1));
                next != visit.errors.end())
                visit.errors[item_key(field.id, n)] = next->second;
            else
                visit.errors.erase(item_key(field.id, n));
            visit.warnings.erase(item_key(field.id, n));
        }
        visit.answers.erase(AnswerKey{field.id, count});
        visit.errors.erase(item_key(field.id, count));
        visit.warnings.erase(item_key(field.id, count));
    }
    visit.items[page.id] = count - 1;
    visit.item = std::min(visit.item, count - 1);
}

// [SECTION] Checking answers
// ----------------------------------------------------------------------------

// Checks one item of a page (item 1 for a page that does not repeat).
bool Session::validate_page(const PageDef& page, int item, Now now) {
    VisitState& visit = m_state.visit;
    const LocalDateTime today = vietnam_time_from_unix_ms(now.wall_unix_ms);
    bool ok = true;
    for (const auto& field : page.fields) {
        const std::string key = item_key(field.id, item);
        const AnswerKey answer_key{field.id, item};
        visit.errors.erase(key);
        visit.warnings.erase(key);
        if (!field_visible(field)) continue;
        FieldCheck check = field.type == FieldType::Address
                               ? check_address(field, now)
                               : check_field(field, answer_text(visit.answers, answer_key),
                                             today.year, today.month, today.day);
        if (!check.error.empty()) {
            visit.errors[key] = check.error;  // keep what the person typed
            ok = false;
            continue;
        }
        if (field.type == FieldType::Address) {
            if (auto it = visit.answers.find(answer_key); it != visit.answers.end()) {
                auto& parts = std::get<AddressAnswerParts>(it->second);
                parts.detail = check.value;
                if (parts.empty()) visit.answers.erase(it);
            }
        } else if (check.date) {
            visit.answers[answer_key] = DateAnswer::of(*check.date);
        } else {
            store_answer(visit.answers, answer_key, field, check.value);
        }
        if (!check.warnings.empty()) visit.warnings[key] = check.warnings;
    }
    check_person_facts(page, item);  // [help]
    return ok;
}

// True when a field of this item has a warning the resident has not seen yet for this answer;
// marks them seen.
bool Session::new_warnings_shown(const PageDef& page, int item) {
    VisitState& visit = m_state.visit;
    bool shown = false;
    for (const auto& field : page.fields) {
        const std::string key = item_key(field.id, item);
        if (!field_visible(field) || !visit.warnings.count(key)) continue;
        const std::string answer = answer_text(visit.answers, AnswerKey{field.id, item});
        auto seen = visit.warned.find(key);
        if (seen != visit.warned.end() && seen->second == answer) continue;
        visit.warned[key] = answer;
        shown = true;
    }
    return shown;
}

// The address answer of a field, made when missing.
AddressAnswerParts& Session::address_parts(const FieldDef& field) {
    Answer& answer = m_state.visit.answers[AnswerKey{field.id, 1}];
    if (!std::holds_alternative<AddressAnswerParts>(answer)) answer = AddressAnswerParts{};
    return std::get<AddressAnswerParts>(answer);
}

// The part of an address the resident fills next: the province is chosen on buttons (no
// keyboard), then the ward is found by typing, then the detail line is typed.
std::string Session::address_focus(const FieldDef& field) const {
    if (!m_units) return field.id;
    const AnswerKey key{field.id, 1};
    if (answer_text(m_state.visit.answers, key, AnswerPart::Province).empty()) return {};
    if (answer_text(m_state.visit.answers, key, AnswerPart::Ward).empty())
        return field.id + kAddressSearch;
    return field.id;
}

// Checks an address against the administrative units and keeps it in its parts; without
// units (none fetched yet) it is one line of text.
FieldCheck Session::check_address(const FieldDef& field, Now now) {
    const AnswerKey key{field.id, 1};
    auto it = m_state.visit.answers.find(key);
    AddressAnswerParts* parts =
        it == m_state.visit.answers.end() ? nullptr : std::get_if<AddressAnswerParts>(&it->second);
    if (parts) parts->full.clear();
    const AddressAnswerParts typed = parts ? *parts : AddressAnswerParts{};
    if (!m_units) {
        const LocalDateTime today = vietnam_time_from_unix_ms(now.wall_unix_ms);
        FieldCheck check = check_field(field, typed.detail, today.year, today.month, today.day);
        if (check.error.empty() && !check.value.empty()) address_parts(field).full = check.value;
        return check;
    }
    if (!field.required && typed.province.empty() && typed.ward.empty() && typed.detail.empty())
        return FieldCheck{};
    auto address = validate_address(
        *m_units, AddressAnswer{typed.province, typed.ward, typed.detail}, field.required);
    if (!address) return FieldCheck{{}, address.error().code, {}};
    address_parts(field).full = format_address(*m_units, *address);
    return FieldCheck{address->detail, {}, {}};
}

// A province or a ward tapped in the address picker. Unknown codes are ignored (the view only
// offers real ones); a new province forgets the ward, which belongs to the old one.
void Session::choose_address_part(const FieldDef& field, AnswerPart part,
                                  const std::string& value) {
    if (!m_units) return;
    if (part == AnswerPart::Province) {
        if (!m_units->find_province(value)) return;
        AddressAnswerParts& parts = address_parts(field);
        if (parts.province != value) parts.ward.clear();
        parts.province = value;
    } else if (part == AnswerPart::Ward) {
        const Province* province = m_units->province_of_ward(value);
        if (!province) return;
        AddressAnswerParts& parts = address_parts(field);
        parts.province = province->code;
        parts.ward = value;
    } else {
        return;
    }
    AddressAnswerParts& parts = address_parts(field);
    parts.search.clear();
    parts.full.clear();
    m_state.focused_field = address_focus(field);
}

// [SECTION] Editing answers
// -------------------------------------------------------------------------------

// Changes the text of the focused input: a typed answer, or the typed part of an address (its
// detail line, or what is typed to find the ward).
void Session::edit_focused(const std::function<std::string(const std::string&)>& change) {
    const Procedure* chosen = procedure();
    if (m_state.focused_field.empty() || !chosen) return;
    const InputRef ref = input_ref(*chosen, m_state.focused_field);
    if (!ref.field) return;
    if (ref.field->type == FieldType::Address) {
        if (ref.part != AnswerPart::Whole && ref.part != AnswerPart::Search) return;
        AddressAnswerParts& parts = address_parts(*ref.field);
        std::string& text = ref.part == AnswerPart::Search ? parts.search : parts.detail;
        text = to_nfc(change(text));
        if (parts.empty()) m_state.visit.answers.erase(ref.key);
        return;
    }
    store_answer(m_state.visit.answers, ref.key, *ref.field,
                 to_nfc(change(answer_text(m_state.visit.answers, ref.key))));
}

// [SECTION] Filing
// -----------------------------------------------------------------------------------------

void Session::submit(Effects& effects, Now now) {
    const Procedure* chosen = procedure();
    if (!chosen || m_state.submission.delivery != Delivery::None) return;  // one filing per visit
    VisitState& visit = m_state.visit;
    // Re-check every visible page: an answer changed on one page can hide or show another.
    for (int page : visible_pages()) {
        for (int item = 1; item <= item_count(chosen->pages[static_cast<std::size_t>(page)]);
             ++item) {
            if (validate_page(chosen->pages[static_cast<std::size_t>(page)], item, now)) continue;
            visit.page_index = page;
            visit.item = item;
            m_state.screen = Screen::Question;
            visit.returning_to_review = true;
            focus_first_field();
            return;
        }
    }
    // Only answers of visible fields are filed; what is typed to find a ward never is.
    FiledAnswers filed;
    for (int page : visible_pages()) {
        const PageDef& def = chosen->pages[static_cast<std::size_t>(page)];
        for (const auto& field : def.fields) {
            if (!field_visible(field)) continue;
            for (int item = 1; item <= item_count(def); ++item) {
                auto it = visit.answers.find(AnswerKey{field.id, item});
                if (it == visit.answers.end()) continue;
                if (const auto* address = std::get_if<AddressAnswerParts>(&it->second))
                    filed[field.id][item] = FiledAddress{address->province, address->ward,
                                                         address->detail, address->full};
                else if (const auto* date = std::get_if<DateAnswer>(&it->second);
                         date && date->date)
                    filed[field.id][item] = *date->date;  // checked above: never still typed
                else
                    filed[field.id][item] = answer_text(visit.answers, it->first);
            }
        }
    }

    Submission& submission = m_state.submission;
    submission.idempotency_key = make_idempotency_key(m_random);
    submission.provisional_code = make_provisional_code(m_random);
    const LocalDateTime received = vietnam_time_from_unix_ms(now.wall_unix_ms);
    // A clock from a dead RTC (1970) promises nothing: the portal's own due date is shown once it
    // answers, and staff are told the clock is wrong (the worker's status).
    submission.expected_due =
        is_plausible_wall_clock(now.wall_unix_ms)
            ? format_portal_time(due_at(received, chosen->working_days, m_config.holidays))
            : std::string();
    submission.delivery = Delivery::Saving;
    submission.started_ms = now.monotonic_ms;
    if (is_plausible_wall_clock(now.wall_unix_ms))  // [paper] "Thời gian nhận hồ sơ"
        submission.received_at = format_portal_time(received);
    m_state.screen = Screen::Submitting;
    m_state.notice.clear();

    // "dossier_submitted" is logged when the outbox has it (intent::Saved), not here.
    DossierMeta meta{m_config.kiosk_id, submission.provisional_code, format_portal_time(received)};
    meta.assisted = m_state.assisted;  // [staff] HoTroCanBo (docs/portal-api.md)
    effects.push_back(effect::SaveDossier{submission.idempotency_key, submission.provisional_code,
                                          chosen->code, encode_dossier(*chosen, filed, meta)});
}

// [SECTION] Lookup and scans
// ---------------------------------------------------------------------------------

void Session::start_lookup(Effects& effects) {
    std::string code = to_nfc(m_state.lookup_code);
    while (!code.empty() && code.back() == ' ') code.pop_back();
    while (!code.empty() && code.front() == ' ') code.erase(code.begin());
    auto& errors = m_state.visit.errors;
    errors.erase("lookup");
    if (code.empty()) {
        errors["lookup"] = "required";
        return;
    }
    // Only a whole code is looked up: a partial one would reveal someone else's dossier.
    if (codepoint_count(code) < 8) {
        errors["lookup"] = "lookup_code_short";
        return;
    }
    if (is_provisional_code(code)) code = normalise_code_input(code);
    m_state.lookup = LookupView{LookupState::Asking, code, {}, 0, {}};
    m_state.focused_field.clear();
    effects.push_back(effect::LookupDossier{code});
    effects.push_back(effect::Log{"lookup_asked", ""});
}

void Session::apply_scan(const std::string& payload, Effects& effects) {
    auto card = parse_cccd_qr(payload);      // [help] parsed first: every screen says what it was
    if (m_state.screen == Screen::Lookup) {  // the receipt's QR holds the dossier code
        // [help] An ID card is not a dossier code: never send its contents to the portal.
        if (card) {
            m_state.scan_message = "scan.card_on_lookup";
            effects.push_back(effect::Log{"scan_ignored", "id card on the lookup screen"});
            return;
        }
        // [/help]
        m_state.lookup_code = payload;
        start_lookup(effects);
        return;
    }
    const Procedure* chosen = procedure();
    if (!chosen || m_state.screen != Screen::Question) {
        // [help] A stray scan elsewhere changes nothing, and the resident is told so.
        m_state.scan_message = card ? "scan.card_not_here" : "scan.not_card";
        effects.push_back(effect::Log{"scan_ignored", card ? "id card" : "not an id card"});
        return;
    }
    if (!card) {
        m_state.notice = "notice.scan_unreadable";
        effects.push_back(effect::Log{"scan_unreadable", card.error().code});
        return;
    }
    int filled = 0;
    for (const auto& page : chosen->pages)
        for (const auto& field : page.fields) {
            if (field.prefill == "cccd.date_of_birth" && field.type == FieldType::Date) {
                m_state.visit.answers[AnswerKey{field.id, 1}] = DateAnswer::of(card->date_of_birth);
                m_state.visit.errors.erase(field.id);
                ++filled;
                continue;
            }
            std::string value;
            if (field.prefill == "cccd.id_number")
                value = card->id_number;
            else if (field.prefill == "cccd.date_of_birth")
                value = format_date(card->date_of_birth);
            else if (field.prefill == "cccd.sex")
                value = card->sex == Sex::Female ? "nu" : "nam";
            else if (field.prefill == "cccd.full_name" && !card->ascii_only) {
                auto name = validate_person_name(card->full_name);
                if (name) value = *name;
            } else if (field.prefill == "cccd.address" && !card->ascii_only &&
                       field.type != FieldType::Address)
                value = card->address;
            if (value.empty()) continue;
            store_answer(m_state.visit.answers, AnswerKey{field.id, 1}, field, value);
            m_state.visit.errors.erase(field.id);
            ++filled;
        }
    // [help] What the card says that contradicts the answers shows on this page at once.
    check_person_facts(chosen->pages[static_cast<std::size_t>(m_state.visit.page_index)],
                       m_state.visit.item);
    // A wedge scanner that lost the accents leaves name and address for the resident to type.
    m_state.notice = card->ascii_only ? "notice.scan_check_name" : "notice.scan_done";
    // Close the keyboard so the resident sees what was filled in and the notice to check it.
    if (!card->ascii_only) m_state.focused_field.clear();
    effects.push_back(effect::Log{"scan_prefilled", std::to_string(filled) + " fields"});
}

// [SECTION] Derived lists
// -------------------------------------------------------------------------------------

// Searches again what changed since the last dispatch: the procedure search and the ward search
// of each address field at its ward step on the page shown.
void Session::refresh_results() {
    if (m_state.search_text.empty()) {
        m_state.search_hits.clear();
        m_search_for = {};
    } else if (SearchedFor key{m_offer.get(), m_state.search_text, 20}; !(key == m_search_for)) {
        m_state.search_hits.clear();
        for (const auto& hit : m_offer->search.query(m_state.search_text, 20))
            m_state.search_hits.push_back(hit.id);
        m_search_for = std::move(key);
    }
    std::map<std::string, std::vector<std::string>> wards;
    std::map<std::string, SearchedFor> searched;
    const Procedure* chosen = procedure();
    if (m_units && chosen && m_state.screen == Screen::Question) {
        const Answers& answers = m_state.visit.answers;
        for (const auto& field :
             chosen->pages[static_cast<std::size_t>(m_state.visit.page_index)].fields) {
            if (field.type != FieldType::Address || !field_visible(field)) continue;
            const AnswerKey key{field.id, 1};
            const Province* province =
                m_units->find_province(answer_text(answers, key, AnswerPart::Province));
            if (!province) continue;
            const Ward* ward = m_units->find_ward(answer_text(answers, key, AnswerPart::Ward));
            if (ward && m_units->province_of_ward(ward->code) == province)
                continue;  // past the ward step
            const std::string typed = answer_text(answers, key, AnswerPart::Search);
            // While typing only a few fit above the keyboard; otherwise every ward of the province.
            const std::size_t limit =
                m_state.focused_field == field.id + kAddressSearch ? 4 : province->wards.size();
            SearchedFor searched_for{m_units.get(), province->code + "\n" + typed, limit};
            auto before = m_ward_search_for.find(field.id);
            auto kept = m_state.ward_hits.find(field.id);
            if (before != m_ward_search_for.end() && before->second == searched_for &&
                kept != m_state.ward_hits.end()) {
                wards[field.id] = std::move(kept->second);
            } else {
                auto& codes = wards[field.id];
                for (const Ward* found : m_units->search_wards(province->code, typed, limit))
                    codes.push_back(found->code);
            }
            searched[field.id] = std::move(searched_for);
        }
    }
    m_state.ward_hits = std::move(wards);
    m_ward_search_for = std::move(searched);
}

// [SECTION] Help
// -----------------------------------------------------------------------------------------
// [help]

void Session::on(const intent::CallStaff&, Now now, Effects& effects) {
    if (m_state.staff_called) return;  // one call until staff take it; the banner stays
    m_state.staff_called = true;
    m_state.staff_called_ms = now.monotonic_ms;
    m_state.idle_warning = false;
    const std::string screen{screen_name(m_state.screen)};
    effects.push_back(effect::NotifyStaff{screen});
    effects.push_back(effect::Log{"staff_called", screen});
}

// From staff mode ([staff]): the resident's banner goes, and staff see it was taken.
void Session::on(const intent::StaffAcknowledgeCall&, Now, Effects& effects) {
    if (m_state.staff.unlocked) m_state.staff.message = "staff.call_acknowledged";
    if (!m_state.staff_called) return;
    m_state.staff_called = false;
    effects.push_back(effect::Log{"staff_call_acknowledged", ""});
}

void Session::on(const intent::ConfirmHome&, Now now, Effects& effects) {
    if (m_state.ask != Ask::LeaveVisit && m_state.ask != Ask::AfterGuidance) return;
    effects.push_back(effect::Log{"visit_cancelled", ""});
    wipe(effects, now);
}

void Session::on(const intent::CloseDialog&, Now, Effects&) {
    m_state.ask = Ask::None;
}

void Session::on(const intent::ChooseAnother&, Now, Effects& effects) {
    if (m_state.ask != Ask::AfterGuidance) return;
    m_state.ask = Ask::None;
    m_state.visit = VisitState{};  // nothing of the guidance visit is kept
    m_state.screen = Screen::Choose;
    m_state.focused_field.clear();
    effects.push_back(effect::Log{"guidance_choose_another", ""});
}

void Session::on(const intent::SwitchProcedure& to, Now, Effects& effects) {
    const Procedure* chosen = procedure();
    const Procedure* next = m_offer->catalog.find(to.code);
    if (!chosen || !next || m_state.screen != Screen::EligibilityExit) return;
    const auto& question =
        chosen->eligibility[static_cast<std::size_t>(m_state.visit.eligibility_index)];
    if (question.exit_procedure != to.code) return;  // only the one the exit page offers
    effects.push_back(effect::Log{"procedure_switched", chosen->code + " -> " + next->code});
    m_state.screen = Screen::Choose;
    on(intent::ChooseProcedure{to.code}, Now{}, effects);
}

// Which composer the focused input takes: none for numbers, dossier codes, English visits.
Typing Session::typing_here() const {
    if (m_state.settings.language != Language::Vietnamese) return Typing::Off;
    if (m_state.screen == Screen::Choose) return m_config.typing;
    if (m_state.screen != Screen::Question) return Typing::Off;
    const Procedure* chosen = procedure();
    const FieldDef* field = chosen && !m_state.focused_field.empty()
                                ? chosen->answer_owner(m_state.focused_field)
                                : nullptr;
    if (!field || uses_number_pad(field->type)) return Typing::Off;
    return m_config.typing;
}

void Session::on(const intent::KeyText& keys, Now now, Effects& effects) {
    const Typing typing = typing_here();
    // An IME already composed it (any byte outside ASCII): it passes unchanged.
    const bool composed = std::any_of(keys.utf8.begin(), keys.utf8.end(),
                                      [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (typing == Typing::Off || composed) {
        m_telex.reset();
        on(intent::TypeText{keys.utf8}, now, effects);
        return;
    }
    compose_keys(keys.utf8, typing);
}

// Feeds each key to the composer against the text being edited, which it replaces.
void Session::compose_keys(const std::string& ascii, Typing typing) {
    auto compose = [&](const std::string& text, char key) {
        return typing == Typing::Vni ? m_vni.feed(text, static_cast<char32_t>(key))
                                     : m_telex.feed(text, static_cast<char32_t>(key));
    };
    for (char key : ascii) {
        if (m_state.screen == Screen::Choose)
            m_state.search_text = compose(m_state.search_text, key);
        else
            edit_focused([&](const std::string& value) { return compose(value, key); });
    }
}

bool Session::visit_has_answers() const {
    return m_state.submission.delivery == Delivery::None && !m_state.visit.answers.empty();
}

// The ID number encodes sex, century and birth year (identity.md §2): where the answers given
// for the card's fields (typed or scanned) disagree, each field of this page that takes part
// is warned about. Never an error: the card or the resident may be right.
void Session::check_person_facts(const PageDef& page, int item) {
    const Procedure* chosen = procedure();
    if (!chosen || item != 1) return;
    const PersonFacts facts = person_facts(*chosen, m_state.visit.answers);
    for (const auto& field : page.fields) {
        auto conflicts = facts.conflicts.find(field.id);
        if (conflicts == facts.conflicts.end() || !field_visible(field)) continue;
        auto& warnings = m_state.visit.warnings[field.id];
        for (const auto& code : conflicts->second)
            if (std::find(warnings.begin(), warnings.end(), code) == warnings.end())
                warnings.push_back(code);
    }
}

PersonFacts person_facts(const Procedure& procedure, const Answers& answers) {
    PersonFacts facts;
    std::string id_field, date_field, sex_field;
    for (const auto& page : procedure.pages)
        for (const auto& field : page.fields) {
            if (field.prefill == "cccd.id_number" && id_field.empty()) id_field = field.id;
            if (field.prefill == "cccd.date_of_birth" && date_field.empty()) date_field = field.id;
            if (field.prefill == "cccd.sex" && sex_field.empty()) sex_field = field.id;
        }
    if (id_field.empty()) return facts;
    const std::string id = answer_text(answers, AnswerKey{id_field, 1});
    IdNumberHints hints;
    // A date counts once checked: what is still being typed, or failed its check, is no fact.
    if (auto it = answers.find(AnswerKey{date_field, 1});
        !date_field.empty() && it != answers.end())
        if (const auto* date = std::get_if<DateAnswer>(&it->second))
            hints.date_of_birth = date->date;
    if (!sex_field.empty()) {
        const std::string sex = answer_text(answers, AnswerKey{sex_field, 1});
        if (sex == "nam") hints.sex = Sex::Male;
        if (sex == "nu") hints.sex = Sex::Female;
    }
    if (id.empty() || (!hints.date_of_birth && !hints.sex)) return facts;
    auto checked = check_id_number(id, hints);
    if (!checked) return facts;
    for (const auto& code : checked->warnings) {
        if (code == "id_number_birth_year_mismatch") {
            facts.conflicts[id_field].push_back(code);
            facts.conflicts[date_field].push_back(code);
        } else if (code == "id_number_sex_mismatch") {
            facts.conflicts[id_field].push_back(code);
            facts.conflicts[sex_field].push_back(code);
        }
    }
    return facts;
}

std::string_view screen_name(Screen screen) {
    switch (screen) {
        case Screen::Attract:
            return "attract";
        case Screen::Choose:
            return "choose";
        case Screen::Eligibility:
            return "eligibility";
        case Screen::EligibilityExit:
            return "eligibility_exit";
        case Screen::Requirements:
            return "requirements";
        case Screen::Guidance:
            return "guidance";
        case Screen::Question:
            return "question";
        case Screen::Review:
            return "review";
        case Screen::Submitting:
            return "submitting";
        case Screen::Receipt:
            return "receipt";
        case Screen::Rating:
            return "rating";
        case Screen::Thanks:
            return "thanks";
        case Screen::Lookup:
            return "lookup";
    }
    return "unknown";
}
// [/help]

}  // namespace motcua::core

// [paper] [SECTION] Paper: the receipt printed, queue tickets ----------------------------------

namespace motcua::core {

void Session::receipt_shown(Effects& effects) {
    m_state.paper.receipt = PrintProgress{PrintState::Printing, {}};
    effects.push_back(effect::PrintReceipt{});
    // Originals to hand in or show at the counter: a queue number with the dossier code, so the
    // officer opens the dossier already on the portal.
    const Procedure* chosen = procedure();
    if (!chosen || !needs_counter(*chosen) || m_state.paper.ticket_issued) return;
    const CounterGroup* group = counter_group_for(m_config.counter_groups, chosen->category);
    if (!group) return;
    const Submission& submission = m_state.submission;
    effects.push_back(effect::IssueTicket{group->id, submission.ma_ho_so.empty()
                                                         ? submission.provisional_code
                                                         : submission.ma_ho_so});
}

void Session::on(const intent::TakeTicket&, Now, Effects&) {
    if (m_state.screen != Screen::Attract || m_config.counter_groups.empty()) return;
    m_state.paper = PaperState{};
    m_state.paper.choosing_group = true;
}

void Session::on(const intent::ChooseCounter& choose, Now, Effects& effects) {
    if (m_state.screen != Screen::Attract || !m_state.paper.choosing_group ||
        !find_counter_group(m_config.counter_groups, choose.group_id))
        return;
    m_state.paper.choosing_group = false;
    effects.push_back(effect::IssueTicket{choose.group_id, {}});
}

void Session::on(const intent::CloseTicket&, Now, Effects&) {
    if (m_state.screen == Screen::Attract) m_state.paper = PaperState{};
}

void Session::on(const intent::TicketIssued& issued, Now, Effects& effects) {
    const bool filing = m_state.screen == Screen::Receipt || m_state.screen == Screen::Rating;
    if (m_state.screen != Screen::Attract && !filing) return;  // the visit has ended meanwhile
    if (!issued.error.empty()) {
        m_state.paper.ticket_error = issued.error;
        return;
    }
    m_state.paper.ticket_issued = issued.ticket;
    m_state.paper.ticket = PrintProgress{PrintState::Printing, {}};
    effects.push_back(effect::PrintTicket{});
    effects.push_back(
        effect::Log{"ticket_issued", ticket_label(issued.ticket.group_id, issued.ticket.number)});
}

void Session::on(const intent::PrintResult& result, Now, Effects& effects) {
    if (result.kind == PrintJobKind::Reprint) {  // staff's, whatever the screen
        m_state.paper.reprint = PrintProgress{result.state, result.error};
        return;
    }
    PrintProgress* progress = result.kind == PrintJobKind::Receipt  ? &m_state.paper.receipt
                              : result.kind == PrintJobKind::Ticket ? &m_state.paper.ticket
                                                                    : nullptr;
    // A reprint is staff's; a result for a job of an earlier visit changes nothing on screen.
    if (!progress || progress->state != PrintState::Printing) return;
    *progress = PrintProgress{result.state, result.error};
    if (result.state == PrintState::Failed)
        effects.push_back(effect::Log{"print_failed", result.error});
}

}  // namespace motcua::core
// [/paper]

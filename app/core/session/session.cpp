#include "core/session/session.h"

#include <algorithm>

#include "core/filing/codes.h"
#include "core/filing/dossier.h"
#include "core/filing/due_date.h"
#include "core/filing/portal_time.h"
#include "core/form/admin_units.h"
#include "core/form/field_check.h"
#include "core/form/validators.h"
#include "core/identity/cccd_qr.h"
#include "core/text/utf8.h"

namespace motcua::core {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

bool is_timer_or_result(const Intent& intent) {
    return std::holds_alternative<intent::Tick>(intent) ||
           std::holds_alternative<intent::Saved>(intent) ||
           std::holds_alternative<intent::Accepted>(intent) ||
           std::holds_alternative<intent::Held>(intent) ||
           std::holds_alternative<intent::LookupResult>(intent);
}

}  // namespace

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

const Procedure* Session::procedure() const {
    return m_state.procedure_code.empty() ? nullptr : m_offer->catalog.find(m_state.procedure_code);
}

bool Session::condition_holds(const Condition& condition) const {
    auto it = m_state.answers.find(condition.field);
    if (it == m_state.answers.end()) return false;
    return std::find(condition.any_of.begin(), condition.any_of.end(), it->second) !=
           condition.any_of.end();
}

bool Session::field_visible(const FieldDef& field) const {
    return !field.show_if || condition_holds(*field.show_if);
}

int Session::item_count(const PageDef& page) const {
    if (!page.repeat) return 1;
    auto it = m_state.items.find(page.id);
    return std::max(page.repeat->min, it == m_state.items.end() ? 1 : it->second);
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

std::int64_t Session::idle_limit_ms() const {
    switch (m_state.screen) {
        case Screen::Receipt:
        case Screen::Rating:
        case Screen::Lookup: return m_config.receipt_idle_ms;  // nothing to lose: shorter
        default: return m_config.idle_warning_ms;
    }
}

std::int64_t Session::next_deadline_ms(std::int64_t now_ms) const {
    const std::int64_t since = m_state.last_activity_ms;
    switch (m_state.screen) {
        case Screen::Attract: return -1;
        case Screen::Submitting:
            return m_state.submission.delivery == Delivery::Sending
                       ? m_state.submission.started_ms + m_config.provisional_after_ms
                       : -1;
        case Screen::Thanks: return since + m_config.thanks_ms;
        case Screen::Receipt:
        case Screen::Rating:
        case Screen::Lookup: return since + idle_limit_ms();
        default: break;
    }
    if (!m_state.idle_warning) return since + idle_limit_ms();
    // While the countdown shows, wake every second to redraw it.
    const std::int64_t end = since + idle_limit_ms() + m_config.idle_countdown_ms;
    const std::int64_t started = since + idle_limit_ms();
    return std::min(end, now_ms + 1000 - (std::max<std::int64_t>(0, now_ms - started) % 1000));
}

int Session::idle_seconds_left(std::int64_t now_ms) const {
    if (!m_state.idle_warning) return 0;
    const std::int64_t end = m_state.last_activity_ms + idle_limit_ms() + m_config.idle_countdown_ms;
    return static_cast<int>(std::max<std::int64_t>(0, (end - now_ms + 999) / 1000));
}

void Session::wipe(std::vector<Effect>& effects, Now now) {
    const int visit = m_state.visit_number + 1;
    m_state = SessionState{};  // answers, settings, focus, codes: nothing of this person remains
    m_state.visit_number = visit;
    m_state.last_activity_ms = now.monotonic_ms;
    take_offers();
    effects.push_back(effect::VisitEnded{});
}

void Session::focus_first_field() {
    m_state.focused_field.clear();
    const Procedure* chosen = procedure();
    if (!chosen || m_state.page_index < 0 || m_state.page_index >= static_cast<int>(chosen->pages.size()))
        return;
    for (const auto& field : chosen->pages[m_state.page_index].fields) {
        if (!field_visible(field)) continue;
        const std::string key = item_key(field.id, m_state.item);
        if (m_state.errors.count(key) || m_state.focused_field.empty()) {
            if (field.type == FieldType::Address) m_state.focused_field = address_focus(field);
            else if (is_typed(field.type)) m_state.focused_field = key;
            if (m_state.errors.count(key)) return;
        }
    }
}

// The part of an address the resident fills next: the province is chosen on buttons (no
// keyboard), then the ward is found by typing, then the detail line is typed.
std::string Session::address_focus(const FieldDef& field) const {
    if (!m_units) return field.id;
    if (!m_state.answers.count(field.id + kAddressProvince)) return {};
    if (!m_state.answers.count(field.id + kAddressWard)) return field.id + kAddressSearch;
    return field.id;
}

// Checks an address against the administrative units and keeps it in its parts; without
// units (none fetched yet) it is one line of text.
FieldCheck Session::check_address(const FieldDef& field, Now now) {
    m_state.answers.erase(field.id + kAddressFull);
    if (!m_units) {
        const LocalDateTime today = vietnam_time_from_unix_ms(now.wall_unix_ms);
        FieldCheck check = check_field(field, m_state.answer(field.id), today.year, today.month, today.day);
        if (check.error.empty() && !check.value.empty()) m_state.answers[field.id + kAddressFull] = check.value;
        return check;
    }
    AddressAnswer raw{m_state.answer(field.id + kAddressProvince), m_state.answer(field.id + kAddressWard),
                      m_state.answer(field.id)};
    if (!field.required && raw.province.empty() && raw.ward.empty() && raw.detail.empty()) return FieldCheck{};
    auto address = validate_address(*m_units, raw, field.required);
    if (!address) return FieldCheck{{}, address.error().code, {}};
    m_state.answers[field.id + kAddressFull] = format_address(*m_units, *address);
    return FieldCheck{address->detail, {}, {}};
}

// Checks one item of a page (item 1 for a page that does not repeat).
bool Session::validate_page(const PageDef& page, int item, Now now) {
    const LocalDateTime today = vietnam_time_from_unix_ms(now.wall_unix_ms);
    bool ok = true;
    for (const auto& field : page.fields) {
        const std::string key = item_key(field.id, item);
        m_state.errors.erase(key);
        m_state.warnings.erase(key);
        if (!field_visible(field)) continue;
        const std::string raw = m_state.answer(key);
        FieldCheck check = field.type == FieldType::Address ? check_address(field, now)
                                                             : check_field(field, raw, today.year, today.month, today.day);
        if (!check.error.empty()) {
            m_state.errors[key] = check.error;  // keep what the person typed
            ok = false;
            continue;
        }
        if (check.value.empty())
            m_state.answers.erase(key);
        else
            m_state.answers[key] = check.value;
        if (!check.warnings.empty()) m_state.warnings[key] = check.warnings;
    }
    return ok;
}

// True when a field of this item has a warning the resident has not seen yet for this answer;
// marks them seen.
bool Session::new_warnings_shown(const PageDef& page, int item) {
    bool shown = false;
    for (const auto& field : page.fields) {
        const std::string key = item_key(field.id, item);
        if (!field_visible(field) || !m_state.warnings.count(key)) continue;
        const std::string answer = m_state.answer(key);
        auto seen = m_state.warned.find(key);
        if (seen != m_state.warned.end() && seen->second == answer) continue;
        m_state.warned[key] = answer;
        shown = true;
    }
    return shown;
}

// Drops the current item of a repeatable page; the items after it move up one place.
void Session::remove_item(const PageDef& page) {
    const int count = item_count(page);
    if (!page.repeat || count <= page.repeat->min || count <= 1) return;
    for (const auto& field : page.fields) {
        for (int n = m_state.item; n < count; ++n) {
            for (auto* map : {&m_state.answers, &m_state.errors}) {
                auto next = map->find(item_key(field.id, n + 1));
                if (next != map->end())
                    (*map)[item_key(field.id, n)] = next->second;
                else
                    map->erase(item_key(field.id, n));
            }
            m_state.warnings.erase(item_key(field.id, n));
        }
        m_state.answers.erase(item_key(field.id, count));
        m_state.errors.erase(item_key(field.id, count));
        m_state.warnings.erase(item_key(field.id, count));
    }
    m_state.items[page.id] = count - 1;
    m_state.item = std::min(m_state.item, count - 1);
}

void Session::go_next(std::vector<Effect>& effects, Now now) {
    const Procedure* chosen = procedure();
    switch (m_state.screen) {
        case Screen::Attract: m_state.screen = Screen::Choose; return;
        case Screen::Requirements:
            if (!chosen) return;
            if (chosen->guidance_only) return;
            if (auto pages = visible_pages(); !pages.empty()) {
                m_state.page_index = pages.front();
                m_state.item = 1;
                m_state.screen = Screen::Question;
                focus_first_field();
            }
            return;
        case Screen::Question: {
            if (!chosen) return;
            const PageDef& page = chosen->pages[m_state.page_index];
            if (!validate_page(page, m_state.item, now)) {
                focus_first_field();
                effects.push_back(effect::Log{"validation_failed", chosen->code + " page " +
                                                                       chosen->pages[m_state.page_index].id});
                return;
            }
            // A warning (an ID number with an unknown province...) never blocks, but the resident
            // sees it before moving on: this tap shows it, the next one moves on.
            if (new_warnings_shown(page, m_state.item)) {
                m_state.focused_field.clear();  // the keyboard closes so the warning shows
                effects.push_back(effect::Log{"validation_warned", chosen->code + " page " + page.id});
                return;
            }
            // Answers of pages hidden by this page's answers are dropped from review and payload.
            m_state.notice.clear();
            if (m_state.item < item_count(page)) {  // the next item of a repeatable page
                ++m_state.item;
                focus_first_field();
                return;
            }
            m_state.item = 1;
            int next = first_visible_page_after(m_state.page_index);
            if (m_state.returning_to_review || next < 0) {
                m_state.returning_to_review = false;
                m_state.screen = Screen::Review;
                m_state.focused_field.clear();
            } else {
                m_state.page_index = next;
                focus_first_field();
            }
            return;
        }
        case Screen::Review: submit(effects, now); return;
        case Screen::Lookup: start_lookup(effects); return;
        default: return;
    }
}

void Session::go_back() {
    m_state.notice.clear();
    const Procedure* chosen = procedure();
    switch (m_state.screen) {
        case Screen::Choose: m_state.screen = Screen::Attract; return;
        case Screen::Lookup: {
            std::vector<Effect> ignored;
            wipe(ignored, Now{m_state.last_activity_ms, 0});  // nothing of the lookup stays
            return;
        }
        case Screen::Eligibility:
            if (m_state.eligibility_index > 0)
                --m_state.eligibility_index;
            else
                m_state.screen = Screen::Choose;
            return;
        case Screen::EligibilityExit: m_state.screen = Screen::Eligibility; return;
        case Screen::Requirements:
        case Screen::Guidance:
            if (chosen && !chosen->eligibility.empty()) {
                m_state.screen = Screen::Eligibility;
                m_state.eligibility_index = static_cast<int>(chosen->eligibility.size()) - 1;
            } else {
                m_state.screen = Screen::Choose;
            }
            return;
        case Screen::Question: {
            if (m_state.returning_to_review) {
                m_state.returning_to_review = false;
                m_state.screen = Screen::Review;
                return;
            }
            if (m_state.item > 1) {  // the previous item of a repeatable page
                --m_state.item;
                focus_first_field();
                return;
            }
            int previous = last_visible_page_before(m_state.page_index);
            if (previous < 0) {
                m_state.screen = Screen::Requirements;
            } else {
                m_state.page_index = previous;
                m_state.item = item_count(chosen->pages[previous]);
                focus_first_field();
            }
            return;
        }
        case Screen::Review: {
            auto pages = visible_pages();
            if (!pages.empty()) {
                m_state.page_index = pages.back();
                m_state.item = item_count(chosen->pages[pages.back()]);
                m_state.screen = Screen::Question;
                focus_first_field();
            }
            return;
        }
        default: return;
    }
}

void Session::submit(std::vector<Effect>& effects, Now now) {
    const Procedure* chosen = procedure();
    if (!chosen || m_state.submission.delivery != Delivery::None) return;  // one filing per visit
    // Re-check every visible page: an answer changed on one page can hide or show another.
    for (int page : visible_pages()) {
        for (int item = 1; item <= item_count(chosen->pages[page]); ++item) {
            if (validate_page(chosen->pages[page], item, now)) continue;
            m_state.page_index = page;
            m_state.item = item;
            m_state.screen = Screen::Question;
            m_state.returning_to_review = true;
            focus_first_field();
            return;
        }
    }
    Answers visible;
    for (int page : visible_pages())
        for (const auto& field : chosen->pages[page].fields) {
            if (!field_visible(field)) continue;
            std::vector<std::string> keys;
            for (int item = 1; item <= item_count(chosen->pages[page]); ++item) keys.push_back(item_key(field.id, item));
            if (field.type == FieldType::Address)
                keys = {field.id, field.id + kAddressProvince, field.id + kAddressWard, field.id + kAddressFull};
            for (const auto& key : keys)
                if (auto it = m_state.answers.find(key); it != m_state.answers.end()) visible[key] = it->second;
        }

    Submission& submission = m_state.submission;
    submission.idempotency_key = make_idempotency_key(m_random);
    submission.provisional_code = make_provisional_code(m_random);
    const LocalDateTime received = vietnam_time_from_unix_ms(now.wall_unix_ms);
    submission.expected_due = format_portal_time(due_at(received, chosen->working_days, m_config.holidays));
    submission.delivery = Delivery::Saving;
    submission.started_ms = now.monotonic_ms;
    m_state.screen = Screen::Submitting;
    m_state.notice.clear();

    DossierMeta meta{m_config.kiosk_id, submission.provisional_code, format_portal_time(received)};
    effects.push_back(effect::SaveDossier{submission.idempotency_key, submission.provisional_code,
                                          chosen->code, encode_dossier(*chosen, visible, meta)});
}

void Session::start_lookup(std::vector<Effect>& effects) {
    std::string code = to_nfc(m_state.lookup_code);
    while (!code.empty() && code.back() == ' ') code.pop_back();
    while (!code.empty() && code.front() == ' ') code.erase(code.begin());
    m_state.errors.erase("lookup");
    if (code.empty()) {
        m_state.errors["lookup"] = "required";
        return;
    }
    // Only a whole code is looked up: a partial one would reveal someone else's dossier.
    if (codepoint_count(code) < 8) {
        m_state.errors["lookup"] = "lookup_code_short";
        return;
    }
    if (is_provisional_code(code)) code = normalise_code_input(code);
    m_state.lookup = LookupView{LookupState::Asking, code, {}, 0, {}};
    m_state.focused_field.clear();
    effects.push_back(effect::LookupDossier{code});
    effects.push_back(effect::Log{"lookup_asked", ""});
}

void Session::apply_scan(const std::string& payload, std::vector<Effect>& effects) {
    if (m_state.screen == Screen::Lookup) {  // the receipt's QR holds the dossier code
        m_state.lookup_code = payload;
        start_lookup(effects);
        return;
    }
    const Procedure* chosen = procedure();
    if (!chosen || m_state.screen != Screen::Question) return;  // a stray scan elsewhere does nothing
    auto card = parse_cccd_qr(payload);
    if (!card) {
        m_state.notice = "notice.scan_unreadable";
        effects.push_back(effect::Log{"scan_unreadable", card.error().code});
        return;
    }
    int filled = 0;
    for (const auto& page : chosen->pages)
        for (const auto& field : page.fields) {
            std::string value;
            if (field.prefill == "cccd.id_number") value = card->id_number;
            else if (field.prefill == "cccd.date_of_birth") value = format_date(card->date_of_birth);
            else if (field.prefill == "cccd.sex") value = card->sex == Sex::Female ? "nu" : "nam";
            else if (field.prefill == "cccd.full_name" && !card->ascii_only) {
                auto name = validate_person_name(card->full_name);
                if (name) value = *name;
            } else if (field.prefill == "cccd.address" && !card->ascii_only && field.type != FieldType::Address)
                value = card->address;
            if (value.empty()) continue;
            m_state.answers[field.id] = value;
            m_state.errors.erase(field.id);
            ++filled;
        }
    // A wedge scanner that lost the accents leaves name and address for the resident to type.
    m_state.notice = card->ascii_only ? "notice.scan_check_name" : "notice.scan_done";
    // Close the keyboard so the resident sees what was filled in and the notice to check it.
    if (!card->ascii_only) m_state.focused_field.clear();
    effects.push_back(effect::Log{"scan_prefilled", std::to_string(filled) + " fields"});
}

// A province or a ward tapped in the address picker. Unknown codes are ignored (the view only
// offers real ones); a new province forgets the ward, which belongs to the old one.
void Session::choose_address_part(const FieldDef& field, const std::string& key, const std::string& value) {
    if (!m_units) return;
    if (key == field.id + kAddressProvince) {
        if (!m_units->find_province(value)) return;
        if (m_state.answers[key] != value) m_state.answers.erase(field.id + kAddressWard);
        m_state.answers[key] = value;
    } else if (key == field.id + kAddressWard) {
        const Province* province = m_units->province_of_ward(value);
        if (!province) return;
        m_state.answers[field.id + kAddressProvince] = province->code;
        m_state.answers[key] = value;
    } else {
        return;
    }
    m_state.answers.erase(field.id + kAddressSearch);
    m_state.answers.erase(field.id + kAddressFull);
    m_state.focused_field = address_focus(field);
}

void Session::edit_focused(const std::function<std::string(const std::string&)>& change) {
    if (m_state.focused_field.empty()) return;
    std::string& value = m_state.answers[m_state.focused_field];
    value = to_nfc(change(value));
    if (value.empty()) m_state.answers.erase(m_state.focused_field);
}

std::vector<Effect> Session::dispatch(const Intent& in, Now now) {
    std::vector<Effect> effects;
    if (!is_timer_or_result(in)) {
        m_state.last_activity_ms = now.monotonic_ms;
        m_state.idle_warning = false;
    }
    const Procedure* chosen = procedure();

    std::visit(
        Overloaded{
            [&](const intent::Start&) {
                if (m_state.screen == Screen::Attract) {
                    m_state.screen = Screen::Choose;
                    effects.push_back(effect::Log{"visit_started", ""});
                }
            },
            [&](const intent::Home&) {
                if (m_state.screen == Screen::Submitting &&
                    m_state.submission.delivery == Delivery::Saving)
                    return;  // never walk away while the filing is being written
                effects.push_back(effect::Log{"visit_cancelled", ""});
                wipe(effects, now);
            },
            [&](const intent::Search& search) { m_state.search_text = to_nfc(search.text); },
            [&](const intent::ChooseProcedure& choice) {
                const Procedure* found = m_offer->catalog.find(choice.code);
                if (!found || (m_state.screen != Screen::Choose)) return;
                if (m_state.procedure_code != choice.code) {
                    m_state.answers.clear();
                    m_state.errors.clear();
                    m_state.warnings.clear();
                }
                m_state.procedure_code = choice.code;
                m_state.eligibility_index = 0;
                m_state.page_index = 0;
                m_state.screen = found->eligibility.empty()
                                     ? (found->guidance_only ? Screen::Guidance : Screen::Requirements)
                                     : Screen::Eligibility;
                effects.push_back(effect::Log{"procedure_chosen", found->code});
            },
            [&](const intent::AnswerEligibility& answer) {
                if (m_state.screen != Screen::Eligibility || !chosen) return;
                const auto& question = chosen->eligibility[m_state.eligibility_index];
                if (answer.yes == question.exit_when_yes) {
                    m_state.screen = Screen::EligibilityExit;
                    effects.push_back(effect::Log{"eligibility_exit", chosen->code + " " + question.id});
                    return;
                }
                if (m_state.eligibility_index + 1 < static_cast<int>(chosen->eligibility.size()))
                    ++m_state.eligibility_index;
                else
                    m_state.screen = chosen->guidance_only ? Screen::Guidance : Screen::Requirements;
            },
            [&](const intent::Next&) { go_next(effects, now); },
            [&](const intent::Back&) { go_back(); },
            [&](const intent::Focus& focus) {
                if (focus.field.empty() || (focus.field == "search" && m_state.screen == Screen::Choose) ||
                    (focus.field == "lookup" && m_state.screen == Screen::Lookup) ||
                    (chosen && m_state.screen == Screen::Question && chosen->answer_owner(focus.field)))
                    m_state.focused_field = focus.field;
            },
            [&](const intent::Shift&) { m_state.keyboard_shift = !m_state.keyboard_shift; },
            [&](const intent::Scan& scan) { apply_scan(scan.payload, effects); },
            [&](const intent::TypeText& text) {
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
            },
            [&](const intent::Backspace&) {
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
            },
            [&](const intent::ClearField& clear) {
                if (clear.field == "search") m_state.search_text.clear();
                if (clear.field == "lookup") m_state.lookup_code.clear();
                m_state.answers.erase(clear.field);
                // "Đổi" on a chosen province or ward: choose again from there.
                if (const FieldDef* owner = chosen ? chosen->answer_owner(clear.field) : nullptr;
                    owner && owner->type == FieldType::Address && clear.field != owner->id) {
                    if (clear.field == owner->id + kAddressProvince) m_state.answers.erase(owner->id + kAddressWard);
                    m_state.answers.erase(owner->id + kAddressSearch);
                    m_state.answers.erase(owner->id + kAddressFull);
                    m_state.focused_field = address_focus(*owner);
                }
            },
            [&](const intent::ApplyTone& tone) {
                if (m_state.screen == Screen::Choose) {
                    m_state.search_text = apply_tone(m_state.search_text, tone.tone);
                    return;
                }
                edit_focused([&](const std::string& value) { return apply_tone(value, tone.tone); });
            },
            [&](const intent::ApplyMark& mark) {
                if (m_state.screen == Screen::Choose) {
                    m_state.search_text = apply_mark(m_state.search_text, mark.mark);
                    return;
                }
                edit_focused([&](const std::string& value) { return apply_mark(value, mark.mark); });
            },
            [&](const intent::Choose& choice) {
                const FieldDef* owner = chosen ? chosen->answer_owner(choice.field) : nullptr;
                if (!owner) return;
                m_state.errors.erase(owner->type == FieldType::Address ? owner->id : choice.field);
                if (owner->type == FieldType::Address) {
                    choose_address_part(*owner, choice.field, choice.value);
                    return;
                }
                m_state.answers[choice.field] = choice.value;
            },
            [&](const intent::Toggle& toggle) {
                const FieldDef* field = chosen ? chosen->answer_owner(toggle.field) : nullptr;
                if (!field || field->type != FieldType::MultiChoice) return;
                // Multi-choice answers are stored as values joined by '|', in option order.
                std::string current = "|" + m_state.answers[toggle.field] + "|";
                bool on = current.find("|" + toggle.value + "|") == std::string::npos;
                std::string joined;
                for (const auto& option : field->options) {
                    bool selected = option.value == toggle.value
                                        ? on
                                        : current.find("|" + option.value + "|") != std::string::npos;
                    if (selected) joined += (joined.empty() ? "" : "|") + option.value;
                }
                if (joined.empty())
                    m_state.answers.erase(toggle.field);
                else
                    m_state.answers[toggle.field] = joined;
                m_state.errors.erase(toggle.field);
            },
            [&](const intent::EditPage& edit) {
                if (m_state.screen != Screen::Review || !chosen) return;
                auto pages = visible_pages();
                if (std::find(pages.begin(), pages.end(), edit.page) == pages.end()) return;
                m_state.page_index = edit.page;
                m_state.item = 1;
                m_state.returning_to_review = true;
                m_state.screen = Screen::Question;
                focus_first_field();
            },
            [&](const intent::AddItem&) {
                if (!chosen || m_state.screen != Screen::Question) return;
                const PageDef& page = chosen->pages[m_state.page_index];
                const int count = item_count(page);
                if (!page.repeat || count >= page.repeat->max) return;
                // The item on screen must be complete before another is added after the last.
                if (!validate_page(page, m_state.item, now)) {
                    focus_first_field();
                    return;
                }
                m_state.items[page.id] = count + 1;
                m_state.item = count + 1;
                focus_first_field();
            },
            [&](const intent::RemoveItem&) {
                if (!chosen || m_state.screen != Screen::Question) return;
                remove_item(chosen->pages[m_state.page_index]);
                focus_first_field();
            },
            [&](const intent::Submit&) {
                if (m_state.screen == Screen::Review) submit(effects, now);
            },
            [&](const intent::Saved& saved) {
                Submission& submission = m_state.submission;
                if (submission.delivery != Delivery::Saving) return;
                if (saved.ok) {
                    // Logged only now: before the outbox said so, nothing was submitted.
                    if (chosen)
                        effects.push_back(effect::Log{"dossier_submitted", chosen->code + " " + submission.provisional_code});
                    submission.delivery = Delivery::Sending;
                    submission.started_ms = now.monotonic_ms;
                    return;
                }
                // Nothing was stored: keep every answer and let the resident try again or get help.
                effects.push_back(effect::Log{"dossier_save_failed", saved.detail});
                submission = Submission{};
                m_state.screen = Screen::Review;
                m_state.notice = "notice.save_failed";
            },
            [&](const intent::Accepted& accepted) {
                Submission& submission = m_state.submission;
                if (accepted.provisional_code != submission.provisional_code ||
                    submission.delivery == Delivery::None || submission.delivery == Delivery::Saving)
                    return;  // a result for an earlier visit's filing: not this person's screen
                submission.delivery = Delivery::Accepted;
                submission.ma_ho_so = accepted.ma_ho_so;
                submission.ngay_hen_tra = accepted.ngay_hen_tra;
                if (m_state.screen == Screen::Submitting) m_state.screen = Screen::Receipt;
            },
            [&](const intent::Held& held) {
                Submission& submission = m_state.submission;
                if (held.provisional_code != submission.provisional_code ||
                    submission.delivery == Delivery::None || submission.delivery == Delivery::Saving)
                    return;
                submission.delivery = Delivery::Held;
                submission.held_reason = held.reason;
                if (m_state.screen == Screen::Submitting) m_state.screen = Screen::Receipt;
            },
            [&](const intent::Finish&) {
                if (m_state.screen == Screen::Receipt) m_state.screen = Screen::Rating;
                else if (m_state.screen == Screen::Rating || m_state.screen == Screen::EligibilityExit ||
                         m_state.screen == Screen::Guidance)
                    wipe(effects, now);
            },
            [&](const intent::Rate& rate) {
                if (m_state.screen != Screen::Rating || rate.level < 1 || rate.level > 3) return;
                const Submission& submission = m_state.submission;
                std::string code = submission.ma_ho_so.empty() ? submission.provisional_code
                                                               : submission.ma_ho_so;
                effects.push_back(effect::SendRating{code, rate.level});
                m_state.rating = rate.level;
                m_state.screen = Screen::Thanks;
            },
            [&](const intent::StillHere&) {},
            [&](const intent::OpenLookup&) {
                if (m_state.screen != Screen::Attract) return;
                m_state.screen = Screen::Lookup;
                m_state.focused_field = "lookup";
            },
            [&](const intent::LookupResult& result) {
                if (m_state.screen != Screen::Lookup || result.code != m_state.lookup.code) return;
                m_state.lookup = LookupView{result.state, result.code, result.procedure, result.trang_thai,
                                            result.ngay_hen_tra};
            },
            [&](const intent::Tick&) {
                Submission& submission = m_state.submission;
                if (m_state.screen == Screen::Submitting && submission.delivery == Delivery::Sending &&
                    now.monotonic_ms - submission.started_ms >= m_config.provisional_after_ms) {
                    submission.delivery = Delivery::Queued;
                    m_state.screen = Screen::Receipt;
                    m_state.last_activity_ms = now.monotonic_ms;
                    return;
                }
                if (m_state.screen == Screen::Attract || m_state.screen == Screen::Submitting) return;
                const std::int64_t idle = now.monotonic_ms - m_state.last_activity_ms;
                if (m_state.screen == Screen::Thanks) {
                    if (idle >= m_config.thanks_ms) wipe(effects, now);
                    return;
                }
                if (m_state.screen == Screen::Receipt || m_state.screen == Screen::Rating ||
                    m_state.screen == Screen::Lookup) {
                    if (idle >= idle_limit_ms()) {
                        effects.push_back(effect::Log{"visit_timed_out", "receipt"});
                        wipe(effects, now);
                    }
                    return;
                }
                if (idle >= idle_limit_ms() + m_config.idle_countdown_ms) {
                    effects.push_back(effect::Log{"visit_timed_out", ""});
                    wipe(effects, now);
                } else if (idle >= idle_limit_ms()) {
                    m_state.idle_warning = true;
                }
            },
            [&](const intent::SetTextSize& size) { m_state.settings.text_size = size.size; },
            [&](const intent::SetContrast& contrast) { m_state.settings.contrast = contrast.contrast; },
            [&](const intent::SetLanguage& language) { m_state.settings.language = language.language; },
        },
        in);
    if (m_state.screen == Screen::Attract && m_state.procedure_code.empty()) take_offers();
    refresh_results();
    return effects;
}

// Searches again what changed since the last dispatch: the procedure search and the ward search
// of each address field at its ward step on the page shown.
void Session::refresh_results() {
    if (m_state.search_text.empty()) {
        m_state.search_hits.clear();
        m_search_for = {};
    } else if (SearchedFor key{m_offer.get(), m_state.search_text, 20}; !(key == m_search_for)) {
        m_state.search_hits.clear();
        for (const auto& hit : m_offer->search.query(m_state.search_text, 20)) m_state.search_hits.push_back(hit.id);
        m_search_for = std::move(key);
    }
    std::map<std::string, std::vector<std::string>> wards;
    std::map<std::string, SearchedFor> searched;
    const Procedure* chosen = procedure();
    if (m_units && chosen && m_state.screen == Screen::Question) {
        for (const auto& field : chosen->pages[static_cast<std::size_t>(m_state.page_index)].fields) {
            if (field.type != FieldType::Address || !field_visible(field)) continue;
            const Province* province = m_units->find_province(m_state.answer(field.id + kAddressProvince));
            if (!province) continue;
            const Ward* ward = m_units->find_ward(m_state.answer(field.id + kAddressWard));
            if (ward && m_units->province_of_ward(ward->code) == province) continue;  // past the ward step
            const std::string search_key = field.id + kAddressSearch;
            // While typing only a few fit above the keyboard; otherwise every ward of the province.
            const std::size_t limit = m_state.focused_field == search_key ? 4 : province->wards.size();
            SearchedFor key{m_units.get(), province->code + "\n" + m_state.answer(search_key), limit};
            auto before = m_ward_search_for.find(field.id);
            auto kept = m_state.ward_hits.find(field.id);
            if (before != m_ward_search_for.end() && before->second == key && kept != m_state.ward_hits.end()) {
                wards[field.id] = std::move(kept->second);
            } else {
                auto& codes = wards[field.id];
                for (const Ward* found : m_units->search_wards(province->code, m_state.answer(search_key), limit))
                    codes.push_back(found->code);
            }
            searched[field.id] = std::move(key);
        }
    }
    m_state.ward_hits = std::move(wards);
    m_ward_search_for = std::move(searched);
}

}  // namespace motcua::core

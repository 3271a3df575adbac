// What a page says (page.h): one reader per screen of the model, then the chrome.
#include "core/speech/page.h"

#include <type_traits>

#include "core/speech/normalize.h"

namespace motcua::core::speech {

namespace {

class Reader {
public:
    explicit Reader(Language language) : m_language(language == Language::English ? "en" : "vi") {}
    void say(const Text& text) {
        if (text.empty()) return;
        // English text is read as it is: the normaliser knows Vietnamese only.
        m_out.utterances.push_back(Utterance{text.text, text.key,
                                             m_language == "vi" ? normalize(text.text) : text.text,
                                             m_language});
    }
    void say(const std::optional<Text>& text) {
        if (text) say(*text);
    }
    void say(const Action& action) { say(action.label); }
    void say(const std::optional<Action>& action) {
        if (action) say(action->label);
    }
    void error(const Text& text) {
        if (text.empty()) return;
        say(text);
        m_out.errors.push_back(m_out.utterances.back());
    }
    void error(const std::optional<Text>& text) {
        if (text) error(*text);
    }
    // A code read character by character in groups ("KD4MX7PA", a MaHoSo).
    void code(const std::string& code) {
        if (!code.empty())
            m_out.utterances.push_back(
                Utterance{code, "", m_language == "vi" ? code_words(code) : code, m_language});
    }
    void page(const std::string& part) { m_out.page += part + "\x1f"; }
    void page(const Text& text) { page(text.text); }

    void documents(const std::optional<Documents>& documents) {
        if (!documents) return;
        say(documents->heading);
        for (const auto& line : documents->lines) {
            say(line.line);
            say(line.note);
        }
    }
    void fee(const std::optional<FeeWording>& fee) {
        if (!fee) return;
        say(fee->heading);
        say(fee->amount);
        say(fee->rule_note);
        say(fee->procedure_note);
    }
    void section(const std::optional<Section>& section) {
        if (!section) return;
        say(section->title);
        say(section->body);
    }
    void address(const AddressInput& address) {
        switch (address.step) {
            case AddressStep::WholeLine:
                say(address.whole_line_hint);
                break;
            case AddressStep::Province:
                say(address.home_prompt);
                say(address.home);
                say(address.province_prompt);
                for (const auto& province : address.provinces) say(province);
                break;
            case AddressStep::Ward:
                if (address.province) {
                    say(address.province->label);
                    say(address.province->value);
                }
                say(address.find_ward);
                say(address.no_ward);
                break;
            case AddressStep::Detail:
                say(address.summary);
                say(address.detail_label);
                say(address.detail_hint);
                break;
        }
        page(std::to_string(static_cast<int>(address.step)));
    }

    void body(const AttractScreen& s) {
        page(s.title);
        say(s.title);
        say(s.subtitle);
        say(s.start);
        say(s.lookup);
        say(s.help);
    }
    void body(const ChooseScreen& s) {
        page(s.title);
        page(s.typing ? "typing" : "");
        say(s.title);
        say(s.search_label);
        say(s.no_results);
        if (!s.typing)  // while typing the hits change with every letter: not read each time
            for (const auto& procedure : s.procedures) say(procedure);
    }
    void body(const EligibilityScreen& s) {
        page(s.question);
        say(s.procedure);
        say(s.question);
        say(s.yes);
        say(s.no);
    }
    void body(const EligibilityExitScreen& s) {
        page(s.title);
        say(s.title);
        say(s.body);
        say(s.ask_staff);
    }
    void body(const RequirementsScreen& s) {
        page(s.name);
        say(s.name);
        say(s.description);
        documents(s.documents);
        fee(s.fee);
        section(s.time);
        section(s.authority);
    }
    void body(const GuidanceScreen& s) {
        page(s.name);
        say(s.name);
        say(s.not_here);
        say(s.guidance);
        documents(s.documents);
        section(s.authority);
        fee(s.fee);
    }
    void body(const QuestionScreen& s) {
        if (s.ward_search_only) {
            page("ward search");
            say(s.ward_search_only->find_ward);
            say(s.ward_search_only->no_ward);
            return;
        }
        // Not the page counter: its total may change on the page when an answer adds pages.
        page(s.title);
        page(s.item);
        for (const auto& field : s.fields) page(field.label);
        say(s.title);
        say(s.help);
        say(s.item);
        say(s.notice);
        error(s.error_summary);
        for (const auto& field : s.fields) {
            say(field.label);
            say(field.hint);
            error(field.error);
            for (const auto& warning : field.warnings) error(warning);
            if (field.input == InputKind::Options)
                for (const auto& option : field.options) say(option);
            if (field.input == InputKind::Address) address(field.address);
        }
        say(s.progress);
    }
    void body(const ReviewScreen& s) {
        page(s.title);
        say(s.title);
        say(s.intro);
        say(s.notice);
        for (const auto& part : s.pages)
            for (const auto& item : part.items) {
                say(item.title);
                for (const auto& row : item.rows) {
                    say(row.label);
                    say(row.answer);
                }
            }
        say(s.declaration);
    }
    void body(const SubmittingScreen& s) {
        page(s.title);
        page(s.body);
        say(s.title);
        say(s.body);
    }
    void body(const ReceiptScreen& s) {
        page(s.title);
        page(s.code);
        say(s.title);
        say(s.procedure);
        say(s.code_label);
        code(s.code);
        say(s.due_label);
        say(s.due);
        say(s.notice);
        say(s.next_steps);
    }
    void body(const RatingScreen& s) {
        page(s.title);
        say(s.title);
        for (const auto& level : s.levels) say(level);
    }
    void body(const ThanksScreen& s) {
        page(s.title);
        say(s.title);
        say(s.body);
    }
    void body(const LookupScreen& s) {
        page(s.title);
        page(std::to_string(static_cast<int>(s.show)) + s.result.text);
        say(s.title);
        if (s.show == LookupShow::Nothing) {
            say(s.intro);
            say(s.code_label);
        }
        error(s.error);
        say(s.result);
        say(s.due);
    }

    PageSpeech take() { return std::move(m_out); }

private:
    std::string m_language;
    PageSpeech m_out;
};

}  // namespace

PageSpeech page_speech(const ScreenModel& model) {
    Reader reader(model.language);
    reader.page(std::to_string(static_cast<int>(model.screen)));
    // What covers the page is read first, alone: the page under it cannot be tapped.
    if (model.idle) {
        reader.page("idle");
        reader.say(model.idle->title);
        reader.say(model.idle->still_here);
        return reader.take();
    }
    if (model.dialog) {
        reader.page("dialog");
        reader.page(model.dialog->title);
        reader.say(model.dialog->title);
        reader.say(model.dialog->body);
        for (const auto& action : model.dialog->actions) reader.say(action);
        return reader.take();
    }
    if (model.banner) {
        reader.page(*model.banner);
        reader.say(*model.banner);
    }
    std::visit([&](const auto& screen) { reader.body(screen); }, model.body);
    // What the page leads to, when it is not already in the body.
    if (model.footer.shown && model.footer.primary &&
        (model.screen == Screen::Requirements || model.screen == Screen::Review ||
         model.screen == Screen::Guidance))
        reader.say(model.footer.primary);
    return reader.take();
}

SpeechPlan plan_speech(SpeechMemory& memory, const ScreenModel& model, bool tapped) {
    SpeechPlan plan;
    if (!model.voice) {
        plan.stop = memory.voice;  // the wipe turned voice off while it spoke
        memory = SpeechMemory{};
        memory.listen_requests = model.listen_requests;
        return plan;
    }
    PageSpeech speech = page_speech(model);
    const bool asked = model.listen_requests != memory.listen_requests || !memory.voice;
    if (asked || speech.page != memory.page) {
        plan.stop = true;
        plan.say = std::move(speech.utterances);
    } else if (speech.errors != memory.errors && !speech.errors.empty()) {
        plan.stop = true;
        plan.say = speech.errors;
    } else if (tapped) {
        plan.stop = true;
    }
    memory.page = std::move(speech.page);
    memory.errors = std::move(speech.errors);
    memory.listen_requests = model.listen_requests;
    memory.voice = true;
    return plan;
}

}  // namespace motcua::core::speech

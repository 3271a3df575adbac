// What a page says (page.h): one reader per screen of the model, then the chrome.
#include "core/speech/page.h"

#include <algorithm>
#include <type_traits>

#include "core/form/reference.h"
#include "core/speech/normalize.h"

namespace motcua::core::speech {

namespace {

// A list longer than this is not read whole: its size, how to choose, and its first few.
constexpr std::size_t LongList = 6;
constexpr std::size_t FirstOfLongList = 5;

// What a long list holds, for the words that say how to choose from it.
enum class ListKind { Choices, Ethnicity, Nationality, Province };

// The reference lists are recognised by their labels (the model carries no field type).
template <class Reference>
bool same_names(const std::vector<Action>& options, const Reference& reference) {
    return options.size() == reference.size() &&
           std::equal(options.begin(), options.end(), reference.begin(),
                      [](const Action& option, const auto& entry) {
                          return option.label.text == entry.name;
                      });
}

ListKind kind_of(const std::vector<Action>& options) {
    if (same_names(options, ethnic_groups())) return ListKind::Ethnicity;
    if (same_names(options, nationalities())) return ListKind::Nationality;
    return ListKind::Choices;
}

class Reader {
public:
    Reader(Language language, const Strings& strings)
        : m_language(language == Language::English ? "en" : "vi"), m_words(strings.in(language)) {}
    // Words that are the same on every visit: prompts, the catalogue's texts, choices.
    void say(const Text& text) { add(text, Fixed::Yes); }
    // Words that hold what this resident typed, scanned or chose: never kept by the engine.
    void answer(const Text& text) { add(text, Fixed::No); }
    void say(const std::optional<Text>& text) {
        if (text) say(*text);
    }
    void say(const Action& action) { say(action.label); }
    void say(const std::optional<Action>& action) {
        if (action) say(action->label);
    }
    // Errors are never kept either: some name what was typed or looked up.
    void error(const Text& text) {
        if (text.empty()) return;
        answer(text);
        m_out.errors.push_back(m_out.utterances.back());
    }
    void error(const std::optional<Text>& text) {
        if (text) error(*text);
    }
    // A code read character by character in groups ("KD4MX7PA", a MaHoSo).
    void code(const std::string& code) {
        if (!code.empty())
            m_out.utterances.push_back(Utterance{
                code, "", m_language == "vi" ? code_words(code) : code, m_language, false});
    }
    // Choices on buttons: a short list whole; a long one (54 ethnic groups, 34 provinces) as
    // its size, how to choose, and the first few in the order shown, so the resident is not
    // held through a minute of names. Then what was chosen, if anything: "Bạn đã chọn: Kinh".
    void choices(const std::vector<Action>& options, ListKind kind) {
        if (options.size() <= LongList) {
            for (const auto& option : options) say(option);
        } else {
            const char* key = kind == ListKind::Ethnicity     ? "speech.list.ethnicity"
                              : kind == ListKind::Nationality ? "speech.list.nationality"
                              : kind == ListKind::Province    ? "speech.list.province"
                                                              : "speech.list.choices";
            // A reference list always has the same size: its sentence can be a recorded clip.
            // A procedure's own list does not, so its sentence is always synthesised.
            say(Text{m_words.format(key, {{"count", std::to_string(options.size())}}),
                     kind == ListKind::Choices ? std::string() : std::string(key)});
            say(Text{m_words.text("speech.list.starts"), "speech.list.starts"});
            for (std::size_t i = 0; i < FirstOfLongList; ++i) say(options[i]);
        }
        std::vector<const Action*> chosen;
        for (const auto& option : options)
            if (option.style == ButtonStyle::Selected) chosen.push_back(&option);
        if (chosen.empty()) return;
        say(Text{m_words.text("speech.chosen"), "speech.chosen"});
        for (const Action* option : chosen) answer(option->label);
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
                choices(address.provinces, ListKind::Province);
                break;
            case AddressStep::Ward:
                if (address.province) {
                    say(address.province->label);
                    answer(address.province->value);
                }
                say(address.find_ward);
                say(address.no_ward);
                break;
            case AddressStep::Detail:
                answer(address.summary);
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
            if (field.input == InputKind::Options) choices(field.options, kind_of(field.options));
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
                    answer(row.answer);
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
        answer(s.due);
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
        answer(s.result);
        answer(s.due);
    }

    PageSpeech take() { return std::move(m_out); }

private:
    enum class Fixed { No, Yes };
    void add(const Text& text, Fixed fixed) {
        if (text.empty()) return;
        // English text is read as it is: the normaliser knows Vietnamese only.
        m_out.utterances.push_back(Utterance{text.text, text.key,
                                             m_language == "vi" ? normalize(text.text) : text.text,
                                             m_language, fixed == Fixed::Yes});
    }

    std::string m_language;
    const I18n& m_words;
    PageSpeech m_out;
};

}  // namespace

PageSpeech page_speech(const ScreenModel& model, const Strings& strings) {
    Reader reader(model.language, strings);
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

SpeechPlan plan_speech(SpeechMemory& memory, const ScreenModel& model, bool tapped,
                       const Strings& strings) {
    SpeechPlan plan;
    if (!model.voice) {
        plan.stop = memory.voice;  // the wipe turned voice off while it spoke
        memory = SpeechMemory{};
        memory.listen_requests = model.listen_requests;
        return plan;
    }
    PageSpeech speech = page_speech(model, strings);
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

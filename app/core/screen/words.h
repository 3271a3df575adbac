// Inside the screen model: the resident's words, and the question page's builder.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/screen/screen.h"

namespace motcua::core {

// The i18n strings of the resident's language, turned into Texts and Actions.
struct Words {
    const I18n& strings;
    Language language;

    Text t(const std::string& key) const;
    Text f(const std::string& key,
           const std::vector<std::pair<std::string, std::string>>& values) const;
    Text local(const LocalText& text) const;
    Action action(const std::string& key, std::string id, Intent intent,
                  ButtonStyle style = ButtonStyle::Secondary) const;
};

// "Giấy tờ thứ 2" from the repeat's "Giấy tờ thứ {n}".
std::string item_title(const LocalText& title_template, Language language, int n);

QuestionScreen make_question(const Words& w, const Session& session, const Procedure& procedure);

}  // namespace motcua::core

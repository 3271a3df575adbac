// Screen-model tests: a session driven by intents, the real i18n files, and the model it yields.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "core/screen/screen.h"
#include "stepping_random.h"

namespace motcua::test {

inline core::I18n load_strings(const char* language) {
    std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/assets/i18n/" + language + ".json");
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto strings = core::I18n::parse(buffer.str(), language);
    REQUIRE(strings.ok());
    return std::move(strings).value();
}

inline const core::Strings& strings() {
    static const core::Strings both{load_strings("vi"), load_strings("en")};
    return both;
}

// 2026-11-27 10:00 Asia/Ho_Chi_Minh (a Friday).
constexpr std::int64_t Friday10am = 1795748400000;

struct ScreenVisit {
    SteppingRandom random{3, 7};
    core::Session session;
    std::int64_t now = 0;
    std::vector<core::Effect> effects;
    const core::FeeSchedule* fees = nullptr;
    core::Date today{2026, 11, 27};

    explicit ScreenVisit(const std::vector<core::SourceFile>& files,
                         core::SessionConfig config = {})
        : session(core::make_offer(core::build_catalog(files), "bundled"), std::move(config),
                  random) {
        REQUIRE(session.catalog().problems.empty());
    }
    const core::SessionState& state() const { return session.state(); }
    void send(core::Intent intent, std::int64_t after_ms = 100) {
        now += after_ms;
        auto produced = session.dispatch(intent, core::Now{now, Friday10am + now});
        effects.insert(effects.end(), produced.begin(), produced.end());
    }
    void type_into(const std::string& field, const std::string& text) {
        send(core::intent::Focus{field});
        send(core::intent::TypeText{text});
    }
    core::ScreenModel model(bool staff_notice = false,
                            std::vector<std::string> staff_problems = {}) const {
        return core::build_screen(session,
                                  core::ScreenInputs{strings(), fees, today, now, staff_notice,
                                                     std::move(staff_problems)});
    }
    template <class T>
    T body() const {
        core::ScreenModel shown = model();
        const T* screen = std::get_if<T>(&shown.body);
        REQUIRE(screen != nullptr);
        return *screen;
    }
};

// The labels of a list of actions, in order.
inline std::vector<std::string> labels(const std::vector<core::Action>& actions) {
    std::vector<std::string> out;
    for (const auto& action : actions) out.push_back(action.label.text);
    return out;
}

}  // namespace motcua::test

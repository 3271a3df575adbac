// The accessibility audit on hand-made frames: each rule finds its problem, and a clean frame
// passes. (Every UI script also runs it on real frames.)
#include "platform/driver/audit.h"

#include <catch2/catch.hpp>

namespace {

using motcua::ui::Rect;
using motcua::ui::Registry;
using motcua::ui::WidgetRecord;

WidgetRecord button(std::string id, std::string label, Rect rect, float contrast = 7.0f) {
    return WidgetRecord{std::move(id), std::move(label), rect, rect, true, contrast};
}

bool mentions(const std::vector<std::string>& problems, const std::string& needle) {
    for (const auto& problem : problems)
        if (problem.find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a frame of well-sized, labelled, separate targets passes the audit", "[audit]") {
    Registry registry;
    registry.add_widget(button("next", "Tiếp tục", {700, 700, 500, 80}));
    registry.add_widget(button("back", "Quay lại", {20, 700, 380, 80}));
    CHECK(motcua::platform::audit(registry, {}).empty());
}

TEST_CASE("the audit names small, unlabelled, low-contrast and overlapping targets", "[audit]") {
    Registry registry;
    registry.add_widget(button("tiny", "Có", {10, 10, 40, 30}));
    registry.add_widget(button("blank", "", {100, 10, 200, 80}));
    registry.add_widget(button("grey", "Không", {400, 10, 200, 80}, 2.1f));
    registry.add_widget(button("under", "Tiếp tục", {450, 40, 200, 80}));
    const auto problems = motcua::platform::audit(registry, {"U+0110 in \"Đ\""});
    CHECK(mentions(problems, "\"Có\" (tiny): target 40×30 px is smaller than 48×48"));
    CHECK(mentions(problems, "(blank): no visible label"));
    CHECK(mentions(problems, "\"Không\" (grey): label contrast 2.1:1 is below 4.5:1"));
    CHECK(mentions(problems, "\"Không\" (grey) overlaps \"Tiếp tục\" (under)"));
    CHECK(mentions(problems, "missing glyph U+0110"));
    CHECK(problems.size() == 5);
}

TEST_CASE("targets scrolled out of view are not audited", "[audit]") {
    Registry registry;
    WidgetRecord hidden = button("far", "Có", {0, 0, 0, 0});
    hidden.full = {10, 2000, 20, 20};
    registry.add_widget(hidden);
    CHECK(motcua::platform::audit(registry, {}).empty());
}

// The accessibility audit on hand-made frames: each rule finds its problem, and a clean frame
// passes. (Every UI script also runs it on real frames; audit_matrix_test.cpp on every screen at
// every size, contrast and screen size.)
#include "platform/driver/audit.h"

#include <catch2/catch.hpp>

#include "ui/theme.h"

namespace {

using motcua::ui::ImageRecord;
using motcua::ui::Rect;
using motcua::ui::Registry;
using motcua::ui::TextRecord;
using motcua::ui::TextRole;
using motcua::ui::WidgetRecord;

WidgetRecord button(std::string id, std::string label, Rect rect, float contrast = 12.0f) {
    WidgetRecord record{std::move(id), std::move(label), rect, rect, true, contrast};
    record.label_w = rect.w / 2;
    record.label_h = rect.h / 2;
    return record;
}

TextRecord text(std::string content, Rect rect, TextRole role = TextRole::Body) {
    TextRecord record;
    record.text = std::move(content);
    record.rect = rect;
    record.full = rect;
    record.clip = Rect{0, 0, 1280, 800};
    record.role = role;
    return record;
}

// A frame at 96 ppi (12.7 mm = 48 px, 2.54 mm = 9.6 px) in a 7:1 mode.
Registry frame() {
    Registry registry;
    registry.info().ppi = 96;
    registry.info().text_bar = 7;
    registry.info().screen = Rect{0, 0, 1280, 800};
    return registry;
}

bool mentions(const std::vector<std::string>& problems, const std::string& needle) {
    for (const auto& problem : problems)
        if (problem.find(needle) != std::string::npos) return true;
    return false;
}

std::string all(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& problem : problems) out += problem + "\n";
    return out;
}

}  // namespace

TEST_CASE("a frame of well-sized, labelled, separate targets and texts passes the audit",
          "[audit]") {
    Registry registry = frame();
    registry.info().entry = true;
    registry.info().primary = true;
    registry.add_text(text("Người đi đăng ký", {20, 20, 400, 40}, TextRole::Heading));
    registry.add_text(text("Họ, chữ đệm và tên", {20, 80, 400, 40}, TextRole::Question));
    registry.add_widget(button("primary", "Tiếp tục", {700, 700, 500, 80}));
    registry.add_widget(button("back", "Quay lại", {20, 700, 380, 80}));
    registry.add_image({"QR code", {900, 100, 200, 200}});
    const auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(problems.empty());
}

TEST_CASE("the audit names small, unlabelled, low-contrast and overlapping targets", "[audit]") {
    Registry registry = frame();
    registry.add_widget(button("tiny", "Có", {10, 10, 40, 30}));
    registry.add_widget(button("blank", "", {100, 10, 200, 80}));
    registry.add_widget(button("grey", "Không", {400, 10, 200, 80}, 2.1f));
    registry.add_widget(button("under", "Tiếp tục", {450, 40, 200, 80}));
    const auto problems = motcua::platform::audit(registry, {"U+0110 in \"Đ\""});
    INFO(all(problems));
    CHECK(
        mentions(problems, "\"Có\" (tiny): target 40×30 px (10.6×7.9 mm) is smaller than 12.7 mm"));
    CHECK(mentions(problems, "(blank): no visible label"));
    CHECK(mentions(problems, "\"Không\" (grey): label contrast 2.1:1 is below 7:1"));
    CHECK(mentions(problems, "\"Không\" (grey) overlaps \"Tiếp tục\" (under)"));
    CHECK(mentions(problems, "missing glyph U+0110"));
    CHECK(problems.size() == 5);
}

TEST_CASE("targets are measured in millimetres from the panel's ppi", "[audit][mm]") {
    // 60 px is 15.9 mm at 96 ppi but only 7.6 mm on a 200 ppi panel.
    Registry registry = frame();
    registry.add_widget(button("ok", "Có", {10, 10, 60, 60}));
    CHECK(motcua::platform::audit(registry, {}).empty());
    registry.info().ppi = 200;
    CHECK(mentions(motcua::platform::audit(registry, {}), "(7.6×7.6 mm) is smaller than 12.7 mm"));
}

TEST_CASE("targets closer than 2.54 mm are named", "[audit][mm]") {
    Registry registry = frame();
    registry.add_widget(button("yes", "Có", {10, 10, 100, 60}));
    registry.add_widget(button("no", "Không", {115, 10, 100, 60}));  // 5 px = 1.3 mm apart
    const auto problems = motcua::platform::audit(registry, {});
    CHECK(mentions(problems, "\"Có\" (yes) is 1.3 mm from \"Không\" (no) (at least 2.54 mm)"));
    Registry apart = frame();
    apart.add_widget(button("yes", "Có", {10, 10, 100, 60}));
    apart.add_widget(button("no", "Không", {120, 10, 100, 60}));  // 10 px = 2.6 mm
    CHECK(motcua::platform::audit(apart, {}).empty());
}

TEST_CASE("a label cut by its button, a faint control edge and a faint text are named", "[audit]") {
    Registry registry = frame();
    WidgetRecord cut = button("long", "Cấp bản sao trích lục hộ tịch", {10, 10, 200, 60});
    cut.label_w = 420;
    registry.add_widget(cut);
    WidgetRecord faint = button("faint", "Quay lại", {300, 10, 200, 60});
    faint.boundary = 1.4f;
    registry.add_widget(faint);
    TextRecord grey = text("Trang 2 / 9", {10, 200, 200, 30});
    grey.contrast = 4.6f;
    registry.add_text(grey);
    const auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(mentions(problems, "(long): label 420×30 px is cut by its 200×60 target"));
    CHECK(mentions(problems, "(faint): edge contrast 1.4:1 is below 3:1"));
    CHECK(mentions(problems, "text \"Trang 2 / 9\": contrast 4.6:1 is below 7:1"));
    CHECK(problems.size() == 3);
}

TEST_CASE("the standard mode holds text to 10:1", "[audit]") {
    Registry registry = frame();
    registry.info().text_bar = 10;
    TextRecord text_8 = text("Giấy tờ cần mang theo", {10, 200, 300, 30});
    text_8.contrast = 8.0f;
    registry.add_text(text_8);
    CHECK(mentions(motcua::platform::audit(registry, {}), "contrast 8.0:1 is below 10:1"));
}

TEST_CASE(
    "every drawn item is checked for overlap: text on text, text on a button, the QR on "
    "the code",
    "[audit]") {
    Registry registry = frame();
    registry.add_text(text("Mã hồ sơ", {10, 10, 300, 40}));
    registry.add_text(text("000.00.01.H99-261127-0001", {10, 60, 700, 60}));
    registry.add_image({"QR code", {600, 40, 250, 250}});
    registry.add_text(text("Ngày hẹn", {10, 300, 300, 40}));
    registry.add_widget(button("done", "Xong", {200, 320, 200, 60}));
    const auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(mentions(problems, "text \"000.00.01.H99-261127-0001\" overlaps the QR code"));
    CHECK(mentions(problems, "text \"Ngày hẹn\" overlaps \"Xong\" (done)"));
    CHECK(problems.size() == 2);
    // A field's own value inside its box is no overlap.
    Registry field = frame();
    field.add_widget(button("field:name", "Họ và tên", {10, 10, 400, 60}));
    TextRecord value = text("Nguyễn Văn An", {20, 20, 200, 40}, TextRole::Value);
    value.owner = "field:name";
    field.add_text(value);
    CHECK(motcua::platform::audit(field, {}).empty());
}

TEST_CASE("text cut at its box is named, a scrolling list may cut at its top and bottom",
          "[audit]") {
    Registry registry = frame();
    TextRecord wide = text("Bạn cần làm thủ tục gì?", {10, 10, 500, 40});
    wide.full = {10, 10, 900, 40};
    wide.clip = {0, 0, 510, 800};
    registry.add_text(wide);
    TextRecord low = text("Đăng ký khai sinh", {10, 760, 300, 40});
    low.full = {10, 760, 300, 60};
    low.clip = {0, 0, 1280, 800};
    registry.add_text(low);
    auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(mentions(problems, "text \"Bạn cần làm thủ tục gì?\" is cut at its box"));
    CHECK(mentions(problems, "text \"Đăng ký khai sinh\" is cut at its box"));
    CHECK(problems.size() == 2);
    Registry scrolling = frame();
    low.scrolls = true;
    scrolling.add_text(low);
    CHECK(motcua::platform::audit(scrolling, {}).empty());
}

TEST_CASE("a page entered with its heading or question out of view, or after an answer, fails",
          "[audit]") {
    Registry registry = frame();
    registry.info().entry = true;
    TextRecord heading = text("Người đi đăng ký", {0, 0, 0, 0}, TextRole::Heading);
    heading.full = {20, -80, 400, 40};  // scrolled away
    registry.add_text(heading);
    registry.add_widget(button("answer_yes", "Có", {20, 100, 200, 80}));
    registry.add_text(
        text("Cháu bé đã từng được đăng ký khai sinh?", {20, 200, 600, 40}, TextRole::Question));
    auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(mentions(problems, "text \"Người đi đăng ký\": the page's heading is not fully visible"));
    CHECK(mentions(problems, "the page's question comes after an answer"));
    CHECK(problems.size() == 2);
    // Scrolled on purpose (or typing): the page is no longer as entered.
    registry.info().entry = false;
    CHECK(motcua::platform::audit(registry, {}).empty());
}

TEST_CASE("the primary action must be on screen, and the focused field with its label and error",
          "[audit]") {
    Registry registry = frame();
    registry.info().primary = true;
    WidgetRecord primary = button("primary", "Tiếp tục", {700, 0, 500, 0});
    primary.full = {700, 820, 500, 80};  // below the screen
    registry.add_widget(primary);
    WidgetRecord field = button("field:name", "Họ, chữ đệm và tên", {20, 300, 600, 60});
    field.focused = true;
    registry.add_widget(field);
    TextRecord label = text("Họ, chữ đệm và tên", {0, 0, 0, 0}, TextRole::Question);
    label.full = {20, 200, 600, 40};
    label.clip = {0, 240, 1280, 400};  // under the header: scrolled out of the content
    label.field = "field:name";
    registry.add_text(label);
    TextRecord error = text("Vui lòng điền thông tin này.", {20, 250, 600, 40}, TextRole::Error);
    error.field = "field:name";
    registry.add_text(error);
    const auto problems = motcua::platform::audit(registry, {});
    INFO(all(problems));
    CHECK(mentions(problems, "the primary action is not fully on screen"));
    CHECK(mentions(problems,
                   "text \"Họ, chữ đệm và tên\": the label or error of the field being "
                   "typed into is not fully in view"));
    CHECK(problems.size() == 2);
}

TEST_CASE("every contrast mode keeps its text above its bar and its control edges above 3:1",
          "[audit][contrast]") {
    using motcua::core::Contrast;
    using motcua::ui::contrast_ratio;
    for (Contrast mode :
         {Contrast::Standard, Contrast::HighLight, Contrast::HighDark, Contrast::LowGlare}) {
        const auto& p = motcua::ui::palette(mode);
        INFO("mode " << static_cast<int>(mode));
        CHECK(p.text_bar >= (mode == Contrast::Standard ? 10.0f : 7.0f));
        // Text on what it is drawn on.
        for (auto [fg, bg] : {std::pair{p.text, p.background},
                              {p.text, p.surface},
                              {p.muted_text, p.background},
                              {p.muted_text, p.surface},
                              {p.muted_text, p.secondary},
                              {p.primary_text, p.primary},
                              {p.secondary_text, p.secondary},
                              {p.danger, p.background},
                              {p.danger, p.danger_surface},
                              {p.primary_text, p.danger},
                              {p.key_text, p.key},
                              {p.text, p.secondary},
                              {p.primary, p.background}})
            CHECK(contrast_ratio(fg, bg) >= p.text_bar);
        // The edges of controls: a border or a fill against the page, the keyboard and panels.
        for (auto [edge, around] : {std::pair{p.border, p.background},
                                    {p.border, p.secondary},
                                    {p.border, p.surface},
                                    {p.primary, p.background},
                                    {p.primary, p.secondary},
                                    {p.danger, p.background}})
            CHECK(contrast_ratio(edge, around) >= motcua::ui::BoundaryBar);
    }
}

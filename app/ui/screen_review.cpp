#include <imgui.h>

#include "core/form/reference.h"
#include "ui/screens.h"

namespace motcua::ui {

namespace {

// The answer as the resident chose it: option labels rather than stored values.
std::string shown_answer(const Frame& frame, const core::FieldDef& field, const std::string& value) {
    if (value.empty()) return frame.t("review.not_given");
    if (field.type == core::FieldType::YesNo) return frame.t(value == "yes" ? "answer.yes" : "answer.no");
    if (field.type == core::FieldType::Choice || field.type == core::FieldType::MultiChoice) {
        std::string out;
        std::string joined = "|" + value + "|";
        for (const auto& option : field.options)
            if (joined.find("|" + option.value + "|") != std::string::npos)
                out += (out.empty() ? "" : ", ") + option.label.in(frame.language);
        return out;
    }
    return value;
}

}  // namespace

// Check your answers: every answer with a "Sửa" button for its page; the button says "Gửi hồ sơ".
Footer screen_review(Frame& frame) {
    const auto& procedure = chosen(frame);
    const auto& session = frame.context.session;
    const auto& state = session.state();
    const float unit = frame.unit();
    heading(frame, frame.t("review.title"));
    paragraph(frame, frame.t("review.intro"));
    if (!state.notice.empty()) notice_box(frame, frame.t(state.notice.c_str()), true);
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    const float width = ImGui::GetContentRegionAvail().x;
    for (int page_index : session.visible_pages()) {
        const auto& page = procedure.pages[static_cast<std::size_t>(page_index)];
        ImGui::Separator();
        ImGui::Dummy(ImVec2(0, unit * 0.2f));
        const int items = session.item_count(page);
        for (int item = 1; item <= items; ++item) {
            if (page.repeat) text(frame, item_title(frame, *page.repeat, item), frame.body(), frame.colours.primary);
            for (const auto& field : page.fields) {
                if (!session.field_visible(field)) continue;
                // An address shows whole, as checked: "12 Lê Lợi, Phường Ba Đình, Thành phố Hà Nội".
                const std::string answer = state.answer(
                    field.type == core::FieldType::Address ? field.id + core::kAddressFull : core::item_key(field.id, item));
                muted(frame, field.label.in(frame.language));
                text(frame, shown_answer(frame, field, answer), frame.heading(), frame.colours.text);
            }
        }
        std::string id = "edit_" + page.id;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - unit * 8.0f);
        if (button(frame, frame.t("review.change"), id.c_str(), ImVec2(unit * 8.0f, unit * 2.2f)))
            frame.emit(core::intent::EditPage{page_index});
    }
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, unit * 0.3f));
    paragraph(frame, frame.t("review.declaration"));
    return Footer{.back = true, .primary_key = "review.submit", .primary = core::intent::Submit{}};
}

}  // namespace motcua::ui

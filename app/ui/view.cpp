// The whole frame: header, banner, content, keyboard, footer, then a dialog or the idle overlay.
//
// Index
//   [SECTION] Page identity   a new page starts at its top
//   [SECTION] The plan        how tall the chrome is at this text size on this screen
//   [SECTION] Chrome          header, banner, footer
//   [SECTION] Overlays        dialog, idle overlay
//   [SECTION] The frame
//
// Sizes come in millimetres through the panel's ppi (Fonts::px): every target >= 12.7 mm and
// >= 2.54 mm apart. The header, footer and keyboard grow with the resident's text size while the
// screen has room for them; on a short screen they step down a size first, and while typing the
// content too, so the field, its label and its error always fit above the keyboard.
#include "ui/view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/screens.h"
#include "ui/widgets.h"

namespace motcua::ui {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

void draw_screen(Frame& frame) {
    std::visit(
        Overloaded{
            [&](const core::AttractScreen& screen) { screen_attract(frame, screen); },
            [&](const core::ChooseScreen& screen) { screen_choose(frame, screen); },
            [&](const core::EligibilityScreen& screen) { screen_eligibility(frame, screen); },
            [&](const core::EligibilityExitScreen& screen) {
                screen_eligibility_exit(frame, screen);
            },
            [&](const core::RequirementsScreen& screen) { screen_requirements(frame, screen); },
            [&](const core::GuidanceScreen& screen) { screen_guidance(frame, screen); },
            [&](const core::QuestionScreen& screen) { screen_question(frame, screen); },
            [&](const core::ReviewScreen& screen) { screen_review(frame, screen); },
            [&](const core::SubmittingScreen& screen) { screen_submitting(frame, screen); },
            [&](const core::ReceiptScreen& screen) { screen_receipt(frame, screen); },
            [&](const core::RatingScreen& screen) { screen_rating(frame, screen); },
            [&](const core::ThanksScreen& screen) { screen_thanks(frame, screen); },
            [&](const core::LookupScreen& screen) { screen_lookup(frame, screen); },
        },
        frame.model().body);
}

// [SECTION] Page identity ------------------------------------------------------------------------

// What names the page on screen: the screen, and on a question page its progress, title, item
// and address steps. Another page (or another step) starts scrolled to its top.
unsigned page_key(const core::ScreenModel& model) {
    std::string key = std::to_string(static_cast<int>(model.screen));
    if (const auto* question = std::get_if<core::QuestionScreen>(&model.body)) {
        key += "|" + question->progress.text + "|" + question->title.text + "|" +
               question->item.text + (question->ward_search_only ? "|ward" : "");
        for (const auto& field : question->fields)
            if (field.input == core::InputKind::Address)
                key += "|" + std::to_string(static_cast<int>(field.address.step));
    } else if (const auto* eligibility = std::get_if<core::EligibilityScreen>(&model.body)) {
        key += "|" + eligibility->question.text;
    } else if (const auto* choose = std::get_if<core::ChooseScreen>(&model.body)) {
        key += choose->typing ? "|typing" : "";
    }
    unsigned hash = 2166136261u;  // FNV-1a
    for (unsigned char c : key) hash = (hash ^ c) * 16777619u;
    return hash == 0 ? 1 : hash;
}

// [SECTION] The plan -----------------------------------------------------------------------------

struct HeaderItem {
    const core::Action* action;
    float width;
};

struct Plan {
    int chrome = 1;   // text size of the chrome
    int content = 1;  // text size of the content
    float margin = 10, gap = 10, target = 48;
    std::vector<std::vector<HeaderItem>> header_rows;
    float header_button_h = 48, header_h = 0;
    float banner_h = 0;
    float footer_button_h = 48, footer_h = 0;
    float key_h = 48, keyboard_h = 0;
    float content_h = 0;
};

float text_width(ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str()).x;
}

float text_height(ImFont* font, const std::string& text, float wrap) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str()).y;
}

Plan plan_at(const ViewContext& context, int chrome, int content, float width, float height,
             bool typing, bool numbers) {
    const core::ScreenModel& model = context.model;
    const Fonts& fonts = context.fonts;
    Plan plan;
    plan.chrome = chrome;
    plan.content = content;
    plan.target = std::ceil(fonts.px(TargetMm));
    plan.gap = std::ceil(fonts.px(GapMm));
    ImFont* body = fonts.body[chrome];
    plan.margin = std::round(std::max(plan.gap, body->FontSize * 0.5f));

    // Header: home on the left, the rest on the right; rows wrap when they do not fit.
    const core::Header& header = model.header;
    std::vector<const core::Action*> items;
    if (header.home) items.push_back(&*header.home);
    if (header.listen) items.push_back(&*header.listen);
    if (header.call_staff) items.push_back(&*header.call_staff);
    items.push_back(&header.text_size);
    if (header.contrast) items.push_back(&*header.contrast);
    items.push_back(&header.language);
    const float pad = std::round(body->FontSize * 0.6f);
    const float avail = width - 2 * plan.margin;
    plan.header_rows.emplace_back();
    float row_w = 0;
    for (const core::Action* item : items) {
        const float w = std::round(
            std::min(avail, std::max(plan.target, text_width(body, item->label.text) + 2 * pad)));
        if (!plan.header_rows.back().empty() && row_w + plan.gap + w > avail) {
            plan.header_rows.emplace_back();
            row_w = 0;
        }
        row_w += (plan.header_rows.back().empty() ? 0 : plan.gap) + w;
        plan.header_rows.back().push_back({item, w});
    }
    const float rows = static_cast<float>(plan.header_rows.size());
    plan.header_button_h = std::max(plan.target, std::round(body->FontSize * 1.5f));
    plan.header_h = rows * plan.header_button_h + (rows - 1) * plan.gap + 2 * plan.gap;

    if (model.banner) {
        const float wrap = width - 2 * plan.margin - 2 * pad;
        plan.banner_h = text_height(body, model.banner->text, wrap) + 2 * pad + plan.gap;
    }
    if (model.footer.shown) {
        plan.footer_button_h =
            std::max(plan.target, std::round(fonts.heading[chrome]->FontSize * 1.5f));
        plan.footer_h = plan.footer_button_h + 2 * plan.gap;
    }
    if (typing) {
        plan.key_h = std::max(plan.target, std::round(body->FontSize * 1.5f));
        const float key_rows = numbers ? 4 : 5;
        plan.keyboard_h = key_rows * plan.key_h + (key_rows + 1) * plan.gap;
    }
    plan.content_h = height - plan.header_h - plan.banner_h - plan.footer_h - plan.keyboard_h;
    return plan;
}

// The content needs, while typing, room for a field's label (two lines), its error (one line)
// and its box: the estimate for the first frame, before the field has been measured (then the
// measured span, MemoryFieldSpan, takes its place).
float typing_need(const Fonts& fonts, int content, float target) {
    const float unit = fonts.body[content]->FontSize;
    return fonts.heading[content]->FontSize * 1.25f * 2 + unit * 1.25f +
           std::max(target, unit * 1.8f) + unit * 2.4f;
}

// The largest chrome and content sizes that fit. Not typing: the chrome takes at most a third of
// the screen. Typing: the content keeps room for the focused field's label, error and box above
// the keyboard (measured on the last frame, page_memory; estimated on the first); the chrome
// steps down first, then the content, by two sizes at most. The page from its top down to the
// focused field (also measured) may make the chrome smaller where that brings the heading and
// the question into view, but never the content: where the field fits, the resident keeps their
// size and the page scrolls to the field's label (on a 1920x1080 screen the content used to drop to
// Normal to keep the heading in view). Within a page the content only ever steps down, so the
// layout settles instead of flickering between two sizes.
Plan make_plan(const ViewContext& context, float width, float height, unsigned page) {
    const core::ScreenModel& model = context.model;
    const Fonts& fonts = context.fonts;
    const bool typing = model.keyboard.kind != core::KeyboardKind::None;
    const bool numbers = model.keyboard.kind == core::KeyboardKind::Numbers;
    const int size = std::clamp(model.text_size, 0, TextSizes - 1);
    const int floor = typing ? std::max(0, size - 2) : size;
    ImGuiStorage* memory = page_memory();
    const bool same_page = memory && memory->GetInt(MemoryPage, 0) == static_cast<int>(page);
    int cap = size;
    float extent = 0, span = 0;  // measured at extent_size
    int extent_size = size;
    if (same_page && typing) {
        const int stored = memory->GetInt(MemoryTypingCap, 0);  // size + 1; 0: none yet
        if (stored > 0 && memory->GetInt(MemoryCapSize, -1) == size)
            cap = std::clamp(stored - 1, floor, size);
        extent = memory->GetFloat(MemoryExtent, 0);
        extent_size = std::clamp(memory->GetInt(MemoryExtentSize, size), 0, TextSizes - 1);
        span = memory->GetFloat(MemoryFieldSpan, 0);
        // When the page down to the field would not fit even two sizes smaller, it scrolls
        // anyway (to the field's label): then keep the text as large as the field needs.
        const Plan smallest = plan_at(context, 0, floor, width, height, typing, numbers);
        if (extent * fonts.body[floor]->FontSize / fonts.body[extent_size]->FontSize >
            smallest.content_h - 2 * smallest.gap)
            extent = 0;
    }
    // Not typing: the headings and the first question must show (measured on the last frame).
    float entry = 0;
    int entry_size = size;
    if (same_page && !typing) {
        const int stored = memory->GetInt(MemoryEntryCap, 0);
        if (stored > 0) cap = std::clamp(stored - 1, std::max(0, size - 1), size);
        entry = memory->GetFloat(MemoryEntryExtent, 0);
        entry_size = std::clamp(memory->GetInt(MemoryEntrySize, size), 0, TextSizes - 1);
    }
    int chrome = size, content = cap;
    Plan plan;
    while (true) {
        plan = plan_at(context, chrome, content, width, height, typing, numbers);
        bool fits = plan.header_h + plan.banner_h + plan.footer_h <= height * 0.32f;
        if (!typing && entry > 0) {
            const float view = plan.content_h - 2 * plan.gap;
            const float predicted =
                entry * fonts.body[content]->FontSize / fonts.body[entry_size]->FontSize;
            if (predicted > view && content > std::max(0, size - 1)) {
                --content;  // the content a size smaller first: the chrome is already small
                continue;
            }
        }
        if (typing) {
            const float view = plan.content_h - 2 * plan.gap;
            const float scale = fonts.body[content]->FontSize / fonts.body[extent_size]->FontSize;
            const bool field_fits =
                span > 0 ? span * scale <= view
                         : plan.content_h >= typing_need(fonts, content, plan.target);
            // The page down to the field: a smaller chrome if that brings it all into view,
            // never smaller text.
            bool page_fits = extent * scale <= view;
            if (!page_fits && chrome > 0) {
                const Plan least = plan_at(context, 0, content, width, height, typing, numbers);
                page_fits = extent * scale > least.content_h - 2 * least.gap;  // it can't: keep
            }
            fits = field_fits && page_fits;
        }
        if (fits) break;
        if (chrome > 0)
            --chrome;
        else if (content > floor)
            --content, chrome = content;
        else
            break;
    }
    if (typing && memory && same_page && content < cap) {
        memory->SetInt(MemoryTypingCap, content + 1);
        memory->SetInt(MemoryCapSize, size);
    }
    if (!typing && memory && same_page && content < cap)
        memory->SetInt(MemoryEntryCap, content + 1);
    return plan;
}

// [SECTION] Chrome -------------------------------------------------------------------------------

void header(Frame& frame, const Plan& plan) {
    frame.zone = Zone::Header;
    frame.backdrop = frame.colours.background;
    const float width = ImGui::GetWindowWidth();
    ImGui::PushFont(frame.chrome_body());
    float y = plan.gap;
    for (std::size_t r = 0; r < plan.header_rows.size(); ++r) {
        const auto& row = plan.header_rows[r];
        // Home stays on the left of the first row; the rest line up on the right.
        const bool home_first = r == 0 && frame.model().header.home &&
                                row.front().action == &*frame.model().header.home;
        float right_w = 0;
        for (std::size_t i = home_first ? 1 : 0; i < row.size(); ++i)
            right_w += row[i].width + (right_w > 0 ? plan.gap : 0);
        float x = width - plan.margin - right_w;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool is_home = home_first && i == 0;
            ImGui::SetCursorPos(ImVec2(is_home ? plan.margin : x, y));
            action(frame, *row[i].action, ImVec2(row[i].width, plan.header_button_h));
            if (!is_home) x += row[i].width + plan.gap;
        }
        y += plan.header_button_h + plan.gap;
    }
    ImGui::PopFont();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    // The last two pixel rows of the header, as a plain rectangle (a 2-px line centred on a
    // pixel edge came out 3 rows wide, and differently in each renderer).
    draw->AddRectFilled(ImVec2(origin.x, std::round(origin.y + plan.header_h) - 2),
                        ImVec2(origin.x + width, std::round(origin.y + plan.header_h)),
                        frame.colours.border);
}

// A strip under the header ("Cán bộ đang đến hỗ trợ bạn"): text on the secondary colour.
void banner(Frame& frame, const Plan& plan, const std::string& content) {
    frame.zone = Zone::Banner;
    frame.backdrop = frame.colours.secondary;
    const float width = ImGui::GetWindowWidth();
    const float pad = std::round(frame.chrome_body()->FontSize * 0.6f);
    const ImVec2 origin = ImGui::GetWindowPos();
    const float top = plan.header_h;
    const float bottom = plan.header_h + plan.banner_h - plan.gap;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(origin.x + plan.margin, origin.y + top),
                        ImVec2(origin.x + width - plan.margin, origin.y + bottom),
                        frame.colours.secondary, 6);
    draw->AddRectFilled(ImVec2(origin.x + plan.margin, origin.y + top),
                        ImVec2(origin.x + plan.margin + 8, origin.y + bottom),
                        frame.colours.primary);
    ImGui::SetCursorPos(ImVec2(plan.margin + pad, top + pad));
    text(frame, content, frame.chrome_body(), frame.colours.text, width - plan.margin - pad);
}

void footer(Frame& frame, const Plan& plan, const core::Footer& spec, float top) {
    frame.zone = Zone::Footer;
    frame.backdrop = frame.colours.background;
    const float width = ImGui::GetWindowWidth();
    ImFont* font = frame.chrome_heading();
    const float pad = std::round(font->FontSize * 0.6f);
    const float avail = width - 2 * plan.margin - plan.gap;
    float back_w =
        spec.back ? std::max(width * 0.3f, text_width(font, spec.back->label.text) + 2 * pad) : 0;
    float primary_w =
        spec.primary ? std::max(width * 0.45f, text_width(font, spec.primary->label.text) + 2 * pad)
                     : 0;
    if (back_w + primary_w > avail) {  // labels too long for both: share, and shrink the labels
        back_w = spec.back ? avail * (spec.primary ? 0.4f : 1.0f) : 0;
        primary_w = spec.primary ? avail - back_w : 0;
    }
    back_w = std::floor(back_w);
    primary_w = std::floor(primary_w);
    ImGui::PushFont(font);
    if (spec.back) {
        ImGui::SetCursorPos(ImVec2(plan.margin, top + plan.gap));
        action(frame, *spec.back, ImVec2(back_w, plan.footer_button_h));
    }
    if (spec.primary) {
        ImGui::SetCursorPos(ImVec2(width - primary_w - plan.margin, top + plan.gap));
        action(frame, *spec.primary, ImVec2(primary_w, plan.footer_button_h));
    }
    ImGui::PopFont();
}

// [SECTION] Overlays -----------------------------------------------------------------------------

// A centred panel over a dimmed screen with a title, a text and big buttons stacked (the first
// is the safe one). The text size steps down when the panel would not fit the screen.
void panel(Frame& frame, const char* id, const std::string& title, const std::string& body,
           const std::vector<const core::Action*>& actions) {
    frame.context.registry.cover_all();
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 170));
    ImGui::Begin(
        id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    frame.zone = Zone::Overlay;
    frame.backdrop = frame.colours.surface;
    frame.scrolls = false;
    const float panel_w =
        std::min(io.DisplaySize.x * 0.9f, std::max(io.DisplaySize.x * 0.7f, frame.unit() * 18.0f));
    float panel_h = 0, pad = 0, button_h = 0;
    for (int size = frame.size_index; size >= 0; --size) {
        frame.size_index = size;
        pad = std::round(frame.unit());
        const float wrap = panel_w - 2 * pad;
        button_h = frame.tall(2.2f);
        panel_h = pad + text_height(frame.heading(), title, wrap) +
                  ImGui::GetStyle().ItemSpacing.y * 3 + frame.unit() * 0.3f +
                  text_height(frame.body(), body, wrap) +
                  static_cast<float>(actions.size()) * (button_h + frame.gap()) + pad;
        if (panel_h <= io.DisplaySize.y * 0.9f) break;
    }
    ImGui::SetCursorPos(ImVec2((io.DisplaySize.x - panel_w) / 2, (io.DisplaySize.y - panel_h) / 2));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, frame.colours.surface);
    ImGui::BeginChild("panel", ImVec2(panel_w, panel_h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(pad, pad));
    ImGui::PushTextWrapPos(panel_w - pad);
    ImGui::BeginGroup();
    // Wrapped inside the panel's padding (a wrap of 0 would run to the border and be cut).
    text(frame, title, frame.heading(), frame.colours.text, panel_w - pad, TextRole::Heading);
    ImGui::Dummy(ImVec2(0, frame.unit() * 0.1f));
    text(frame, body, frame.body(), frame.colours.text, panel_w - pad);
    ImGui::EndGroup();
    ImGui::PopTextWrapPos();
    ImGui::PushFont(frame.heading());
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(frame.gap(), frame.gap()));
    for (const core::Action* each : actions) {
        ImGui::SetCursorPosX(pad);
        action(frame, *each, ImVec2(panel_w - 2 * pad, button_h));
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::End();
    ImGui::PopStyleColor();
}

void overlays(Frame& frame) {
    // A dialog over the page; the idle overlay over everything (it ends the visit).
    if (frame.model().dialog) {
        const core::Dialog& dialog = *frame.model().dialog;
        std::vector<const core::Action*> actions;
        for (const auto& each : dialog.actions) actions.push_back(&each);
        panel(frame, "dialog", dialog.title.text, dialog.body.text, actions);
    }
    if (frame.model().idle) {
        const core::IdleOverlay& idle = *frame.model().idle;
        panel(frame, "idle", idle.title.text, idle.countdown.text, {&idle.still_here});
    }
}

}  // namespace

// [SECTION] The frame ----------------------------------------------------------------------------

void draw(const ViewContext& context, std::vector<core::Intent>& intents) {
    const core::ScreenModel& model = context.model;
    ImGuiIO& io = ImGui::GetIO();
    const unsigned page = page_key(model);
    const Plan plan = make_plan(context, io.DisplaySize.x, io.DisplaySize.y, page);
    const Palette& colours = palette(model.contrast);
    Frame frame{
        context, intents, colours, plan.content, plan.chrome, colours.background, Zone::Content,
        false,   {},      -1};
    Registry& registry = context.registry;
    registry.info().ppi = context.fonts.ppi;
    registry.info().text_bar = colours.text_bar;
    registry.info().screen = Rect{0, 0, io.DisplaySize.x, io.DisplaySize.y};
    registry.info().text_size = std::clamp(model.text_size, 0, TextSizes - 1);
    registry.info().content_size = plan.content;

    ImGuiStyle& style = ImGui::GetStyle();
    // Spacing between items never under the least gap between targets (2.54 mm).
    const float spacing = std::max(plan.gap, std::round(frame.unit() * 0.4f));
    style.ItemSpacing = ImVec2(spacing, spacing);
    style.FrameRounding = frame.unit() * 0.25f;
    style.FramePadding = ImVec2(frame.unit() * 0.4f, frame.unit() * 0.3f);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 2;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The renderer clears to the background colour: painting it again as a full-screen window
    // costs a million blended pixels a frame in the software renderer.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Border, frame.colours.border);
    ImGui::PushFont(frame.body());
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);

    const bool typing = model.keyboard.kind != core::KeyboardKind::None;
    header(frame, plan);
    if (model.banner) banner(frame, plan, model.banner->text);

    if (!model.staff) staff_corner(frame, plan.header_h);  // [staff]

    // The content, between the chrome, at least a gap away from it on every side.
    const float unit = frame.unit();
    const float content_x = std::round(std::max(plan.gap, unit * 0.5f));
    const float content_top = plan.header_h + plan.banner_h + plan.gap;
    frame.zone = Zone::Content;
    frame.backdrop = colours.background;
    ImGui::SetCursorPos(ImVec2(content_x, content_top));
    begin_content(frame, "content",
                  ImVec2(io.DisplaySize.x - 2 * content_x,
                         std::max(plan.target, plan.content_h - 2 * plan.gap)),
                  page);
    ImGui::SetCursorPos(ImVec2(0, plan.gap));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    draw_screen(frame);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    // While typing, room below the last field so the view can start at a field's label.
    ImGui::Dummy(ImVec2(0, typing ? std::max(unit, ImGui::GetWindowHeight() * 0.8f) : unit));
    end_content(frame);
    if (ImGuiStorage* memory = page_memory(); memory && !typing && frame.entry_extent > 0) {
        memory->SetFloat(MemoryEntryExtent, frame.entry_extent);
        memory->SetInt(MemoryEntrySize, frame.size_index);
    }
    frame.field.clear();
    frame.field_top = -1;
    registry.info().entry = !typing && !content_moved();

    if (plan.keyboard_h > 0) {
        const float top = plan.header_h + plan.banner_h + plan.content_h;
        frame.zone = Zone::Keyboard;
        frame.backdrop = colours.secondary;
        ImDrawList* draw_list = ImGui::GetWindowDrawList();
        draw_list->AddRectFilled(ImVec2(0, top), ImVec2(io.DisplaySize.x, top + plan.keyboard_h),
                                 colours.secondary);
        ImGui::SetCursorPos(ImVec2(plan.margin, top + plan.gap));
        ImGui::PushItemWidth(io.DisplaySize.x - 2 * plan.margin);
        ImGui::BeginGroup();
        ImGui::Dummy(ImVec2(io.DisplaySize.x - 2 * plan.margin, 0.1f));
        ImGui::SetCursorPosY(top + plan.gap);
        keyboard(frame, model.keyboard, plan.keyboard_h - 2 * plan.gap);
        ImGui::EndGroup();
        ImGui::PopItemWidth();
    }
    if (plan.footer_h > 0) {
        footer(frame, plan, model.footer, io.DisplaySize.y - plan.footer_h);
        registry.info().primary = model.footer.primary.has_value();
    }

    ImGui::End();
    ImGui::PopFont();
    ImGui::PopStyleColor(2);
    frame.size_index = std::clamp(model.text_size, 0, TextSizes - 1);
    overlays(frame);
    if (model.staff) staff_overlay(frame, *model.staff);  // [staff]
}

}  // namespace motcua::ui

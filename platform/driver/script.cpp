#include "platform/driver/script.h"

#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <sstream>
#include <thread>

#include "core/text/utf8.h"
#include "platform/driver/audit.h"

namespace motcua::platform {

namespace {

std::string unquote(const std::string& rest, std::size_t& end, bool& ok) {
    ok = false;
    std::size_t start = rest.find('"');
    if (start == std::string::npos) return {};
    std::string out;
    for (std::size_t i = start + 1; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) {
            out += rest[++i];
        } else if (rest[i] == '"') {
            end = i + 1;
            ok = true;
            return out;
        } else {
            out += rest[i];
        }
    }
    return {};
}

SDL_Event mouse_button(bool down, float x, float y, std::int64_t now) {
    SDL_Event event{};
    event.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    event.button.timestamp = static_cast<Uint32>(now);
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    event.button.which = SDL_TOUCH_MOUSEID;  // as a touchscreen sends it
    event.button.x = static_cast<Sint32>(x);
    event.button.y = static_cast<Sint32>(y);
    return event;
}

SDL_Event text_input(const std::string& utf8, std::int64_t now) {
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    event.text.timestamp = static_cast<Uint32>(now);
    std::snprintf(event.text.text, sizeof event.text.text, "%s", utf8.c_str());
    return event;
}

SDL_Event key_down(SDL_Keycode key, std::int64_t now) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.timestamp = static_cast<Uint32>(now);
    event.key.keysym.sym = key;
    return event;
}

std::string labels_on_screen(const App& app) {
    std::string out;
    for (const auto& widget : app.registry().widgets()) {
        if (widget.rect.w <= 0) continue;
        out += "  \"" + widget.label + "\" (" + widget.id + (widget.enabled ? "" : ", disabled") +
               ")\n";
    }
    return out;
}

core::Error failure(const App& app, const ScriptCommand& command, const std::string& reason) {
    return core::make_error("script_failed", "script line " + std::to_string(command.line) + ": " +
                                                 command.source + "\n  " + reason +
                                                 "\nlabels on screen:\n" + labels_on_screen(app));
}

const ui::WidgetRecord* find_target(const App& app, const std::string& label) {
    return app.registry().find(label);
}

SDL_Event mouse_motion(float x, float y, std::int64_t now) {
    SDL_Event event{};
    event.type = SDL_MOUSEMOTION;
    event.motion.timestamp = static_cast<Uint32>(now);
    event.motion.which = SDL_TOUCH_MOUSEID;
    event.motion.state = SDL_BUTTON_LMASK;
    event.motion.x = static_cast<Sint32>(x);
    event.motion.y = static_cast<Sint32>(y);
    return event;
}

// Drags a finger vertically from (x, y) by dy, as a resident scrolls a list.
void drag(App& app, float x, float y, float dy) {
    app.feed(mouse_button(true, x, y, app.clock().monotonic_ms()));
    const int steps = 6;
    for (int i = 1; i <= steps; ++i) {
        app.clock().advance(30);
        app.feed(
            mouse_motion(x, y + dy * static_cast<float>(i) / steps, app.clock().monotonic_ms()));
        app.frame();
    }
    app.feed(mouse_button(false, x, y + dy, app.clock().monotonic_ms()));
    app.settle();
}

// Scrolls by touch until the widget labelled `label` is in view (a few drags at most).
void scroll_into_view(App& app, const std::string& label) {
    for (int attempt = 0; attempt < 12 && !find_target(app, label); ++attempt) {
        const ui::WidgetRecord* hidden = app.registry().find_hidden(label);
        if (!hidden) return;
        const float height = static_cast<float>(app.display().height());
        const float middle = height * 0.45f;
        // A finger may start the drag anywhere, on a button too: a drag never presses it.
        const float x = static_cast<float>(app.display().width()) * 0.5f;
        float dy = middle - hidden->full.center_y();
        dy = std::clamp(dy, -height * 0.3f, height * 0.3f);
        drag(app, x, middle, dy);
    }
}

core::Status tap(App& app, const ScriptCommand& command, const std::string& label) {
    app.settle();
    if (!find_target(app, label)) scroll_into_view(app, label);
    const ui::WidgetRecord* widget = find_target(app, label);
    if (!widget) return failure(app, command, "no widget labelled \"" + label + "\" on screen");
    if (!widget->enabled) return failure(app, command, "\"" + label + "\" is disabled");
    const float x = widget->rect.center_x(), y = widget->rect.center_y();
    app.feed(mouse_button(true, x, y, app.clock().monotonic_ms()));
    app.clock().advance(80);  // a finger rests on the glass for a moment
    app.feed(mouse_button(false, x, y, app.clock().monotonic_ms()));
    app.settle();
    return core::Ok{};
}

// The on-screen key ids that produce `c`: base letter, then mark and tone keys.
struct KeyPlan {
    std::vector<std::string> letters;  // ids in order
    std::vector<std::string> after_word;
};

// Splits one precomposed character into its base letter and the mark/tone keys it needs.
void plan_character(char32_t c, std::vector<std::string>& keys, std::vector<std::string>& marks,
                    std::string& tone) {
    if (c == U'đ' || c == U'Đ') {
        if (c == U'Đ') keys.push_back("key_shift");
        keys.push_back("key_d");
        marks.push_back("mark_d");
        return;
    }
    std::string one = core::encode_utf8(std::u32string(1, c));
    utf8proc_uint8_t* nfd = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(one.c_str()));
    std::u32string parts = core::decode_utf8(reinterpret_cast<const char*>(nfd));
    std::free(nfd);
    char32_t base = parts.empty() ? c : parts[0];
    if (base >= U'A' && base <= U'Z') {
        keys.push_back("key_shift");
        base = base - U'A' + U'a';
    }
    if (base >= U'a' && base <= U'z')
        keys.push_back(std::string("key_") + static_cast<char>(base));
    else if (base >= U'0' && base <= U'9')
        keys.push_back(std::string("digit_") + static_cast<char>(base));
    else if (base == U' ')
        keys.push_back("key_space");
    else if (base == U'/')
        keys.push_back("digit_slash");
    else if (base == U',' || base == U'.' || base == U'-')
        keys.push_back(std::string("key_") + static_cast<char>(base));
    else
        keys.push_back("?" + one);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        switch (parts[i]) {
            case 0x0302:
                marks.push_back("mark_circumflex");
                break;
            case 0x0306:
                marks.push_back("mark_breve");
                break;
            case 0x031B:
                marks.push_back("mark_horn");
                break;
            case 0x0301:
                tone = "tone_sac";
                break;
            case 0x0300:
                tone = "tone_huyen";
                break;
            case 0x0309:
                tone = "tone_hoi";
                break;
            case 0x0303:
                tone = "tone_nga";
                break;
            case 0x0323:
                tone = "tone_nang";
                break;
            default:
                break;
        }
    }
}

core::Status press_keys(App& app, const ScriptCommand& command) {
    // Word by word: base letters first, then the word's marks, then its tone — as a resident
    // taps them on the kiosk's keyboard.
    std::u32string text = core::decode_utf8(command.text);
    std::vector<std::string> sequence;
    std::vector<std::string> word_keys, word_marks;
    std::string tone;
    auto end_word = [&] {
        sequence.insert(sequence.end(), word_keys.begin(), word_keys.end());
        // "ươ" takes one horn tap; other marks one each.
        bool horn_done = false;
        for (const auto& mark : word_marks) {
            if (mark == "mark_horn") {
                if (horn_done) continue;
                horn_done = true;
            }
            sequence.push_back(mark);
        }
        if (!tone.empty()) sequence.push_back(tone);
        word_keys.clear();
        word_marks.clear();
        tone.clear();
    };
    for (char32_t c : text) {
        if (c == U' ') {
            end_word();
            sequence.push_back("key_space");
            continue;
        }
        plan_character(c, word_keys, word_marks, tone);
    }
    end_word();
    for (const auto& id : sequence) {
        if (id[0] == '?')
            return failure(app, command, "no on-screen key types \"" + id.substr(1) + "\"");
        if (auto tapped = tap(app, command, id); !tapped) return tapped;
    }
    return core::Ok{};
}

core::Status wait_for(App& app, const ScriptCommand& command) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(command.number);
    while (true) {
        const auto before = std::chrono::steady_clock::now();
        app.frame();
        if (app.registry().shows(command.text)) return core::Ok{};
        if (std::chrono::steady_clock::now() >= end)
            return failure(app, command,
                           "\"" + command.text + "\" did not show within " +
                               std::to_string(command.number) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        // The app's clock moves with the real time spent waiting for the network.
        app.clock().advance(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - before)
                                .count());
    }
}

core::Status wait_for_portal_data(App& app, const ScriptCommand& command) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(command.number);
    while (true) {
        const auto before = std::chrono::steady_clock::now();
        app.frame();
        // The worker hands the catalogue and the wards over together.
        if (app.session().admin_units()) return core::Ok{};
        if (std::chrono::steady_clock::now() >= end)
            return failure(app, command,
                           "no data from the portal or its cache within " +
                               std::to_string(command.number) + " ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        app.clock().advance(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - before)
                                .count());
    }
}

// [layout] Settings by name, for "settings" and "matrix".
const char* const SizeNames[] = {"small", "normal", "large", "xlarge"};
const char* const ContrastNames[] = {"standard", "high-light", "high-dark", "low-glare"};
constexpr core::Contrast Contrasts[] = {core::Contrast::Standard, core::Contrast::HighLight,
                                        core::Contrast::HighDark, core::Contrast::LowGlare};

int index_of(const char* const* names, int count, const std::string& name) {
    for (int i = 0; i < count; ++i)
        if (name == names[i]) return i;
    return -1;
}

void apply_settings(App& app, int size, int contrast) {
    app.send(core::intent::SetTextSize{static_cast<core::TextSize>(size)});
    app.send(core::intent::SetContrast{Contrasts[contrast]});
    app.settle();
}

// Placeholder words for the chrome other parts of the kiosk fill in: the longest plausible
// wording, so the layout is checked with room to spare.
void fill_chrome(core::ScreenModel& model) {
    auto placeholder = [](const char* label, const char* id) {
        return core::Action{core::Text{label, {}}, id, core::intent::Tick{}, true,
                            core::ButtonStyle::Secondary};
    };
    model.header.listen = placeholder("Nghe lại", "listen");
    model.header.call_staff = placeholder("Gọi cán bộ", "call_staff");
    if (model.screen != core::Screen::Attract)
        model.banner = core::Text{"Cán bộ đang đến hỗ trợ bạn. Xin vui lòng chờ một chút.", {}};
    if (auto* attract = std::get_if<core::AttractScreen>(&model.body)) {
        attract->voice = placeholder("Nghe hướng dẫn bằng giọng nói", "voice");
        attract->ticket = placeholder("Lấy số thứ tự", "ticket");
    }
}

core::Status write_shot(App& app, const ScriptCommand& command, const std::string& shots_dir,
                        const std::string& name) {
    app.set_rasterise(true);
    app.frame();
    std::vector<unsigned char> pixels;
    if (!app.display().read_pixels(pixels))
        return failure(app, command, "could not read the frame");
    std::filesystem::create_directories(shots_dir);
    auto written = write_png(shots_dir + "/" + name + ".png", app.display().width(),
                             app.display().height(), pixels);
    if (!written) return failure(app, command, written.error().detail);
    return core::Ok{};
}

core::Status matrix(App& app, const ScriptCommand& command, const std::string& shots_dir,
                    bool& rasterise) {
    const core::Settings before = app.session().state().settings;
    std::string all;
    int failed = 0;
    for (int size = 0; size < 4; ++size)
        for (int contrast = 0; contrast < 4; ++contrast) {
            app.set_rasterise(false);
            apply_settings(app, size, contrast);
            const std::string name =
                command.text + "-" + SizeNames[size] + "-" + ContrastNames[contrast];
            auto problems = audit(app.registry(), app.missing_glyphs());
            if (!problems.empty()) {
                ++failed;
                all += "\n  " + name + ":";
                for (const auto& problem : problems) all += "\n    " + problem;
            }
            // "some": the largest size in both high contrast modes, and the defaults.
            const bool shot =
                command.number == 2 ||
                (command.number == 1 &&
                 ((size == 3 && (contrast == 1 || contrast == 2)) || (size == 1 && contrast == 0)));
            if (shot)
                if (auto written = write_shot(app, command, shots_dir, name); !written)
                    return written;
        }
    app.set_rasterise(rasterise);
    app.send(core::intent::SetTextSize{before.text_size});
    app.send(core::intent::SetContrast{before.contrast});
    app.settle();
    if (failed)
        return failure(
            app, command,
            "accessibility audit failed at " + std::to_string(failed) + " of 16 settings:" + all);
    return core::Ok{};
}
// [/layout]

}  // namespace

core::Result<std::vector<ScriptCommand>> parse_script(const std::string& text) {
    std::vector<ScriptCommand> commands;
    std::istringstream in(text);
    std::string raw;
    int line_number = 0;
    while (std::getline(in, raw)) {
        ++line_number;
        std::size_t start = raw.find_first_not_of(" \t\r");
        if (start == std::string::npos || raw[start] == '#') continue;
        std::string line = raw.substr(start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        ScriptCommand command;
        command.line = line_number;
        command.source = line;
        std::size_t space = line.find(' ');
        command.verb = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        auto bad = [&](const std::string& why) {
            return core::make_error("script_invalid", "script line " + std::to_string(line_number) +
                                                          ": " + line + ": " + why);
        };
        const std::string& verb = command.verb;
        if (verb == "tap" || verb == "type" || verb == "keys" || verb == "scan" ||
            verb == "expect" || verb == "expect-not" || verb == "wait-for") {
            bool ok = false;
            std::size_t end = 0;
            command.text = core::to_nfc(unquote(rest, end, ok));
            if (!ok) return bad("expected a quoted text");
            if (verb == "wait-for") {
                try {
                    command.number = std::stoll(rest.substr(end));
                } catch (...) {
                    return bad("expected a time in ms after the text");
                }
            }
        } else if (verb == "wait" || verb == "wait-for-portal-data") {
            try {
                command.number = std::stoll(rest);
            } catch (...) {
                return bad("expected a time in ms");
            }
        } else if (verb == "shot") {
            if (rest.empty() || rest.find('/') != std::string::npos)
                return bad("expected a file name without '/'");
            command.text = rest;
        } else if (verb == "settings") {  // [layout]
            std::istringstream words(rest);
            std::string size, contrast;
            words >> size >> contrast;
            const int s = index_of(SizeNames, 4, size), c = index_of(ContrastNames, 4, contrast);
            if (s < 0 || c < 0)
                return bad(
                    "expected a size (small|normal|large|xlarge) and a contrast "
                    "(standard|high-light|high-dark|low-glare)");
            command.number = s * 4 + c;
        } else if (verb == "expect-size") {  // [pixels]
            const int size = index_of(SizeNames, 4, rest);
            if (size < 0) return bad("expected a size (small|normal|large|xlarge)");
            command.number = size;
            // [/pixels]
        } else if (verb == "raster" || verb == "fill-chrome") {
            if (rest != "on" && rest != "off") return bad("expected on or off");
            command.number = rest == "on";
        } else if (verb == "matrix") {
            std::istringstream words(rest);
            std::string name, shots = "some";
            words >> name >> shots;
            if (name.empty() || name.find('/') != std::string::npos)
                return bad("expected a name without '/'");
            const char* const policies[] = {"none", "some", "all"};
            const int policy = index_of(policies, 3, shots);
            if (policy < 0) return bad("expected all, some or none after the name");
            command.text = name;
            command.number = policy;
            // [/layout]
        } else if (verb != "audit") {
            return bad("unknown command '" + verb + "'");
        }
        commands.push_back(std::move(command));
    }
    return commands;
}

core::Status play_script(App& app, const std::vector<ScriptCommand>& commands,
                         const std::string& shots_dir) {
    app.settle();
    bool rasterise = true;  // [layout]
    for (const auto& command : commands) {
        const std::string& verb = command.verb;
        if (verb == "settings") {  // [layout]
            apply_settings(app, static_cast<int>(command.number / 4),
                           static_cast<int>(command.number % 4));
        } else if (verb == "raster") {
            rasterise = command.number != 0;
            app.set_rasterise(rasterise);
        } else if (verb == "fill-chrome") {
            app.set_model_hook(command.number ? std::function<void(core::ScreenModel&)>(fill_chrome)
                                              : nullptr);
            app.settle();
        } else if (verb == "matrix") {
            if (auto checked = matrix(app, command, shots_dir, rasterise); !checked) return checked;
            // [/layout]
        } else if (verb == "tap") {
            if (auto tapped = tap(app, command, command.text); !tapped) return tapped;
        } else if (verb == "type") {
            for (char32_t c : core::decode_utf8(command.text)) {
                app.feed(text_input(core::encode_utf8(std::u32string(1, c)),
                                    app.clock().monotonic_ms()));
                app.clock().advance(120);  // a person types a few keys a second
                app.frame();
            }
            app.settle();
        } else if (verb == "keys") {
            if (auto pressed = press_keys(app, command); !pressed) return pressed;
        } else if (verb == "scan") {
            for (char32_t c : core::decode_utf8(command.text)) {
                app.feed(text_input(core::encode_utf8(std::u32string(1, c)),
                                    app.clock().monotonic_ms()));
                app.clock().advance(2);  // a scanner types hundreds of keys a second
            }
            app.feed(key_down(SDLK_RETURN, app.clock().monotonic_ms()));
            app.settle();
        } else if (verb == "wait") {
            // Jump from timer to timer: exact, and no frames are drawn for nothing.
            for (long long left = command.number; left > 0;) {
                const std::int64_t now = app.clock().monotonic_ms();
                const std::int64_t due = app.next_deadline_ms();
                long long step = left;
                if (due > now && due - now < left) step = due - now;
                app.clock().advance(step);
                left -= step;
                app.frame();
            }
            app.settle();
        } else if (verb == "wait-for") {
            if (auto shown = wait_for(app, command); !shown) return shown;
        } else if (verb == "wait-for-portal-data") {
            if (auto loaded = wait_for_portal_data(app, command); !loaded) return loaded;
        } else if (verb == "shot") {
            app.settle();
            auto written = write_shot(app, command, shots_dir, command.text);  // [layout]
            app.set_rasterise(rasterise);
            if (!written) return written;
            auto missing = app.missing_glyphs();
            if (!missing.empty())
                return failure(app, command, "text would render as '?': " + missing.front());
        } else if (verb == "expect") {
            app.settle();
            if (!app.registry().shows(command.text))
                return failure(app, command, "\"" + command.text + "\" is not on screen");
        } else if (verb == "expect-size") {  // [pixels] the content's text size, now
            app.settle();
            const int shown = app.registry().info().content_size;
            if (shown != command.number)
                return failure(app, command,
                               std::string("the content is drawn at ") +
                                   (shown >= 0 && shown < 4 ? SizeNames[shown] : "no size") +
                                   " (the resident chose " +
                                   SizeNames[std::clamp(app.registry().info().text_size, 0, 3)] +
                                   ")");
            // [/pixels]
        } else if (verb == "expect-not") {
            app.settle();
            if (app.registry().shows(command.text))
                return failure(app, command, "\"" + command.text + "\" is on screen");
        } else if (verb == "audit") {
            app.settle();
            auto problems = audit(app.registry(), app.missing_glyphs());
            if (!problems.empty()) {
                std::string all;
                for (const auto& problem : problems) all += "\n    " + problem;
                return failure(app, command, "accessibility audit failed:" + all);
            }
        }
    }
    return core::Ok{};
}

}  // namespace motcua::platform
